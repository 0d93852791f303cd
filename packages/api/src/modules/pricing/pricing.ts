// Pricing: one pure module, no I/O. Every amount is an integer in the minor unit of the region's
// currency (cents for USD/EUR, yen for JPY, which has no minor digits), so no float ever reaches a
// total. The decisions (half toppings, rounding, tax base) are documented in orders/README.md.

import type { MenuKind, TaxMode, ToppingChoice } from "@pizza/db";
import { type Message, msg } from "../../i18n/message.ts";
import { type AppliedDeal, bestDeals, type DealRule } from "./deals.ts";
import { type TaxCategory, type TaxLine, type TaxRates, taxLines } from "./tax-lines.ts";

export { includedTax, ppmOf } from "./tax-lines.ts";
// The kinds come from the tables' types (packages/db), so pricing and the rows it prices cannot drift.
export type { AppliedDeal, DealRule, MenuKind, TaxCategory, TaxLine, TaxMode, TaxRates };
export type Placement = ToppingChoice["placement"];
export type Portion = ToppingChoice["portion"];

export interface RegionPricing {
  code: string;
  currency: string;
  /** Minor digits of the currency (2 for USD/EUR, 0 for JPY); amounts are integers in that unit. */
  currencyDigits: number;
  taxMode: TaxMode;
  /** Tax rate in parts per million (8.875 % = 88 750): the rate of every category `taxRates` leaves out. */
  taxRatePpm: number;
  /** The region's rates per tax category (tax-lines.ts); absent = one rate for everything. */
  taxRates?: TaxRates | undefined;
  deliveryFee: number;
}

/** A topping as priced on one pizza: its per-size price and whether the recipe already includes it. */
export interface ToppingPriceInput {
  price: number;
  placement: Placement;
  portion: Portion;
  /** In the recipe (a default topping): the whole-pie normal portion is already in the base price. */
  included: boolean;
}

export interface LinePriceParts {
  /** Item price for the chosen size/variant. */
  base: number;
  crust?: number;
  cheese?: number;
  options?: number[];
  toppings?: ToppingPriceInput[];
}

/**
 * Coverage of a topping in half-pies: a half is 1, the whole pie 2; an extra portion doubles it.
 * The same unit counts toward a size's topping limit (whole normal = 1 topping).
 */
export function toppingHalves(placement: Placement, portion: Portion): number {
  return (placement === "whole" ? 2 : 1) * (portion === "extra" ? 2 : 1);
}

/**
 * Half-topping rule: a topping is charged per half-pie it covers, half of its whole-pie price each,
 * rounded UP to the minor unit (an odd-priced topping on one half costs ceil(p/2), so two halves of
 * two different toppings never cost less than the shop meant). A recipe topping's whole normal
 * portion is free (it is in the base price); only what goes beyond it (extra) is charged, and
 * moving or removing it never refunds.
 */
export function toppingCharge(t: ToppingPriceInput): number {
  const halves = toppingHalves(t.placement, t.portion);
  const charged = Math.max(0, halves - (t.included ? 2 : 0));
  return Math.ceil((t.price * charged) / 2);
}

export function unitPrice(parts: LinePriceParts): number {
  let total = parts.base + (parts.crust ?? 0) + (parts.cheese ?? 0);
  for (const o of parts.options ?? []) total += o;
  for (const t of parts.toppings ?? []) total += toppingCharge(t);
  return total;
}

export interface PricedLine {
  itemId: string;
  kind: MenuKind;
  variant: string;
  quantity: number;
  unitPrice: number;
  /** What the item is taxed as; food when absent. */
  taxCategory?: TaxCategory | undefined;
}

// ── promo discounts (the math; the conditions live in promos/promo-rules.ts) ─────────────────

export type PromoDiscountRule =
  | { kind: "percent"; percent: number; maxDiscount: number | null }
  | { kind: "fixed"; amount: number }
  | { kind: "free_delivery" }
  | { kind: "free_item"; itemId: string; itemName?: string; variant?: string }
  | { kind: "bundle"; bundleKind: MenuKind; variant?: string; quantity: number; price: number };

export type DiscountResult =
  | { ok: true; discount: number; freeDelivery: boolean; detail: string }
  | {
      ok: false;
      reason: string;
      message: Message;
      code: "channel" | "missing_item" | "no_bundle" | "nothing_to_discount";
    };

type DiscountRefusal = Extract<DiscountResult, { ok: false }>;
const refused = (code: DiscountRefusal["code"], message: Message): DiscountRefusal => ({
  ok: false,
  reason: message.text,
  message,
  code,
});

