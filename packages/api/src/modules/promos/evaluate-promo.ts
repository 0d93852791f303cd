// Whether a promo code applies to a priced cart: the code's conditions (dates, region, store, minimum,
// first order, per-customer and global limits), then whether the discount math finds anything to
// discount. Reads only; redemption happens in the order's transaction (redeem-promo.ts).
import { type Database, type Kysely, sql } from "@pizza/db";
import { msg } from "../../i18n/message.ts";
import type { ResolvedLine } from "../menu/builder-rules.ts";
import type { Menu } from "../menu/menu.types.ts";
import { dealsOnOffer } from "../menu/menu-deals.ts";
import { customerHasOtherOrders } from "../orders/order-for-promos.ts";
import { type PromoDiscountRule, priceCart } from "../pricing/pricing.ts";
import {
  discountRule,
  PROMO_COLUMNS,
  type PromoRefusal,
  type PromoRow,
  refusal as refused,
  refusePromo,
} from "./promo-rules.ts";

export type PromoEvaluation =
  | { ok: true; promo: PromoRow; rule: PromoDiscountRule }
  | { ok: false; refusal: PromoRefusal };

export interface PromoEvaluationInput {
  code: string;
  customerId: string;
  menu: Menu;
  lines: readonly ResolvedLine[];
  channel: "delivery" | "carryout";
  tip: number;
  /** When re-checking an order being changed: its own redemption and itself do not count. */
  excludeOrderId?: string | undefined;
}

const NO_ORDER = "00000000-0000-0000-0000-000000000000";

export const normalizeCode = (code: string) => code.trim().toUpperCase();

export function findPromo(db: Kysely<Database>, code: string): Promise<PromoRow | undefined> {
  return db
    .selectFrom("promo_codes")
    .select(PROMO_COLUMNS)
    .where("code", "=", normalizeCode(code))
    .executeTakeFirst();
}

/** The customer's live (not released) redemptions of a code, not counting `excludeOrderId`'s. */
export async function liveRedemptions(
  db: Kysely<Database>,
  promoId: string,
  customerId: string,
  excludeOrderId?: string,
): Promise<number> {
  let q = db
    .selectFrom("promo_redemptions")
    .select(sql<number>`count(*)::int`.as("n"))
    .where("promo_id", "=", promoId)
    .where("customer_id", "=", customerId)
    .where("released_at", "is", null);
  if (excludeOrderId) q = q.where("order_id", "<>", excludeOrderId);
  return (await q.executeTakeFirstOrThrow()).n;
}

/** Checks a code for a priced cart: conditions first, then whether it discounts anything. */
export async function evaluatePromo(
  db: Kysely<Database>,
  args: PromoEvaluationInput,
  now: Date,
): Promise<PromoEvaluation> {
  const promo = await findPromo(db, args.code);
  if (!promo)
    return {
      ok: false,
      refusal: refused("not_found", msg("promo.unknown", { code: normalizeCode(args.code) })),
    };
  const exclude = args.excludeOrderId ?? NO_ORDER;
  const [redemptions, hasOrders] = await Promise.all([
    promo.per_customer_limit !== null ? liveRedemptions(db, promo.id, args.customerId, exclude) : 0,
    promo.first_order_only ? customerHasOtherOrders(db, args.customerId, exclude) : false,
  ]);
  const { menu } = args;
  const subtotal = args.lines.reduce((s, l) => s + l.unitPrice * l.quantity, 0);
  const refusal = refusePromo(promo, {
    now,
    regionCode: menu.region.code,
    storeId: menu.store.id,
    storeTimezone: menu.store.timezone,
    storeName: menu.store.name,
    currency: menu.region.currency,
    currencyDigits: menu.region.currencyDigits,
    locale: menu.region.locale,
    subtotal,
    customerRedemptions: redemptions,
    customerHasOrders: hasOrders,
    customerId: args.customerId,
  });
  if (refusal) return { ok: false, refusal };
  const itemName = promo.free_item_id ? menu.items.find((i) => i.id === promo.free_item_id)?.name : undefined;
  const rule = discountRule(promo, menu.region.code, itemName);
  const priced = priceCart({
    region: menu.region,
    channel: args.channel,
    lines: args.lines,
    tip: args.tip,
    promo: { code: promo.code, rule },
    // As the order will be priced: the deals first, the code on what they left (order-pricing.ts).
    deals: dealsOnOffer(menu, now),
  });
  if (priced.promo && !priced.promo.applied) {
    const why = priced.promo.reasonMessage ?? msg("promo.nothingToDiscount");
    return { ok: false, refusal: refused(pricingRefusalCode(rule), why) };
  }
  return { ok: true, promo, rule };
}

/** The discount math has its own reasons (no bundle in the cart, carryout for free delivery…). */
function pricingRefusalCode(rule: PromoDiscountRule): PromoRefusal["code"] {
  switch (rule.kind) {
    case "free_delivery":
      return "channel";
    case "free_item":
      return "missing_item";
    case "bundle":
      return "no_bundle";
    default:
      return "nothing_to_discount";
  }
}
