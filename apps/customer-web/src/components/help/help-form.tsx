// The form behind "Problem with my order": what went wrong, which item (for a missing or wrong one), a
// message, and a photo if the customer wants (JPEG, PNG or WebP up to 2 MB; the server strips its
// metadata). The photo goes first straight to the blob store (help.photoUploadLink, a signed PUT,
// help.confirmPhoto), then the request names it.
import { errorMessage, useTRPC } from "@pizza/ui";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useId, useState } from "react";
import { useT } from "../../i18n/index.tsx";

const KINDS = [
  { id: "missing_item", label: "help.kind.missing" },
  { id: "wrong_item", label: "help.kind.wrong" },
  { id: "late", label: "help.kind.late" },
  { id: "quality", label: "help.kind.quality" },
  { id: "other", label: "help.kind.other" },
] as const;
type Kind = (typeof KINDS)[number]["id"];
const MAX_PHOTO = 2 * 1024 * 1024;

type PhotoType = "image/jpeg" | "image/png" | "image/webp";

/** PUTs the photo to its signed link; the link's own refusal (a sentence) when it says no. */
async function putPhoto(link: { url: string; method: "PUT"; headers: Record<string, string> }, file: File) {
  const res = await fetch(link.url, { method: link.method, headers: link.headers, body: file });
  if (res.ok) return;
  const body = (await res.json().catch(() => ({}))) as { message?: string };
  throw new Error(body.message ?? "The photo could not be sent; try another one.");
}

export function HelpForm({ orderId, onDone }: { orderId: string; onDone(): void }) {
  const t = useT();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const order = useQuery(trpc.order.getOrder.queryOptions({ orderId }));
  const file = useMutation(trpc.help.file.mutationOptions());
  const photoLink = useMutation(trpc.help.photoUploadLink.mutationOptions());
  const confirmPhoto = useMutation(trpc.help.confirmPhoto.mutationOptions());
  const [kind, setKind] = useState<Kind | null>(null);
  const [lines, setLines] = useState<number[]>([]);
  const [message, setMessage] = useState("");
  const [photo, setPhoto] = useState<File | null>(null);
  const [error, setError] = useState("");
  const [sending, setSending] = useState(false);
  const id = useId();
  const needsLine = kind === "missing_item" || kind === "wrong_item";

  async function send(event: FormEvent) {
    event.preventDefault();
    setError("");
    if (!kind) return setError(t("help.chooseKind"));
    if (needsLine && lines.length === 0) return setError(t("help.chooseItem"));
    if (!message.trim()) return setError(t("help.tellUs"));
    if (photo && photo.size > MAX_PHOTO) return setError(t("help.photoTooLarge"));
    setSending(true);
    try {
      let photoId: string | undefined;
      if (photo) {
        const announced = { contentType: photo.type as PhotoType, size: photo.size };
        const link = await photoLink.mutateAsync(announced);
        await putPhoto(link, photo);
        photoId = (await confirmPhoto.mutateAsync({ key: link.key, ...announced })).photoId;
      }
      await file.mutateAsync({
        orderId,
        kind,
        lineNos: needsLine ? lines : [],
        message: message.trim(),
        ...(photoId ? { photoId } : {}),
      });
      await queryClient.invalidateQueries(trpc.help.mine.pathFilter());
      onDone();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setSending(false);
    }
  }

  return (
    <form className="card stack" onSubmit={send} aria-labelledby={`${id}-h`} noValidate>
      <h2 id={`${id}-h`}>{t("help.title")}</h2>
      <fieldset className="stack stack--tight">
        <legend className="field__label">{t("help.what")}</legend>
        {KINDS.map((k) => (
          <label key={k.id} className="choice">
            <input type="radio" name={`${id}-kind`} checked={kind === k.id} onChange={() => setKind(k.id)} />
            {t(k.label)}
          </label>
        ))}
      </fieldset>
      {needsLine ? (
        <fieldset className="stack stack--tight">
          <legend className="field__label">{t("help.which")}</legend>
          {(order.data?.items ?? []).map((i) => (
            <label key={i.lineNo} className="choice">
              <input
                type="checkbox"
                checked={lines.includes(i.lineNo)}
                onChange={(e) =>
                  setLines((ls) => (e.target.checked ? [...ls, i.lineNo] : ls.filter((n) => n !== i.lineNo)))
                }
              />
              {i.quantity} × {i.name}
            </label>
          ))}
        </fieldset>
      ) : null}
      <label className="field">
        <span className="field__label">{t("help.happened")}</span>
        <textarea
          className="input"
          rows={3}
          value={message}
          maxLength={1000}
          onChange={(e) => setMessage(e.target.value)}
        />
      </label>
      <label className="field">
        <span className="field__label">{t("help.photo")}</span>
        <input
          className="input"
          type="file"
          accept="image/jpeg,image/png,image/webp"
          onChange={(e) => setPhoto(e.target.files?.[0] ?? null)}
        />
      </label>
      {error ? (
        <div className="alert alert--error" role="alert">
          {error}
        </div>
      ) : null}
      <div className="row">
        <button type="submit" className="button button--primary" disabled={sending}>
          {sending ? t("reset.sending") : t("help.send")}
        </button>
        <button type="button" className="button button--ghost" onClick={onDone}>
          {t("common.cancel")}
        </button>
      </div>
    </form>
  );
}
