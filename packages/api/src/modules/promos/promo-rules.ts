// Promo conditions: pure checks of a code against a cart's context. The discount math is in
// pricing.ts (promoDiscount); this file decides whether a code may be used at all, and why not.
import type { Database } from "@pizza/db";
import type { Selectable } from "kysely";
import { type Message, moneyArg, msg } from "../../i18n/message.ts";
import type { PromoDiscountRule } from "../pricing/pricing.ts";
import { localTime } from "../stores/hours.ts";

/** The columns of a promo code its rules need. */
export const PROMO_COLUMNS = [
  "id",
  "code",
  "description",
  "kind",
  "percent",
  "amount",
  "max_discount",
  "currency",
  "free_item_id",
  "bundle",
  "min_subtotal",
  "valid_from",
  "valid_to",
  "region_code",
  "store_id",
  "first_order_only",
  "per_customer_limit",
  "usage_limit",
  "used_count",
  "active",
  "customer_id",
] as const;

export type PromoRow = Pick<Selectable<Database["promo_codes"]>, (typeof PROMO_COLUMNS)[number]>;

export type PromoRefusalCode =
  | "not_found"
  | "inactive"
  | "not_started"
  | "expired"
  | "wrong_region"
  | "wrong_store"
  | "wrong_currency"
  | "below_minimum"
  | "first_order_only"
  | "customer_limit"
  | "limit_reached"
  | "channel"
  | "missing_item"
  | "no_bundle"
  | "nothing_to_discount";

export interface PromoContext {
  now: Date;
  regionCode: string;
  storeId: string;
  storeTimezone: string;
  storeName: string;
  currency: string;
  currencyDigits: number;
  locale: string;
  subtotal: number;
  /** The customer's live (not released) redemptions of this code, excluding the order being changed. */
  customerRedemptions: number;
  /** The customer has a non-cancelled order other than the one being changed. */
  customerHasOrders: boolean;
  /** Who is using the code: a credit (`customer_id`) is only theirs. */
  customerId: string;
}

export interface PromoRefusal {
  code: PromoRefusalCode;
  /** The English sentence (`message.text`). */
  reason: string;
  /** The sentence as a catalog message, said in the customer's language. */
  message: Message;
}

export const refusal = (code: PromoRefusalCode, message: Message): PromoRefusal => ({
  code,
  reason: message.text,
  message,
});

function storeDate(at: Date, tz: string): string {
  const t = localTime(at, tz);
  const hh = String(Math.floor(t.minutes / 60)).padStart(2, "0");
  const mm = String(t.minutes % 60).padStart(2, "0");
  return `${t.date} ${hh}:${mm}`;
}

/** Why a code cannot be used here and now, or null when its conditions hold. Checked in this order. */
export function refusePromo(p: PromoRow, ctx: PromoContext): PromoRefusal | null {
  // A credit issued to one customer (help with an order) is unknown to everyone else.
  if (p.customer_id !== null && p.customer_id !== ctx.customerId)
    return refusal("not_found", msg("promo.unknown", { code: p.code }));
  if (!p.active) return refusal("inactive", msg("promo.inactive", { code: p.code }));
  if (p.valid_from && ctx.now < p.valid_from) {
    return refusal(
      "not_started",
      msg("promo.notStarted", { code: p.code, date: storeDate(p.valid_from, ctx.storeTimezone) }),
    );
  }
  if (p.valid_to && ctx.now >= p.valid_to) {
    return refusal(
      "expired",
      msg("promo.expired", { code: p.code, date: storeDate(p.valid_to, ctx.storeTimezone) }),
    );
  }
  if (p.region_code && p.region_code !== ctx.regionCode) {
    return refusal("wrong_region", msg("promo.wrongRegion", { code: p.code }));
  }
  if (p.store_id && p.store_id !== ctx.storeId) {
    return refusal("wrong_store", msg("promo.wrongStore", { code: p.code, store: ctx.storeName }));
  }
  if (p.currency && p.currency.trim() !== ctx.currency) {
    return refusal("wrong_currency", msg("promo.wrongCurrency", { code: p.code }));
  }
  if (p.kind === "bundle" && p.bundle && p.bundle.price[ctx.regionCode] === undefined) {
    return refusal("wrong_region", msg("promo.dealWrongRegion", { code: p.code }));
  }
  if (ctx.subtotal < p.min_subtotal) {
    const money = (minor: number) => moneyArg(minor, ctx.currency, ctx.currencyDigits);
    return refusal(
      "below_minimum",
      msg("promo.belowMinimum", {
        code: p.code,
        minimum: money(p.min_subtotal),
        missing: money(p.min_subtotal - ctx.subtotal),
      }),
    );
  }
  if (p.first_order_only && ctx.customerHasOrders) {
    return refusal("first_order_only", msg("promo.firstOrderOnly", { code: p.code }));
  }
  if (p.per_customer_limit !== null && ctx.customerRedemptions >= p.per_customer_limit) {
    return refusal(
      "customer_limit",
      msg("promo.customerLimit", { code: p.code, limit: p.per_customer_limit }),
    );
  }
  if (p.usage_limit !== null && p.used_count >= p.usage_limit) {
    return refusal("limit_reached", msg("promo.usedUp", { code: p.code }));
  }
  return null;
}

/** The discount rule pricing applies, in the region's terms. */
export function discountRule(p: PromoRow, regionCode: string, itemName?: string): PromoDiscountRule {
  switch (p.kind) {
    case "percent":
      return { kind: "percent", percent: p.percent ?? 0, maxDiscount: p.max_discount };
    case "fixed":
      return { kind: "fixed", amount: p.amount ?? 0 };
    case "free_delivery":
      return { kind: "free_delivery" };
    case "free_item":
      return { kind: "free_item", itemId: p.free_item_id ?? "", ...(itemName ? { itemName } : {}) };
    case "bundle": {
      const b = p.bundle;
      return {
        kind: "bundle",
        bundleKind: b?.kind ?? "pizza",
        ...(b?.variant ? { variant: b.variant } : {}),
        quantity: b?.quantity ?? 2,
        price: b?.price[regionCode] ?? 0,
      };
    }
  }
}
