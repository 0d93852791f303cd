// Proof of delivery on the tracker (issue 20): once delivered, when the driver left the order and the
// photo they took at the door, and the customer's signature when they signed. The photo link is
// short-lived (5 minutes): the delivery status refetches. After the retention period
// (DELIVERY_PHOTO_RETENTION_DAYS) the photo is gone and the tracker says so.

import { useT } from "../../i18n/index.tsx";
import type { DeliveryStatus } from "../../order-state.ts";
import { clockTime } from "./order-progress.tsx";

export function DeliveryProof({
  current,
  proof,
}: {
  current: string;
  proof: DeliveryStatus["proof"] | undefined;
}) {
  const t = useT();
  if (current !== "delivered" || !(proof?.photoUrl || proof?.signatureUrl || proof?.photoRemoved))
    return null;
  return (
    <section className="card stack stack--tight" data-testid="delivery-proof">
      {proof.deliveredAt ? <p>{t("proof.deliveredAt", { time: clockTime(proof.deliveredAt) })}</p> : null}
      {proof.photoRemoved ? (
        <p className="muted small" data-testid="proof-photo-removed">
          {t("proof.photoRemoved", { days: proof.photoRemoved.afterDays })}
        </p>
      ) : null}
      {proof.photoUrl ? (
        <img
          src={proof.photoUrl}
          alt={t("proof.photoAlt")}
          style={{
            maxWidth: "100%",
            maxHeight: "20rem",
            objectFit: "contain",
            alignSelf: "flex-start",
            borderRadius: "0.5rem",
          }}
        />
      ) : null}
      {proof.signatureUrl ? (
        <img
          src={proof.signatureUrl}
          alt={t("proof.signatureAlt")}
          data-testid="proof-signature"
          style={{ maxWidth: "18rem", alignSelf: "flex-start", background: "#fff", borderRadius: "0.5rem" }}
        />
      ) : null}
    </section>
  );
}