/** What a promo takes off a cart. Never more than the subtotal (free delivery: than the delivery fee). */
export function promoDiscount(
  rule: PromoDiscountRule,
  lines: readonly PricedLine[],
  subtotal: number,
  deliveryFee: number,
): DiscountResult {
  switch (rule.kind) {
    case "percent": {
      // Percent discounts round down: a customer is promised "10 % off", never more than that.
      let discount = Math.floor((subtotal * rule.percent) / 100);
      if (rule.maxDiscount !== null) discount = Math.min(discount, rule.maxDiscount);
      if (discount <= 0) return refused("nothing_to_discount", msg("promo.nothingToDiscount"));
      return { ok: true, discount, freeDelivery: false, detail: `${rule.percent}% off` };
    }
    case "fixed": {
      const discount = Math.min(rule.amount, subtotal);
      if (discount <= 0) return refused("nothing_to_discount", msg("promo.nothingToDiscount"));
      return { ok: true, discount, freeDelivery: false, detail: "fixed amount off" };
    }
    case "free_delivery": {
      if (deliveryFee <= 0) {
        return refused("channel", msg("promo.deliveryOnly"));
      }
      return { ok: true, discount: deliveryFee, freeDelivery: true, detail: "free delivery" };
    }
    case "free_item": {
      const matching = lines.filter(
        (l) =>
          l.itemId === rule.itemId &&
          l.quantity > 0 &&
          (rule.variant === undefined || l.variant === rule.variant),
      );
      if (matching.length === 0) {
        return refused("missing_item", msg("promo.addItem", { item: rule.itemName ?? rule.itemId }));
      }
      // One unit free: the cheapest matching one (a 0.5 L, not a 1.5 L).
      const discount = Math.min(...matching.map((l) => l.unitPrice));
      return { ok: true, discount, freeDelivery: false, detail: `one ${rule.itemName ?? rule.itemId} free` };
    }
    case "bundle": {
      const units: number[] = [];
      for (const l of lines) {
        if (l.kind !== rule.bundleKind) continue;
        if (rule.variant !== undefined && l.variant !== rule.variant) continue;
        for (let i = 0; i < l.quantity; i++) units.push(l.unitPrice);
      }
      const groups = Math.floor(units.length / rule.quantity);
      if (groups === 0) {
        const what = `${rule.quantity} ${rule.variant ? `${rule.variant} ` : ""}${rule.bundleKind}s`;
        return refused("no_bundle", msg("promo.needsBundle", { what }));
      }
      // The most expensive units go into the bundles: the customer gets the best deal the rule allows.
      units.sort((a, b) => b - a);
      let discount = 0;
      for (let g = 0; g < groups; g++) {
        const group = units.slice(g * rule.quantity, (g + 1) * rule.quantity);
        const regular = group.reduce((s, u) => s + u, 0);
        discount += Math.max(0, regular - rule.price);
      }
      if (discount <= 0) {
        return refused("nothing_to_discount", msg("promo.cheaperAlready"));
      }
      return { ok: true, discount, freeDelivery: false, detail: `${groups} × bundle` };
    }
  }
}

// ── the whole cart ───────────────────────────────────────────────────────────────────────────

export interface CartPriceInput {
  region: RegionPricing;
  channel: "delivery" | "carryout";
  lines: readonly PricedLine[];
  tip: number;
  promo?: { code: string; rule: PromoDiscountRule } | undefined;
  /** A loyalty reward the customer spends points on: priced like a promo, before it. */
  reward?: { id: string; name: string; points: number; rule: PromoDiscountRule } | undefined;
  /** The region's deals on offer now (deals.ts): applied first, where they save the most. */
  deals?: readonly DealRule[] | undefined;
}

export interface PriceBreakdown {
  currency: string;
  currencyDigits: number;
  subtotal: number;
  /** Every discount: the deals' savings, the reward's and the promo code's. */
  discount: number;
  /** One line per deal applied (its saving is part of `discount`); empty when none applies. */
  deals: AppliedDeal[];
  deliveryFee: number;
  /** Exclusive: added on top. Inclusive: the part of the total that is tax, shown for the receipt. */
  tax: number;
  taxIncluded: boolean;
  /** The region's default rate (its only one where no category differs). */
  taxRatePpm: number;
  /** Per rate, ascending: the net amount taxed at it and its tax. Σ(base + tax) + tip = total. */
  taxLines: TaxLine[];
  tip: number;
  total: number;
  promo:
    | { code: string; applied: true; discount: number; detail: string }
    | { code: string; applied: false; reason: string; reasonMessage?: Message }
    | null;
  /** The loyalty reward's discount line (named after the reward); absent when none was chosen. */
  reward?:
    | { id: string; name: string; points: number; applied: true; discount: number }
    | { id: string; name: string; points: number; applied: false; reason: string; reasonMessage: Message };
}

