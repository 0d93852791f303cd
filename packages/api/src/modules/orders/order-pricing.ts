// Pricing an order's cart on the server (quote, place, update): the promo code is evaluated by the promos
// module, the amounts come from the pure pricing module, and delivery must reach the region's minimum.
import { formatMoney } from "@pizza/contracts";
import type { Database, Kysely } from "@pizza/db";
import { badRequest, preconditionFailed } from "../../errors.ts";
import type { ResolvedLine } from "../menu/builder-rules.ts";
import type { Menu } from "../menu/menu.types.ts";
import { type PriceBreakdown, type PromoDiscountRule, priceCart } from "../pricing/pricing.ts";
import type { PromoRow } from "../promos/promo-rules.ts";
import type { OrdersContext } from "./order-context.ts";

export interface PricedOrder {
  breakdown: PriceBreakdown;
  /** The promo that applies (to be redeemed when the order is written), or null. */
  promo: PromoRow | null;
  /** Why the promo code did not apply, when it was dropped instead of refused. */
  promoNote: string | null;
}

/**
 * Prices a cart. A promo code that does not apply is refused with its reason when `strictPromo` (a code
 * the customer just typed), otherwise dropped with a note (a quote, an order's existing code).
 */
export async function priceOrder(
  ctx: Pick<OrdersContext, "db" | "promos">,
  args: {
    customerId: string;
    menu: Menu;
    lines: ResolvedLine[];
    channel: "delivery" | "carryout";
    tip: number;
    promoCode?: string | undefined;
    excludeOrderId?: string | undefined;
    strictPromo: boolean;
  },
  db: Kysely<Database> = ctx.db,
): Promise<PricedOrder> {
  assertTipAccepted(args.menu, args.tip);
  let promo: PromoRow | null = null;
  let promoNote: string | null = null;
  let rule: PromoDiscountRule | undefined;
  if (args.promoCode) {
    const { customerId, menu, lines, channel, tip, excludeOrderId } = args;
    const ev = await ctx.promos.evaluate(
      { code: args.promoCode, customerId, menu, lines, channel, tip, excludeOrderId },
      db,
    );
    if (ev.ok) {
      promo = ev.promo;
      rule = ev.rule;
    } else if (args.strictPromo) {
      throw preconditionFailed(ev.refusal.reason, { reason: "promo", promoReason: ev.refusal.code });
    } else {
      promoNote = ev.refusal.reason;
    }
  }
  const breakdown = priceCart({
    region: args.menu.region,
    channel: args.channel,
    lines: args.lines,
    tip: args.tip,
    promo: promo && rule ? { code: promo.code, rule } : undefined,
  });
  if (promoNote && args.promoCode)
    breakdown.promo = { code: args.promoCode.toUpperCase(), applied: false, reason: promoNote };
  return { breakdown, promo, promoNote };
}

/** A customer's new cart (a quote, a placement): their channel, tip and promo code. */
export function priceNewCart(
  ctx: Pick<OrdersContext, "db" | "promos">,
  customerId: string,
  cart: { channel: "delivery" | "carryout"; tip: number; promoCode?: string | undefined },
  menu: Menu,
  lines: ResolvedLine[],
  strictPromo: boolean,
): Promise<PricedOrder> {
  const { channel, tip, promoCode } = cart;
  return priceOrder(ctx, { customerId, menu, lines, channel, tip, promoCode, strictPromo });
}

/** Delivery starts at the region's minimum subtotal; the refusal says how much is missing, in its money. */
export function assertDeliveryMinimum(menu: Menu, channel: "delivery" | "carryout", subtotal: number): void {
  const { minDeliverySubtotal, currency, currencyDigits, locale } = menu.region;
  if (channel !== "delivery" || subtotal >= minDeliverySubtotal) return;
  const money = (minor: number) => formatMoney(minor, currency, currencyDigits, locale);
  throw preconditionFailed(
    `Delivery starts at ${money(minDeliverySubtotal)}; add ${money(minDeliverySubtotal - subtotal)} more or choose carryout.`,
    { reason: "below_delivery_minimum" },
  );
}

/** A tip in a region that takes none (Tokyo) is refused, before anything is priced or written. */
function assertTipAccepted(menu: Menu, tip: number): void {
  if (tip > 0 && !menu.region.tipsAccepted)
    throw badRequest(
      `${menu.store.name} does not take tips (they are not customary there); please remove the tip.`,
      {
        reason: "tips_not_accepted",
      },
    );
}
