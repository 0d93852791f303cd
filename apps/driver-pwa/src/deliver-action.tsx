import type { AppRouter } from "@pizza/api/router";
import type { inferRouterOutputs } from "@trpc/server";
import { useId, useState } from "react";
import { useOutbox } from "./outbox.tsx";
import type { AwayCode } from "./queue.ts";

type CurrentDelivery = inferRouterOutputs<AppRouter>["delivery"]["current"][number];

const REASONS: { code: AwayCode; label: string }[] = [
  { code: "met_elsewhere", label: "Met the customer elsewhere" },
  { code: "address_wrong", label: "The address is wrong" },
  { code: "other", label: "Other" },
];

/**
 * At the door: the drop-off photo (the phone's camera), and "Delivered". When the server refused it
 * because the driver is far from the address, the driver says why and sends it again (with the photo
 * already taken). Everything goes through the outbox, so it also works offline.
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
  const [reason, setReason] = useState<AwayCode | null>(null);
  const [note, setNote] = useState("");
  const away = refused.findLast((r) => r.away && r.action.deliveryId === d.deliveryId);
  const earlier = away?.action;

  const send = () =>
    void submit({
      kind: "delivered",
      deliveryId: d.deliveryId,
      orderNumber: d.orderNumber,
      ...(cashCollected !== undefined ? { cashCollected } : {}),
      ...(away && reason
        ? { awayReason: { code: reason, ...(note.trim() ? { note: note.trim() } : {}) } }
        : {}),
      ...(photo
        ? { photo }
        : earlier?.photoRef
          ? { photoRef: earlier.photoRef }
          : earlier?.photo
            ? { photo: earlier.photo }
            : {}),
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
        disabled={disabled || (away !== undefined && reason === null)}
        onClick={send}
      >
        {away ? "Delivered anyway" : "Delivered"}
      </button>
    </>
  );
}
