// The dispatcher's listener: every outcome is mirrored in PostgreSQL with its outbox event, each in its
// own transaction (offers and assignments in their own files; releases and "no driver" here).

import { sql } from "@pizza/db";
import type { AssignmentExplanation, DispatchEvent } from "@pizza/dispatch";
import { writeOutbox } from "../../infra/outbox.ts";
import { eventBase, loadDeliveryContext } from "./delivery-context.ts";
import type { DeliveryRuntime } from "./delivery-deps.ts";
import { recordAssignment } from "./record-assignment.ts";
import { recordOffer } from "./record-offer.ts";
import { endTripStop } from "./record-trip.ts";

const NO_DRIVER_NOTE = "no available driver";

export async function recordDispatchEvent(rt: DeliveryRuntime, event: DispatchEvent): Promise<void> {
  switch (event.type) {
    case "offer_made":
      return recordOffer(rt, event);
    case "accepted":
      return recordAssignment(rt, event);
    case "declined":
    case "expired":
      return recordRelease(rt, event);
    case "no_driver":
      return recordNoDriver(rt, event);
    case "cancelled":
    case "completed":
      // Written by the transaction that caused them (order cancelled, drop-off).
      return;
  }
}

/** A driver declined or let the offer run out: the offer closed, the delivery back to waiting. */
async function recordRelease(
  rt: DeliveryRuntime,
  e: Extract<DispatchEvent, { type: "declined" | "expired" }>,
): Promise<void> {
  await rt.db.transaction().execute(async (trx) => {
    const ctx = await loadDeliveryContext(trx, e.deliveryId);
    if (!ctx) return;
    const now = new Date();
    const changed = await trx
      .updateTable("delivery_offers")
      .set({ status: e.type, responded_at: now })
      .where("delivery_id", "=", e.deliveryId)
      .where("driver_id", "=", e.driverId)
      .where("status", "=", "pending")
      .returning("id")
      .execute();
    await endTripStop(trx, e.deliveryId);
    const stillPending = await trx
      .selectFrom("delivery_offers")
      .select("id")
      .where("delivery_id", "=", e.deliveryId)
      .where("status", "=", "pending")
      .executeTakeFirst();
    if (ctx.status === "offered" && !stillPending) {
      await trx
        .updateTable("deliveries")
        .set({ status: "waiting", version: sql`version + 1`, updated_at: now })
        .where("id", "=", e.deliveryId)
        .where("status", "=", "offered")
        .execute();
    }
    if (changed.length === 0) return;
    await writeOutbox(trx, {
      topic: "delivery.unassigned",
      aggregateId: ctx.orderId,
      payload: {
        ...eventBase(ctx),
        driverId: e.driverId,
        reason: e.type,
      },
    });
  });
}

/** Nobody available: the explanation kept, and the store told once (not at every retry). */
async function recordNoDriver(
  rt: DeliveryRuntime,
  e: Extract<DispatchEvent, { type: "no_driver" }>,
): Promise<void> {
  await rt.db.transaction().execute(async (trx) => {
    const ctx = await loadDeliveryContext(trx, e.deliveryId);
    if (!ctx || (ctx.status !== "waiting" && ctx.status !== "offered")) return;
    const before = ctx.explanation as Partial<AssignmentExplanation> | null;
    await trx
      .updateTable("deliveries")
      .set({ explanation: JSON.stringify(e.explanation), updated_at: new Date() })
      .where("id", "=", e.deliveryId)
      .execute();
    if (before?.note === NO_DRIVER_NOTE) return;
    await writeOutbox(trx, {
      topic: "delivery.no_driver",
      aggregateId: ctx.orderId,
      payload: {
        ...eventBase(ctx),
        orderNumber: ctx.orderNumber,
        retryAt: new Date(e.retryAt).toISOString(),
        candidates: e.explanation.candidates.length,
      },
    });
  });
}
