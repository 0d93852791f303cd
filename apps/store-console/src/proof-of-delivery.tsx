// Proof of delivery in the store's delivery details (issue 20): when the order was delivered, the photo
// at the door and the customer's signature, whether the handover code was given, the bag checks, and —
// when the driver marked it delivered away from the address — how far and why, flagged. Managers get
// download links for the photo and the signature (the server gives them to managers only).
import type { DeliveryStatus } from "./store-api-types.ts";

type Proof = NonNullable<DeliveryStatus["proof"]>;

const REASONS: Record<NonNullable<Proof["awayReason"]>, string> = {
  met_elsewhere: "met the customer elsewhere",
  address_wrong: "the address was wrong",
  other: "another reason",
};

/** "2.1 km" or "450 m". */
export const distanceWords = (m: number) =>
  m >= 1000 ? `${(m / 1000).toFixed(1)} km` : `${Math.round(m)} m`;

const timeOf = (iso: string) => new Date(iso).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });

export function ProofOfDelivery({ proof }: { proof: Proof }) {
  return (
    <div className="stack stack--tight" data-testid="proof-of-delivery">
      <h3>Proof of delivery</h3>
      {proof.deliveredAt ? <p>Delivered at {timeOf(proof.deliveredAt)}</p> : null}
      {proof.awayReason ? (
        <div className="alert alert--error" role="note" data-testid="delivered-away">
          <strong>
            Marked delivered {proof.distanceM !== null ? `${distanceWords(proof.distanceM)} ` : ""}from the
            address: {REASONS[proof.awayReason]}
          </strong>
          {proof.awayNote ? <p className="small">Driver's note: “{proof.awayNote}”</p> : null}
        </div>
      ) : null}
      {proof.codeVerified !== null ? (
        <p data-testid="proof-code">
          {proof.codeVerified
            ? "Handover code: given by the customer."
            : "Handover code: not given; a manager confirmed the handover."}
        </p>
      ) : null}
      {proof.bagChecks ? <p className="small muted">Bag checked: {proof.bagChecks.join(", ")}</p> : null}
      {proof.photoUrl ? (
        <img
          src={proof.photoUrl}
          alt="The order at the door, as the driver left it"
          style={{ maxWidth: "100%", maxHeight: "16rem", objectFit: "contain" }}
        />
      ) : proof.photoRemoved ? (
        <p className="muted small" data-testid="proof-photo-removed">
          The photo was deleted {proof.photoRemoved.afterDays} days after delivery (retention period).
        </p>
      ) : (
        <p className="muted small">No photo was taken at the door.</p>
      )}
      {proof.signatureUrl ? (
        <img
          src={proof.signatureUrl}
          alt="The customer's signature"
          data-testid="proof-signature"
          style={{ maxWidth: "18rem", background: "#fff", border: "1px solid #ccc" }}
        />
      ) : null}
      {proof.downloads ? <ProofDownloads downloads={proof.downloads} /> : null}
    </div>
  );
}

/** A manager's links to download what was captured at the door (short-lived: the view refetches). */
function ProofDownloads({ downloads }: { downloads: NonNullable<Proof["downloads"]> }) {
  const links = [
    { href: downloads.photo, label: "Download the photo", file: "delivery-photo.jpg" },
    { href: downloads.signature, label: "Download the signature", file: "delivery-signature.png" },
  ].filter((l) => l.href);
  if (links.length === 0) return null;
  return (
    <p className="row" data-testid="proof-downloads">
      {links.map((l) => (
        <a
          key={l.file}
          className="button button--small"
          href={l.href!}
          download={l.file}
          target="_blank"
          rel="noreferrer"
        >
          {l.label}
        </a>
      ))}
    </p>
  );
}
