// `payment.applyPromoCode({ orderId, code })`: the code applied to the caller's own order while it
// can still change (pending payment, or placed before the kitchen starts). The order is re-priced
// through `OrdersService.update` with its current lines — a new version, the code redeemed in the
// same transaction, the payments hooks run — exactly as if the customer had typed the code while
// editing the order. Quoting a code against a cart (nothing written) is `promo.check`.
import { z } from "zod";
import { notFound } from "../../errors.ts";
import { msg } from "../../i18n/message.ts";
import type { AuthUser } from "../auth/tokens.ts";
import { ZLocale } from "../menu/menu.schemas.ts";
import { cartLineOf } from "./order-rows.ts";
import type { OrdersService } from "./orders.service.ts";

export const ZApplyPromoCodeRequest = z.object({
  orderId: z.uuid("Order id must be a UUID."),
  code: z.string().trim().min(2, "Enter a promo code.").max(40, "That code is too long."),
  locale: ZLocale,
});
export type TApplyPromoCodeRequest = z.infer<typeof ZApplyPromoCodeRequest>;

export async function applyPromoCode(orders: OrdersService, user: AuthUser, input: TApplyPromoCodeRequest) {
  const order = await orders.get(user, input.orderId);
  // Only one's own order: an admin seeing it does not make it theirs.
  if (order.customerId !== user.id) throw notFound(msg("order.notFound"));
  return orders.update(user, {
    orderId: order.id,
    // The lines as they are: a concurrent change is refused (stale version), never overwritten.
    expectedVersion: order.version,
    items: order.items.map((l) => cartLineOf(l.itemId, l.variant, l.quantity, l.config)),
    promoCode: input.code,
    locale: input.locale,
  });
}
