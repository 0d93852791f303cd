// The store's latest delivered orders and, for the one chosen, its proof of delivery (issue 20): time,
// photo, and a flag when the driver marked it delivered away from the address.
import { errorMessage, useTRPC } from "@pizza/ui";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { ProofOfDelivery } from "./proof-of-delivery.tsx";

export function RecentDeliveries({ storeId }: { storeId: string }) {
  const trpc = useTRPC();
  const [orderId, setOrderId] = useState("");
  const delivered = useQuery({
    ...trpc.order.storeOrders.queryOptions({ storeId, statuses: ["delivered"], limit: 20 }),
    refetchInterval: 30_000,
  });
  const orders = (delivered.data ?? []).filter((o) => o.channel === "delivery");
  const chosen = orderId || orders[0]?.id || "";
  // The photo link is short-lived (minutes): refetched while shown.
  const status = useQuery({
    ...trpc.delivery.getDeliveryStatus.queryOptions({ orderId: chosen }),
    enabled: chosen !== "",
    refetchInterval: 60_000,
  });
  return (
    <section className="card stack" aria-labelledby="delivered-title" data-testid="recent-deliveries">
      <h2 id="delivered-title">Delivered</h2>
      {delivered.error ? <p className="alert alert--error">{errorMessage(delivered.error)}</p> : null}
      {orders.length === 0 ? (
        <p className="muted">No delivered orders yet.</p>
      ) : (
        <label className="field">
          <span className="field__label">Delivered order</span>
          <select className="input" value={chosen} onChange={(e) => setOrderId(e.target.value)}>
            {orders.map((o) => (
              <option key={o.id} value={o.id}>
                #{o.orderNumber}
              </option>
            ))}
          </select>
        </label>
      )}
      {status.data?.proof ? <ProofOfDelivery proof={status.data.proof} /> : null}
    </section>
  );
}
