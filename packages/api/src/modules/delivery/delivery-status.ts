// Where a delivery stands, for the order's customer, its driver and its store's staff (and admins):
// stage, driver and position, live ETAs, when the driver was first near the drop-off (`arrivingAt`, so the
// tracker's "arriving" banner survives a reload); why this driver (candidates, offers) for the store only.
// Once delivered, the proof (delivery-proof.ts): the photo and signature (store and customer, short-lived
// links), where the driver was, why away from the address, the code and bag checks (store), download links
// (managers). The handover code's state for the store and the driver. Anyone else gets the answer a missing order gets. Also the live ETA of the orders module's tracker.
import type { AssignmentExplanation } from "@pizza/dispatch";
import { notFound } from "../../errors.ts";
import { actsForStore } from "../auth/store-access.ts";
import type { AuthUser } from "../auth/tokens.ts";
import { orderForDispatch } from "../orders/order-for-dispatch.ts";
import type { TDeliveryStatus, TDriverOnTheWay } from "./delivery.schemas.ts";
import { type DeliveryContext, iso, loadDeliveryContext, zoneOf } from "./delivery-context.ts";
import type { DeliveryRuntime } from "./delivery-deps.ts";
import { handoverState, isManager, proofOf } from "./delivery-proof.ts";
import { tripPositionOf } from "./record-trip.ts";

export async function deliveryStatus(
  rt: DeliveryRuntime,
  user: AuthUser,
  orderId: string,
): Promise<TDeliveryStatus> {
  const order = await orderForDispatch(rt.db, orderId);
  if (!order) throw notFound("We could not find that order.");
  const d = await rt.db
    .selectFrom("deliveries")
    .select([
      "id",
      "arriving_at",
      "delivered_at",
      "dropoff_lat",
      "dropoff_lng",
      "dropoff_position_at",
      "dropoff_distance_m",
      "away_reason",
      "away_note",
      "photo_key",
      "proof_removed_at",
      "signature_key",
      "code_verified",
      "bag_checks",
    ])
    .where("order_id", "=", order.id)
    .executeTakeFirst();
  const ctx = d ? await loadDeliveryContext(rt.db, d.id) : undefined;
  const staffView = actsForStore(user, order.storeId);
  const customerView = user.role === "customer" && order.customerId === user.id;
  const allowed = staffView || customerView || (user.role === "driver" && ctx?.driverId === user.id);
  if (!allowed) throw notFound("We could not find that order.");
  const base = {
    orderId: order.id,
    orderStatus: order.status,
    // The code's state (never the code) for the store and the driver: "code failed 5×", confirmed.
    handover: customerView && !staffView ? null : handoverState(order.handover),
  };
  if (!ctx) {
    return {
      ...base,
      stage: order.channel === "delivery" ? "not_started" : "carryout",
      driver: null,
      etaPickupAt: null,
      etaDropoffAt: null,
      arrivingAt: null,
      trip: null,
      explanation: null,
      proof: null,
    };
  }
  const live = await liveDriver(rt, ctx);
  return {
    ...base,
    stage: ctx.status,
    driver: live.driver,
    etaPickupAt: live.etaPickupAt,
    etaDropoffAt: live.etaDropoffAt,
    arrivingAt: iso(d?.arriving_at),
    trip: ctx.status === "cancelled" ? null : await tripPositionOf(rt.db, ctx.id),
    // Why this driver (candidates, distances, who declined): for the store only.
    explanation: staffView ? await explanationFor(rt, ctx) : null,
    proof:
      d && ctx.status === "delivered"
        ? await proofOf(rt, d, { staffView, customerView, manager: staffView && (await isManager(rt, user)) })
        : null,
  };
}

/** The driver holding the delivery, where they are, and the ETAs recomputed from there. */
async function liveDriver(rt: DeliveryRuntime, ctx: DeliveryContext) {
  let driver: TDriverOnTheWay | null = null;
  let etaPickupAt = iso(ctx.etaPickupAt);
  let etaDropoffAt = iso(ctx.etaDropoffAt);
  if (ctx.driverId && (ctx.status === "assigned" || ctx.status === "picked_up")) {
    const info = await rt.drivers.info(ctx.driverId);
    const snap = await rt.index.getDriver(ctx.driverId, ctx.zone);
    const pos = snap?.position ?? null;
    driver = {
      driverId: ctx.driverId,
      name: info?.name ?? "Your driver",
      position: pos ? { lat: pos.lat, lng: pos.lng, at: new Date(pos.ts).toISOString() } : null,
    };
    const eta = await rt.dispatcher
      .etaFor(ctx.zone, ctx.id, { pickedUp: ctx.status === "picked_up" })
      .catch(() => null);
    if (eta) {
      const now = Date.now();
      if (ctx.status !== "picked_up") etaPickupAt = new Date(now + eta.pickupS * 1000).toISOString();
      etaDropoffAt = new Date(now + eta.dropoffS * 1000).toISOString();
    }
  }
  return { driver, etaPickupAt, etaDropoffAt };
}

async function explanationFor(rt: DeliveryRuntime, ctx: DeliveryContext) {
  const rec = await rt.dispatcher.status(ctx.zone, ctx.id).catch(() => null);
  const offers = await rt.db
    .selectFrom("delivery_offers")
    .select(["driver_id", "status", "distance_m", "eta_s", "offered_at", "responded_at"])
    .where("delivery_id", "=", ctx.id)
    .orderBy("offered_at")
    .execute();
  return {
    ...((rec?.explanation ?? ctx.explanation ?? {}) as Partial<AssignmentExplanation>),
    declined: rec?.declined ?? offers.filter((o) => o.status === "declined").map((o) => o.driver_id),
    timedOut: rec?.timedOut ?? offers.filter((o) => o.status === "expired").map((o) => o.driver_id),
    offers: offers.map((o) => ({
      driverId: o.driver_id,
      status: o.status,
      distanceM: o.distance_m,
      pickupEtaS: o.eta_s,
      offeredAt: iso(o.offered_at),
      respondedAt: iso(o.responded_at),
    })),
  };
}

/** The live drop-off ETA of an order out with a driver (the orders module's `etaProvider` hook). */
export async function etaForOrder(rt: DeliveryRuntime, orderId: string): Promise<Date | undefined> {
  const d = await rt.db
    .selectFrom("deliveries")
    .select(["id", "store_id", "status"])
    .where("order_id", "=", orderId)
    .executeTakeFirst();
  if (!d || (d.status !== "assigned" && d.status !== "picked_up")) return undefined;
  const eta = await rt.dispatcher
    .etaFor(zoneOf(d.store_id), d.id, { pickedUp: d.status === "picked_up" })
    .catch(() => null);
  return eta ? new Date(Date.now() + eta.dropoffS * 1000) : undefined;
}
