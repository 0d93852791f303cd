// `order.quote`: prices a cart without placing it (the checkout page): the store, the lines, the
// totals and the promo outcome. Nothing is written; a promo code that does not apply is only noted.
import type { AuthUser } from "../auth/tokens.ts";
import { resolveCart } from "../menu/builder-rules.ts";
import { menuLocale } from "../menu/menu.service.ts";
import type { OrdersContext } from "./order-context.ts";
import { priceNewCart } from "./order-pricing.ts";
import { storeFor } from "./order-store.ts";
import type { TQuote, TQuoteRequest } from "./orders.schemas.ts";

export async function quoteOrder(ctx: OrdersContext, user: AuthUser, input: TQuoteRequest): Promise<TQuote> {
  const store = await storeFor(ctx, input);
  const menu = await ctx.menus.menu(store.id, menuLocale(input.locale, undefined));
  const lines = resolveCart(menu, input.items);
  const { breakdown } = await priceNewCart(ctx, user.id, input, menu, lines, false);
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
