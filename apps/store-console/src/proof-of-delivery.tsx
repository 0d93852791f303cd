// Proof of delivery in the store's delivery details (issue 20): when the order was delivered, the photo
// at the door, and — when the driver marked it delivered away from the address — how far and why, flagged.
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
    </div>
  );
}