/**
 * Prices a cart. Taxed: subtotal − discount + delivery fee, per rate (tax-lines.ts); a tip is never taxed.
 * Exclusive tax is computed on each rate's amount and added; inclusive tax is contained in it and shown.
 */
export function priceCart(input: CartPriceInput): PriceBreakdown {
  const { region } = input;
  const subtotal = input.lines.reduce((s, l) => s + l.unitPrice * l.quantity, 0);
  const deliveryFee = input.channel === "delivery" ? region.deliveryFee : 0;
  // Deals first; then the reward, then the promo, on the units no deal took and on what is left of the
  // money: each never takes more than is left, so no total goes below zero.
  const deals = input.deals?.length ? bestDeals(input.deals, input.lines) : null;
  const rest = deals?.rest ?? input.lines;
  const afterDeals = subtotal - (deals?.saving ?? 0);
  const reward = input.reward ? applyDiscount(input.reward.rule, rest, afterDeals, deliveryFee) : null;
  const left = { items: afterDeals - (reward?.items ?? 0), delivery: deliveryFee - (reward?.delivery ?? 0) };
  const promoPart = input.promo ? applyDiscount(input.promo.rule, rest, left.items, left.delivery) : null;
  let promo: PriceBreakdown["promo"] = null;
  if (input.promo && promoPart) {
    const r = promoPart.result;
    promo = r.ok
      ? { code: input.promo.code, applied: true, discount: promoPart.discount, detail: r.detail }
      : { code: input.promo.code, applied: false, reason: r.reason, reasonMessage: r.message };
  }
  const itemDiscount = (deals?.saving ?? 0) + (reward?.items ?? 0) + (promoPart?.items ?? 0);
  const discount = itemDiscount + (reward?.delivery ?? 0) + (promoPart?.delivery ?? 0);
  const lines = taxLines(region, {
    lines: input.lines.map((l) => ({ amount: l.unitPrice * l.quantity, taxCategory: l.taxCategory })),
    itemDiscount,
    deliveryFee: deliveryFee - (discount - itemDiscount),
  });
  const taxIncluded = region.taxMode === "inclusive";
  const tax = lines.reduce((s, l) => s + l.tax, 0);
  const total = subtotal - discount + deliveryFee + (taxIncluded ? 0 : tax) + input.tip;
  return {
    currency: region.currency,
    currencyDigits: region.currencyDigits,
    subtotal,
    discount,
    deals: deals?.applied ?? [],
    deliveryFee,
    tax,
    taxIncluded,
    taxRatePpm: region.taxRatePpm,
    taxLines: lines,
    tip: input.tip,
    total,
    promo,
    ...(input.reward && reward ? { reward: rewardLine(input.reward, reward) } : {}),
  };
}

interface AppliedDiscount {
  result: DiscountResult;
  /** What it takes off the items and off the delivery fee (0 and 0 when it does not apply). */
  items: number;
  delivery: number;
  discount: number;
}

/** One discount on what is left of the items and the delivery fee: never below zero. */
function applyDiscount(
  rule: PromoDiscountRule,
  lines: readonly PricedLine[],
  items: number,
  delivery: number,
): AppliedDiscount {
  const result = promoDiscount(rule, lines, items, delivery);
  if (!result.ok) return { result, items: 0, delivery: 0, discount: 0 };
  if (result.freeDelivery) {
    const d = Math.min(result.discount, delivery);
    return { result, items: 0, delivery: d, discount: d };
  }
  const d = Math.min(result.discount, items);
  // Nothing left to take off (an earlier discount took it all): the later one does not apply.
  if (d <= 0 && result.discount > 0) {
    const nothing = refused("nothing_to_discount", msg("promo.nothingToDiscount"));
    return { result: nothing, items: 0, delivery: 0, discount: 0 };
  }
  return { result, items: d, delivery: 0, discount: d };
}

function rewardLine(
  reward: NonNullable<CartPriceInput["reward"]>,
  applied: AppliedDiscount,
): NonNullable<PriceBreakdown["reward"]> {
  const { id, name, points } = reward;
  const r = applied.result;
  return r.ok
    ? { id, name, points, applied: true, discount: applied.discount }
    : { id, name, points, applied: false, reason: r.reason, reasonMessage: r.message };
}

/** The deals' part of a breakdown's discount. */
export function dealSavings(b: Pick<PriceBreakdown, "deals">): number {
  return b.deals.reduce((s, d) => s + d.saving, 0);
}

/** The promo code's part of a breakdown's discount (what its redemption records); 0 when it did not apply. */
export function promoPart(b: Pick<PriceBreakdown, "promo">): number {
  return b.promo?.applied ? b.promo.discount : 0;
}
