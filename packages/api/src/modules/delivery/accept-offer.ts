// A driver takes their offer: the dispatcher decides (an expired or withdrawn offer is refused) and the
// delivery they now hold is answered.
import { notFound, preconditionFailed } from "../../errors.ts";
import type { AuthUser } from "../auth/tokens.ts";
import type { TCurrentDeliveryView } from "./delivery.schemas.ts";
import { currentView, loadDeliveryContext, zoneOf } from "./delivery-context.ts";
import type { DeliveryRuntime } from "./delivery-deps.ts";

/** The driver's own pending offer; someone else's offer looks exactly like a missing one. */
export async function driversOpenOffer(rt: DeliveryRuntime, user: AuthUser, offerId: string) {
  const offer = await rt.db
    .selectFrom("delivery_offers as f")
    .innerJoin("deliveries as d", "d.id", "f.delivery_id")
    .select(["f.id", "f.status", "f.delivery_id", "f.expires_at", "d.store_id"])
    .where("f.id", "=", offerId)
    .where("f.driver_id", "=", user.id)
    .executeTakeFirst();
  if (!offer) throw notFound("We could not find that offer.");
  if (offer.status !== "pending") {
    throw preconditionFailed(`This offer was already ${offer.status}.`, {
      reason: `offer_${offer.status}`,
    });
  }
  return offer;
}

export async function acceptOffer(
  rt: DeliveryRuntime,
  user: AuthUser,
  offerId: string,
): Promise<TCurrentDeliveryView> {
  const offer = await driversOpenOffer(rt, user, offerId);
  const res = await rt.dispatcher.accept(zoneOf(offer.store_id), offer.delivery_id, user.id);
  if (!res.ok) {
    throw preconditionFailed(
      res.reason === "expired"
        ? "This offer has expired; it went to another driver."
        : "This offer is no longer open.",
      { reason: res.reason },
    );
  }
  const ctx = await loadDeliveryContext(rt.db, offer.delivery_id);
  if (!ctx) throw notFound("We could not find that delivery.");
  return currentView(ctx);
}
