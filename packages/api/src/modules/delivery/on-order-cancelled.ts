// `order.cancelled` (once, inside the consumer's transaction): the delivery is cancelled, any open offer
// withdrawn, its trip ended (record-trip.ts: a partner only offered goes back to waiting, its offer
// withdrawn), the drivers told, and the driver freed in the dispatcher.
import { sql } from "@pizza/db";
import { type OutboxMessage, writeOutbox } from "../../infra/outbox.ts";
import { zoneOf } from "./delivery-context.ts";
import type { DeliveryRuntime, Trx } from "./delivery-deps.ts";
import { endTripOfCancelled } from "./record-trip.ts";

export async function onOrderCancelled(
  rt: DeliveryRuntime,
  payload: Record<string, unknown>,
  trx: Trx,
): Promise<void> {
  const orderId = typeof payload.orderId === "string" ? payload.orderId : null;
  if (!orderId) return;
  const d = await trx
    .selectFrom("deliveries")
    .select(["id", "store_id", "driver_id", "status"])
    .where("order_id", "=", orderId)
    .executeTakeFirst();
  if (!d || d.status === "delivered" || d.status === "cancelled") return;
  await trx
    .updateTable("deliveries")
    .set({ status: "cancelled", version: sql`version + 1`, updated_at: new Date() })
    .where("id", "=", d.id)
    .execute();
  const pending = await trx
    .updateTable("delivery_offers")
    .set({ status: "cancelled", responded_at: new Date() })
    .where("delivery_id", "=", d.id)
    .where("status", "=", "pending")
    .returning("driver_id")
    .execute();
  const partners = await endTripOfCancelled(trx, d.id);
  const drivers = new Set([...pending.map((p) => p.driver_id), ...(d.driver_id ? [d.driver_id] : [])]);
  await writeOutbox(
    trx,
    ...[...drivers].map(
      (driverId): OutboxMessage => ({
        topic: "delivery.unassigned",
        aggregateId: orderId,
        payload: { deliveryId: d.id, orderId, storeId: d.store_id, driverId, reason: "order_cancelled" },
      }),
    ),
    // The rest of a trip that was only offered: that offer is withdrawn too (the order goes back to dispatch).
    ...partners.map(
      (p): OutboxMessage => ({
        topic: "delivery.unassigned",
        aggregateId: p.orderId,
        payload: { ...p, storeId: d.store_id, reason: "order_cancelled" },
      }),
    ),
  );
  // The dispatcher's "cancelled" event writes nothing (this transaction did), so calling it here is safe.
  await rt.dispatcher.cancel(zoneOf(d.store_id), d.id);
}
