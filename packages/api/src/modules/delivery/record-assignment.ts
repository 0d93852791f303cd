// A driver has the delivery (an accepted offer or a staff override): the offer accepted, anyone else's
// offer void, the delivery assigned and `delivery.assigned` (plus `delivery.unassigned` to whoever lost
// it) in one transaction; the in-process listeners are told after it commits.

import { sql } from "@pizza/db";
import type { DispatchEvent } from "@pizza/dispatch";
import { type OutboxMessage, writeOutbox } from "../../infra/outbox.ts";
import { eventBase, loadDeliveryContext } from "./delivery-context.ts";
import type { DeliveryRuntime } from "./delivery-deps.ts";

export async function recordAssignment(
  rt: DeliveryRuntime,
  e: Extract<DispatchEvent, { type: "accepted" }>,
): Promise<void> {
  const stored = await rt.db.transaction().execute(async (trx) => {
    const ctx = await loadDeliveryContext(trx, e.deliveryId);
    if (!ctx || ctx.status === "delivered" || ctx.status === "cancelled" || ctx.status === "picked_up")
      return false;
    const now = new Date();
    await trx
      .updateTable("delivery_offers")
      .set({ status: "accepted", responded_at: now })
      .where("delivery_id", "=", e.deliveryId)
      .where("driver_id", "=", e.driverId)
      .where("status", "=", "pending")
      .execute();
    // A staff override took it from someone else: their accepted offer is void now.
    const replaced = await trx
      .updateTable("delivery_offers")
      .set({ status: "cancelled", responded_at: now })
      .where("delivery_id", "=", e.deliveryId)
      .where("driver_id", "!=", e.driverId)
      .where("status", "in", ["pending", "accepted"])
      .returning("driver_id")
      .execute();
    await trx
      .updateTable("deliveries")
      .set({
        status: "assigned",
        driver_id: e.driverId,
        assigned_at: now,
        ...(e.explanation ? { explanation: JSON.stringify(e.explanation) } : {}),
        version: sql`version + 1`,
        updated_at: now,
      })
      .where("id", "=", e.deliveryId)
      .execute();
    const base = eventBase(ctx);
    await writeOutbox(
      trx,
      ...[...new Set(replaced.map((r) => r.driver_id))].map(
        (driverId): OutboxMessage => ({
          topic: "delivery.unassigned",
          aggregateId: ctx.orderId,
          payload: { ...base, driverId, reason: "reassigned" },
        }),
      ),
      {
        topic: "delivery.assigned",
        aggregateId: ctx.orderId,
        payload: { ...base, customerId: ctx.customerId, driverId: e.driverId, at: now.toISOString() },
      },
    );
    return true;
  });
  if (stored) rt.listeners.assigned({ deliveryId: e.deliveryId, driverId: e.driverId });
}
