// The dispatcher offered a delivery to a driver: the offer, the delivery's explanation and ETAs and the
// `delivery.offered` event in one transaction; the in-process listeners are told after it commits.

import { sql } from "@pizza/db";
import type { DispatchEvent } from "@pizza/dispatch";
import { writeOutbox } from "../../infra/outbox.ts";
import { eventBase, loadDeliveryContext } from "./delivery-context.ts";
import type { DeliveryRuntime } from "./delivery-deps.ts";
import { recordTripStop } from "./record-trip.ts";

export async function recordOffer(
  rt: DeliveryRuntime,
  e: Extract<DispatchEvent, { type: "offer_made" }>,
): Promise<void> {
  const offerId = await rt.db.transaction().execute(async (trx) => {
    const ctx = await loadDeliveryContext(trx, e.deliveryId);
    if (!ctx || !["waiting", "offered", "assigned"].includes(ctx.status)) return null;
    const chosen = e.explanation.chosen;
    const distanceM = Math.round(chosen?.distanceM ?? 0);
    const pickupEtaS = Math.round(chosen?.pickupEtaS ?? 0);
    const offer = await trx
      .insertInto("delivery_offers")
      .values({
        delivery_id: e.deliveryId,
        driver_id: e.driverId,
        status: "pending",
        distance_m: distanceM,
        eta_s: pickupEtaS,
        pay: ctx.deliveryFee + ctx.tip,
        offered_at: new Date(e.at),
        expires_at: new Date(e.deadline),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    if (e.trip) {
      await recordTripStop(trx, e.trip, {
        deliveryId: e.deliveryId,
        driverId: e.driverId,
        storeId: ctx.storeId,
      });
    }
    await trx
      .updateTable("deliveries")
      .set({
        status: ctx.status === "assigned" ? "assigned" : "offered",
        explanation: JSON.stringify(e.explanation),
        eta_pickup_at: chosen ? new Date(e.at + chosen.pickupEtaS * 1000) : null,
        eta_dropoff_at: new Date(e.at + e.explanation.dropoffEtaS * 1000),
        version: sql`version + 1`,
        updated_at: new Date(),
      })
      .where("id", "=", e.deliveryId)
      .execute();
    await writeOutbox(trx, {
      topic: "delivery.offered",
      aggregateId: ctx.orderId,
      payload: {
        ...eventBase(ctx),
        driverId: e.driverId,
        offerId: offer.id,
        expiresAt: new Date(e.deadline).toISOString(),
        distanceM,
        pickupEtaS,
      },
    });
    return offer.id;
  });
  if (offerId)
    rt.listeners.offered({
      offerId,
      deliveryId: e.deliveryId,
      driverId: e.driverId,
      deadline: e.deadline,
      ...(e.trip ? { tripId: e.trip.tripId } : {}),
    });
}
