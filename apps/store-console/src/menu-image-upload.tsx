// Admins: give a menu item, a deal or a promo banner its picture (issue 22). Pick what, choose the file,
// describe it (alt text: English required, German and Japanese optional), see it before and after, or
// remove it. The picture goes to a signed upload link, then `menuImage.save` renders the sizes the apps
// show; the customers' menu shows it at once. Each refusal sits under its field (menu-image-errors.ts).
import { errorMessage, useTRPC } from "@pizza/ui";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { FormNote, useFormNote } from "./form-note.tsx";
import { putUpload } from "./image-upload.ts";
import { type ImageFieldErrors, imageFieldErrors } from "./menu-image-errors.ts";
import { TextField } from "./text-field.tsx";

const TYPES = "image/jpeg,image/png,image/webp";
const GROUPS = [
  ["item", "Menu items"],
  ["deal", "Deals"],
  ["promo", "Promos"],
] as const;

/** Thrown before anything is sent: what the form itself can tell is missing. */
class MissingChoice extends Error {
  constructor(readonly fields: ImageFieldErrors) {
    super("Check the highlighted fields.");
  }
}

/** The error under a field, tied to it for screen readers (`aria-describedby="<id>-error"`). */
function FieldError({ id, text }: { id: string; text: string | undefined }) {
  return text ? (
    <span className="field__error" id={`${id}-error`}>
      {text}
    </span>
  ) : null;
}
const described = (id: string, text: string | undefined) =>
  text ? { "aria-invalid": true, "aria-describedby": `${id}-error` } : {};

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
      if (!current || !file)
        throw new MissingChoice({
          ...(current ? {} : { subject: "Choose what the picture is for." }),
          ...(file ? {} : { file: "Choose a picture file: JPEG, PNG or WebP." }),
        });
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
    onError: (e) =>
      setNote({
        ok: false,
        text: Object.keys(fieldErrorsOf(e)).length > 0 ? "Check the highlighted fields." : errorMessage(e),
      }),
  });
  const removeImage = useMutation(
    trpc.menuImage.remove.mutationOptions({
      onSuccess: ({ removed }) => {
        setNote({
          ok: true,
          text: removed
            ? `Removed: ${current?.name} no longer shows a picture.`
            : `${current?.name} had no picture.`,
        });
        void queryClient.invalidateQueries({ queryKey: trpc.menuImage.subjects.queryKey() });
        void queryClient.invalidateQueries({ queryKey: trpc.menu.getMenu.queryKey() });
      },
      onError: (e) => setNote({ ok: false, text: errorMessage(e) }),
    }),
  );
  const errors = upload.isError ? fieldErrorsOf(upload.error) : {};

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
          <select
            className="input"
            value={choice}
            onChange={(e) => {
              setChoice(e.target.value);
              upload.reset();
            }}
            {...described("image-subject", errors.subject)}
          >
            <option value="">Choose an item, a deal or a promo…</option>
            {GROUPS.map(([kind, label]) => (
              <optgroup key={kind} label={label}>
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
          <FieldError id="image-subject" text={errors.subject} />
        </label>
        <label className="field">
          <span className="field__label">Picture file</span>
          <input
            className="input"
            key={fileInput}
            type="file"
            accept={TYPES}
            onChange={(e) => setFile(e.target.files?.[0] ?? null)}
            {...described("image-file", errors.file)}
          />
          <FieldError id="image-file" text={errors.file} />
        </label>
        <TextField
          id="alt-en"
          error={errors["alt.en"]}
          label="Alt text (English, required)"
          value={alt.en}
          maxLength={200}
          onValue={(en) => setAlt({ ...alt, en })}
        />
        <TextField
          id="alt-de"
          error={errors["alt.de"]}
          label="Alt text (German)"
          value={alt.de}
          maxLength={200}
          onValue={(de) => setAlt({ ...alt, de })}
        />
        <TextField
          id="alt-ja"
          error={errors["alt.ja"]}
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
        <div className="row">
          <button type="submit" className="button button--primary" disabled={upload.isPending}>
            {upload.isPending ? "Uploading…" : "Upload picture"}
          </button>
          {current?.image ? (
            <button
              type="button"
              className="button"
              disabled={removeImage.isPending}
              onClick={() => {
                setNote(null);
                removeImage.mutate({ kind: current.kind, id: current.id });
              }}
            >
              {removeImage.isPending ? "Removing…" : "Remove picture"}
            </button>
          ) : null}
        </div>
        <FormNote note={note} />
      </form>
    </section>
  );
}

/** The form's own refusals (nothing chosen) and the API's, per field. */
function fieldErrorsOf(error: unknown): ImageFieldErrors {
  return error instanceof MissingChoice ? error.fields : imageFieldErrors(error);
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
