// `order.quote`: prices a cart without placing it (the builder, the cart): the store, the lines, the
// totals and the promo outcome. Nothing is written; a promo code that does not apply is only noted.
// Public: a stranger sees prices before signing in (limited per IP, order-limits.ts); promo codes,
// and loyalty rewards, which depend on who is asking, are priced for signed-in customers only.
import type { AuthUser } from "../auth/tokens.ts";
import { resolveCart } from "../menu/builder-rules.ts";
import { menuLocale } from "../menu/menu.service.ts";
import type { OrdersContext } from "./order-context.ts";
import { priceNewCart } from "./order-pricing.ts";
import { storeFor } from "./order-store.ts";
import type { TQuote } from "./order-views.schemas.ts";
import type { TQuoteRequest } from "./orders.schemas.ts";

export async function quoteOrder(
  ctx: OrdersContext,
  user: AuthUser | null,
  input: TQuoteRequest,
): Promise<TQuote> {
  const store = await storeFor(ctx, input);
  const menu = await ctx.menus.menu(store.id, menuLocale(input.locale, undefined));
  const lines = resolveCart(menu, input.items);
  const { breakdown } = user
    ? await priceNewCart(ctx, user.id, input, menu, lines, false)
    : await priceNewCart(
        ctx,
        "",
        { ...input, promoCode: undefined, rewardId: undefined },
        menu,
        lines,
        false,
      );
  return {
    storeId: store.id,
    lines: lines.map((l) => ({
      itemId: l.itemId,
      name: l.name,
      variant: l.variant,
      quantity: l.quantity,
      unitPrice: l.unitPrice,
      lineTotal: l.unitPrice * l.quantity,
    })),
    ...breakdown,
  };
}
