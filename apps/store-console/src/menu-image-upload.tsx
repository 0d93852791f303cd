// Admins: give a menu item or a promo banner its picture (issue 22). Pick what, choose the file, describe
// it (alt text: English required, German and Japanese optional), see it before and after. The picture
// goes to a signed upload link, then `menuImage.save` renders the sizes the apps show; the customers'
// menu shows it at once. Hosted in the Store tab for now (the Menu tab will take it).
import { errorMessage, useTRPC } from "@pizza/ui";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { FormNote, useFormNote } from "./form-note.tsx";
import { putUpload } from "./image-upload.ts";
import { TextField } from "./text-field.tsx";

const TYPES = "image/jpeg,image/png,image/webp";

export function MenuImageUpload() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const subjects = useQuery(trpc.menuImage.subjects.queryOptions());
  const [choice, setChoice] = useState("");
  const [file, setFile] = useState<File | null>(null);
  // A new key empties the file input after a save (its value cannot be set).
  const [fileInput, setFileInput] = useState(0);
  const [alt, setAlt] = useState({ en: "", de: "", ja: "" });
  const [note, setNote] = useFormNote();
  const preview = useObjectUrl(file);
  const current = subjects.data?.find((s) => `${s.kind}:${s.id}` === choice);

  const uploadLink = useMutation(trpc.menuImage.uploadLink.mutationOptions());
  const saveImage = useMutation(trpc.menuImage.save.mutationOptions());
  const upload = useMutation({
    mutationFn: async () => {
      if (!current || !file) throw new Error("Choose what the picture is for, and a file.");
      const subject = { kind: current.kind, id: current.id };
      const request = { subject, alt, contentType: file.type, size: file.size };
      const link = await uploadLink.mutateAsync(request);
      await putUpload(link, file);
      return saveImage.mutateAsync({ ...request, key: link.key });
    },
    onSuccess: () => {
      setNote({ ok: true, text: `Saved: ${current?.name} now shows this picture.` });
      setFile(null);
      setFileInput((n) => n + 1);
      void queryClient.invalidateQueries({ queryKey: trpc.menuImage.subjects.queryKey() });
      void queryClient.invalidateQueries({ queryKey: trpc.menu.getMenu.queryKey() });
    },
    onError: (e) => setNote({ ok: false, text: errorMessage(e) }),
  });

  useEffect(() => {
    setAlt({ en: current?.alt?.en ?? "", de: current?.alt?.de ?? "", ja: current?.alt?.ja ?? "" });
  }, [current?.alt?.en, current?.alt?.de, current?.alt?.ja]);

  return (
    <section className="card stack" aria-labelledby="menu-images-title">
      <h2 id="menu-images-title">Menu pictures</h2>
      <p className="muted small">
        A picture for a menu card (cropped 4:3) or a promo banner (16:5): JPEG, PNG or WebP, at most 8 MB.
      </p>
      <form
        className="stack"
        onSubmit={(e) => {
          e.preventDefault();
          setNote(null);
          upload.mutate();
        }}
      >
        <label className="field">
          <span className="field__label">Picture for</span>
          <select className="input" value={choice} onChange={(e) => setChoice(e.target.value)}>
            <option value="">Choose an item or a promo…</option>
            {(["item", "promo"] as const).map((kind) => (
              <optgroup key={kind} label={kind === "item" ? "Menu items" : "Promos"}>
                {subjects.data
                  ?.filter((s) => s.kind === kind)
                  .map((s) => (
                    <option key={s.id} value={`${s.kind}:${s.id}`}>
                      {s.name}
                      {s.image ? " (has a picture)" : ""}
                    </option>
                  ))}
              </optgroup>
            ))}
          </select>
        </label>
        <label className="field">
          <span className="field__label">Picture file</span>
          <input
            className="input"
            key={fileInput}
            type="file"
            accept={TYPES}
            onChange={(e) => setFile(e.target.files?.[0] ?? null)}
          />
        </label>
        <TextField
          id="alt-en"
          label="Alt text (English, required)"
          value={alt.en}
          maxLength={200}
          onValue={(en) => setAlt({ ...alt, en })}
        />
        <TextField
          id="alt-de"
          label="Alt text (German)"
          value={alt.de}
          maxLength={200}
          onValue={(de) => setAlt({ ...alt, de })}
        />
        <TextField
          id="alt-ja"
          label="Alt text (Japanese)"
          value={alt.ja}
          maxLength={200}
          onValue={(ja) => setAlt({ ...alt, ja })}
        />
        <div className="row">
          {preview ? (
            <figure className="image-preview">
              <img src={preview} alt={alt.en || "The chosen file"} />
              <figcaption className="small muted">Chosen file</figcaption>
            </figure>
          ) : null}
          {current?.image ? (
            <figure className="image-preview">
              <img
                src={current.image.src}
                alt={current.image.alt}
                width={current.image.width}
                height={current.image.height}
              />
              <figcaption className="small muted">Now on the menu</figcaption>
            </figure>
          ) : null}
        </div>
        <button type="submit" className="button button--primary" disabled={upload.isPending}>
          {upload.isPending ? "Uploading…" : "Upload picture"}
        </button>
        <FormNote note={note} />
      </form>
    </section>
  );
}

/** A short-lived URL showing the chosen file before it is uploaded; revoked when it changes. */
function useObjectUrl(file: File | null): string | null {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    if (!file) return setUrl(null);
    const next = URL.createObjectURL(file);
    setUrl(next);
    return () => URL.revokeObjectURL(next);
  }, [file]);
  return url;
}
