import type { AppRouter } from "@pizza/api/router";
import type { inferRouterOutputs } from "@trpc/server";
import { useId, useState } from "react";
import { useOutbox } from "./outbox.tsx";
import type { AwayCode, QueuedAction } from "./queue.ts";
import { SignaturePad } from "./signature-pad.tsx";

type CurrentDelivery = inferRouterOutputs<AppRouter>["delivery"]["current"][number];

const REASONS: { code: AwayCode; label: string }[] = [
  { code: "met_elsewhere", label: "Met the customer elsewhere" },
  { code: "address_wrong", label: "The address is wrong" },
  { code: "other", label: "Other" },
];

/** The photo and signature to send: the ones just taken, else those a refused attempt already captured. */
function attachments(photo: Blob | null, signature: Blob | null, earlier: QueuedAction | undefined) {
  const kept = <R,>(fresh: Blob | null, ref: R | undefined, blob: Blob | undefined) =>
    fresh ? { blob: fresh } : ref ? { ref } : blob ? { blob } : {};
  const p = kept(photo, earlier?.photoRef, earlier?.photo);
  const s = kept(signature, earlier?.signatureRef, earlier?.signature);
  return {
    ...("blob" in p ? { photo: p.blob } : "ref" in p ? { photoRef: p.ref } : {}),
    ...("blob" in s ? { signature: s.blob } : "ref" in s ? { signatureRef: s.ref } : {}),
  };
}

/**
 * At the door: the drop-off photo (the phone's camera), the customer's signature (optional), the
 * customer's 4-digit code when the order needs one, and "Delivered". When the server refused it because
 * the driver is far from the address, the driver says why and sends it again; after a wrong code, the
 * code is asked again (the photo and signature already taken are kept). Five wrong codes lock it until
 * the store confirms. Everything goes through the outbox, so it also works offline.
 */
export function DeliverAction({
  delivery: d,
  disabled,
  cashCollected,
}: {
  delivery: CurrentDelivery;
  disabled: boolean;
  cashCollected: number | undefined;
}) {
  const { refused, submit } = useOutbox();
  const id = useId();
  const [photo, setPhoto] = useState<File | null>(null);
  const [signature, setSignature] = useState<Blob | null>(null);
  const [code, setCode] = useState("");
  const [reason, setReason] = useState<AwayCode | null>(null);
  const [note, setNote] = useState("");
  const last = refused.findLast((r) => r.action.deliveryId === d.deliveryId);
  const away = last?.away ? last : undefined;
  // What a refused attempt already captured (uploaded or not) is sent again.
  const earlier = last?.action;
  const askCode = d.codeRequired && !d.codeConfirmed;
  const locked = d.codeLocked || last?.reason === "handover_locked";
  const codeValid = !askCode || /^[0-9]{4}$/.test(code);

  const send = () =>
    void submit({
      kind: "delivered",
      deliveryId: d.deliveryId,
      orderNumber: d.orderNumber,
      ...(cashCollected !== undefined ? { cashCollected } : {}),
      ...(away && reason
        ? { awayReason: { code: reason, ...(note.trim() ? { note: note.trim() } : {}) } }
        : {}),
      ...(askCode ? { handoverCode: code } : {}),
      ...attachments(photo, signature, earlier),
    });

  return (
    <>
      <div className="field">
        <label className="field__label" htmlFor={`${id}-photo`}>
          Photo
        </label>
        <input
          id={`${id}-photo`}
          className="input"
          type="file"
          accept="image/*"
          capture="environment"
          data-testid="photo"
          onChange={(e) => setPhoto(e.target.files?.[0] ?? null)}
        />
        {earlier?.photo || earlier?.photoRef ? (
          <p className="muted small">The photo you took is kept.</p>
        ) : null}
      </div>
      <SignaturePad onChange={setSignature} />
      {askCode ? (
        <div className="field">
          <label className="field__label" htmlFor={`${id}-code`}>
            Customer's code (4 digits)
          </label>
          <input
            id={`${id}-code`}
            className="input"
            inputMode="numeric"
            autoComplete="off"
            maxLength={4}
            data-testid="handover-code"
            value={code}
            disabled={locked}
            onChange={(e) => setCode(e.target.value.replace(/\D/g, ""))}
          />
          {locked ? (
            <p className="muted small" role="alert" data-testid="code-locked">
              The code was wrong 5 times: ask the store to confirm the handover.
            </p>
          ) : (
            <p className="muted small">Ask the customer for the code shown in their tracker.</p>
          )}
        </div>
      ) : d.codeRequired ? (
        <p className="muted small" data-testid="code-confirmed">
          The store confirmed the handover: no code needed.
        </p>
      ) : null}
      {away ? (
        <fieldset className="checklist" data-testid="away-reason">
          <legend role="alert">{away.message}</legend>
          {REASONS.map((r) => (
            <label key={r.code} className="checkbox" htmlFor={`${id}-${r.code}`}>
              <input
                id={`${id}-${r.code}`}
                type="radio"
                name={`${id}-reason`}
                checked={reason === r.code}
                onChange={() => setReason(r.code)}
              />
              <span>{r.label}</span>
            </label>
          ))}
          <input
            className="input"
            aria-label="Note (optional)"
            placeholder="Note (optional)"
            maxLength={280}
            value={note}
            onChange={(e) => setNote(e.target.value)}
          />
        </fieldset>
      ) : null}
      <button
        type="button"
        className="button button--primary button--block"
        disabled={disabled || !codeValid || (askCode && locked) || (away !== undefined && reason === null)}
        onClick={send}
      >
        {away ? "Delivered anyway" : "Delivered"}
      </button>
    </>
  );
}
