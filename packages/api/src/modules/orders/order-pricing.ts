import type { Database, Kysely } from "@pizza/db";
import { badRequest, notFound, preconditionFailed } from "../../errors.ts";
import { type Message, moneyArg, msg } from "../../i18n/message.ts";
import { type PricedReward, rewardFor } from "../loyalty/rewards.ts";
import type { ResolvedLine } from "../menu/builder-rules.ts";
import type { Menu } from "../menu/menu.types.ts";
import { dealsOnOffer } from "../menu/menu-deals.ts";
import { type PriceBreakdown, type PromoDiscountRule, priceCart } from "../pricing/pricing.ts";
import type { PromoRow } from "../promos/promo-rules.ts";
import type { OrdersContext } from "./order-context.ts";

export interface PricedOrder {
  breakdown: PriceBreakdown;
  /** The promo that applies (to be redeemed when the order is written), or null. */
  promo: PromoRow | null;
  /** Why the promo code did not apply, when it was dropped instead of refused. */
  promoNote: Message | null;
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
    /** A loyalty reward of the menu's region; refused with its reason when strict, else noted. */
    rewardId?: string | undefined;
    /** The reward an order being edited holds: priced as bought (its points, even if the catalogue changed
     * or it is no longer offered), never refused: the caller drops it when it no longer applies. */
    heldReward?: { id: string; points: number } | undefined;
    excludeOrderId?: string | undefined;
    strictPromo: boolean;
  },
  db: Kysely<Database> = ctx.db,
): Promise<PricedOrder> {
  assertTipAccepted(args.menu, args.tip);
  let promo: PromoRow | null = null;
  let promoNote: Message | null = null;
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
      throw preconditionFailed(ev.refusal.message, { reason: "promo", promoReason: ev.refusal.code });
    } else {
      promoNote = ev.refusal.message;
    }
  }
  const reward = args.heldReward
    ? await chosenReward(db, args.heldReward.id, args.menu, args.heldReward.points)
    : args.rewardId
      ? await chosenReward(db, args.rewardId, args.menu)
      : undefined;
  const breakdown = priceCart({
    region: args.menu.region,
    channel: args.channel,
    lines: args.lines,
    tip: args.tip,
    promo: promo && rule ? { code: promo.code, rule } : undefined,
    reward,
    // The same deals in a quote, a placement and an edit: those of the menu on offer at this moment.
    deals: dealsOnOffer(args.menu, new Date()),
  });
  if (args.strictPromo && !args.heldReward && breakdown.reward && !breakdown.reward.applied)
    throw preconditionFailed(breakdown.reward.reasonMessage, { reason: "reward" });
  if (promoNote && args.promoCode)
    breakdown.promo = {
      code: args.promoCode.toUpperCase(),
      applied: false,
      reason: promoNote.text,
      reasonMessage: promoNote,
    };
  return { breakdown, promo, promoNote };
}

/** A customer's new cart (a quote, a placement): their channel, tip, promo code and loyalty reward. */
export function priceNewCart(
  ctx: Pick<OrdersContext, "db" | "promos">,
  customerId: string,
  cart: {
    channel: "delivery" | "carryout";
    tip: number;
    promoCode?: string | undefined;
    rewardId?: string | undefined;
  },
  menu: Menu,
  lines: ResolvedLine[],
  strictPromo: boolean,
): Promise<PricedOrder> {
  const { channel, tip, promoCode, rewardId } = cart;
  return priceOrder(ctx, { customerId, menu, lines, channel, tip, promoCode, rewardId, strictPromo });
}

/**
 * The reward the cart chose, from the catalogue of the store's region: another region's is not found. An
 * order's held reward (`heldPoints`, what it spent) is found even when the catalogue no longer offers it.
 */
async function chosenReward(
  db: Kysely<Database>,
  rewardId: string,
  menu: Menu,
  heldPoints?: number,
): Promise<PricedReward> {
  const found = await rewardFor(db, rewardId, menu.region.code, {
    inactiveToo: heldPoints !== undefined,
    locale: menu.locale,
  });
  if (!found) throw notFound(msg("loyalty.rewardNotFound", { store: menu.store.name }));
  const reward = heldPoints === undefined ? found : { ...found, points: heldPoints };
  if (reward.rule.kind !== "free_item") return reward;
  // "Add Margherita Medium 12" to your order": the item as this menu names it, in the caller's language.
  const { itemId, variant } = reward.rule;
  const item = menu.items.find((i) => i.id === itemId);
  const size = item?.variants.find((v) => v.id === variant)?.name;
  const itemName = item ? [item.name, size].filter(Boolean).join(" ") : reward.name;
  return { ...reward, rule: { ...reward.rule, itemName } };
}

/** Delivery starts at the region's minimum subtotal; the refusal says how much is missing, in its money. */
export function assertDeliveryMinimum(menu: Menu, channel: "delivery" | "carryout", subtotal: number): void {
  const { minDeliverySubtotal, currency, currencyDigits, locale } = menu.region;
  if (channel !== "delivery" || subtotal >= minDeliverySubtotal) return;
  const money = (minor: number) => moneyArg(minor, currency, currencyDigits);
  throw preconditionFailed(
    msg("order.minimum", {
      minimum: money(minDeliverySubtotal),
      missing: money(minDeliverySubtotal - subtotal),
    }),
    { reason: "below_delivery_minimum" },
  );
}

/** A tip in a region that takes none (Tokyo) is refused, before anything is priced or written. */
function assertTipAccepted(menu: Menu, tip: number): void {
  if (tip > 0 && !menu.region.tipsAccepted)
    throw badRequest(msg("order.noTips", { store: menu.store.name }), {
      reason: "tips_not_accepted",
    });
}
