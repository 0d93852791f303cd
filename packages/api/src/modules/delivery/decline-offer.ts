// A driver turns their offer down: the dispatcher offers it to the next nearest driver at once.
import { preconditionFailed } from "../../errors.ts";
import type { AuthUser } from "../auth/tokens.ts";
import { driversOpenOffer } from "./accept-offer.ts";
import type { TDeclineOfferResult } from "./delivery.schemas.ts";
import { zoneOf } from "./delivery-context.ts";
import type { DeliveryRuntime } from "./delivery-deps.ts";

export async function declineOffer(
  rt: DeliveryRuntime,
  user: AuthUser,
  offerId: string,
): Promise<TDeclineOfferResult> {
  const offer = await driversOpenOffer(rt, user, offerId);
  const ok = await rt.dispatcher.decline(zoneOf(offer.store_id), offer.delivery_id, user.id);
  if (!ok) throw preconditionFailed("This offer is no longer open.", { reason: "no_such_offer" });
  return { offerId, status: "declined" };
}
