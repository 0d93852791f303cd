// A driver's own open offers, with the store to go to, the door, the distance and the pay.
import type { AuthUser } from "../auth/tokens.ts";
import type { TOfferView } from "./delivery.schemas.ts";
import { storePlace, withOrderAndStore } from "./delivery-context.ts";
import type { DeliveryRuntime } from "./delivery-deps.ts";
import { inTripOrder, tripPositionOf } from "./record-trip.ts";

export async function myOffers(rt: DeliveryRuntime, user: AuthUser): Promise<TOfferView[]> {
  const rows = await rt.db
    .selectFrom("delivery_offers as f")
    .innerJoin("deliveries as d", "d.id", "f.delivery_id")
    .select([
      "f.id",
      "f.delivery_id",
      "f.distance_m",
      "f.eta_s",
      "f.pay",
      "f.expires_at",
      "d.order_id",
      "d.store_id",
    ])
    .where("f.driver_id", "=", user.id)
    .where("f.status", "=", "pending")
    .where("f.expires_at", ">", new Date())
    .orderBy("f.offered_at")
    .execute();
  const offers = await withOrderAndStore(rt.db, rows, (r, o, s) => ({
    offerId: r.id,
    deliveryId: r.delivery_id,
    orderId: r.order_id,
    orderNumber: o.orderNumber,
    store: storePlace(s),
    dropoff: { lat: o.lat ?? 0, lng: o.lng ?? 0, address: o.address },
    distanceM: r.distance_m,
    pickupEtaS: r.eta_s,
    pay: r.pay,
    currency: o.currency,
    expiresAt: new Date(r.expires_at).toISOString(),
  }));
  const withTrips = await Promise.all(
    offers.map(async (o) => ({ ...o, trip: await tripPositionOf(rt.db, o.deliveryId) })),
  );
  return inTripOrder(withTrips, (o) => o.offerId);
}
