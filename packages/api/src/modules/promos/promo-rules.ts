// Promo conditions: pure checks of a code against a cart's context. The discount math is in
// pricing.ts (promoDiscount); this file decides whether a code may be used at all, and why not.
import { formatMoney } from "@pizza/contracts";
import type { Database } from "@pizza/db";
import type { Selectable } from "kysely";
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
  reason: string;
}

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
    return { code: "not_found", reason: `We don't know the code ${p.code}.` };
  if (!p.active) return { code: "inactive", reason: `The code ${p.code} is no longer active.` };
  if (p.valid_from && ctx.now < p.valid_from) {
    return {
      code: "not_started",
      reason: `The code ${p.code} starts on ${storeDate(p.valid_from, ctx.storeTimezone)} (store time).`,
    };
  }
  if (p.valid_to && ctx.now >= p.valid_to) {
    return {
      code: "expired",
      reason: `The code ${p.code} expired on ${storeDate(p.valid_to, ctx.storeTimezone)} (store time).`,
    };
  }
  if (p.region_code && p.region_code !== ctx.regionCode) {
    return { code: "wrong_region", reason: `The code ${p.code} is not valid in this region.` };
  }
  if (p.store_id && p.store_id !== ctx.storeId) {
    return { code: "wrong_store", reason: `The code ${p.code} is not valid at ${ctx.storeName}.` };
  }
  if (p.currency && p.currency.trim() !== ctx.currency) {
    return { code: "wrong_currency", reason: `The code ${p.code} is not valid in this region's currency.` };
  }
  if (p.kind === "bundle" && p.bundle && p.bundle.price[ctx.regionCode] === undefined) {
    return { code: "wrong_region", reason: `The deal ${p.code} is not offered in this region.` };
  }
  if (ctx.subtotal < p.min_subtotal) {
    return {
      code: "below_minimum",
      reason: `The code ${p.code} needs an order of at least ${formatMoney(p.min_subtotal, ctx.currency, ctx.currencyDigits, ctx.locale)} (before delivery and tip); add ${formatMoney(p.min_subtotal - ctx.subtotal, ctx.currency, ctx.currencyDigits, ctx.locale)} more.`,
    };
  }
  if (p.first_order_only && ctx.customerHasOrders) {
    return { code: "first_order_only", reason: `The code ${p.code} is for a first order only.` };
  }
  if (p.per_customer_limit !== null && ctx.customerRedemptions >= p.per_customer_limit) {
    return {
      code: "customer_limit",
      reason: `You have already used the code ${p.code}${p.per_customer_limit > 1 ? ` ${p.per_customer_limit} times` : ""}.`,
    };
  }
  if (p.usage_limit !== null && p.used_count >= p.usage_limit) {
    return { code: "limit_reached", reason: `The code ${p.code} has been used up.` };
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
