// Tax per category, summed per rate (issue 16, finding 4). Pure, integer minor units. The rules, with
// hand-worked examples in tax-lines.unit.test.ts and the reasons in docs/decisions.md:
// - every line has a tax category (food, soft_drink, alcohol); a region's rate for it comes from
//   `taxRates`, else the region's one rate (`taxRatePpm`);
// - a discount is split over the items' rates in proportion to their amounts (free delivery comes off the
//   delivery fee instead);
// - the delivery fee is taxed at the region's `delivery_fee` rate, or, when that rate is null, follows the
//   items: it is split over their rates in proportion to their discounted amounts;
// - splits use the largest-remainder method, so the parts add up to the unit;
// - tax is rounded once per rate, on that rate's total (never per line), half up;
// - a tip is never taxed.
import type { TaxCategory, TaxLine, TaxMode, TaxRateCategory } from "@pizza/db";

export type { TaxCategory, TaxLine, TaxRateCategory };

/** A region's rate per category where it differs from its default; `delivery_fee: null` = follows the items. */
export type TaxRates = Partial<Record<TaxRateCategory, number | null>>;

export interface TaxRegion {
  taxMode: TaxMode;
  /** The default rate of every category, in parts per million. */
  taxRatePpm: number;
  taxRates?: TaxRates | undefined;
}

/** amount × ppm / 1e6, rounded half up (all integers stay far below 2^53 for any real order). */
export function ppmOf(amount: number, ppm: number): number {
  return Math.floor((amount * ppm * 2 + 1_000_000) / 2_000_000);
}

/** Tax contained in a tax-inclusive gross amount: gross × r / (1 + r), rounded half up. */
export function includedTax(gross: number, ppm: number): number {
  const denominator = 1_000_000 + ppm;
  return Math.floor((gross * ppm * 2 + denominator) / (2 * denominator));
}

/**
 * Splits `amount` over `weights` in proportion, in whole units: each part is rounded down, and the units
 * left over go to the parts with the largest remainders (the earlier one on a tie). Sums to `amount`.
 */
export function splitProportionally(amount: number, weights: readonly number[]): number[] {
  const total = weights.reduce((s, w) => s + w, 0);
  if (total <= 0) return weights.map((_, i) => (i === 0 ? amount : 0));
  const parts = weights.map((w) => Math.floor((amount * w) / total));
  const order = weights
    .map((w, i) => ({ i, rest: (amount * w) % total }))
    .sort((a, b) => b.rest - a.rest || a.i - b.i);
  let left = amount - parts.reduce((s, p) => s + p, 0);
  for (const { i } of order) {
    if (left <= 0) break;
    parts[i]! += 1;
    left -= 1;
  }
  return parts;
}

/** The rate a category is taxed at in a region. */
export function rateOf(region: TaxRegion, category: TaxCategory): number {
  return region.taxRates?.[category] ?? region.taxRatePpm;
}

export interface TaxInput {
  /** Each line's amount (unit price × quantity) with its category. */
  lines: readonly { amount: number; taxCategory?: TaxCategory | undefined }[];
  /** Discount on the items (not free delivery). */
  itemDiscount: number;
  /** The delivery fee after any free-delivery discount. */
  deliveryFee: number;
}

/** Gross amounts per rate (items after discount, delivery fee after its own), rates in ascending order. */
export function amountsPerRate(region: TaxRegion, input: TaxInput): Map<number, number> {
  const items = new Map<number, number>();
  for (const l of input.lines) {
    const rate = rateOf(region, l.taxCategory ?? "food");
    items.set(rate, (items.get(rate) ?? 0) + l.amount);
  }
  const rates = [...items.keys()].sort((a, b) => a - b);
  const cut = splitProportionally(
    input.itemDiscount,
    rates.map((r) => items.get(r)!),
  );
  const out = new Map<number, number>(rates.map((r, i) => [r, items.get(r)! - cut[i]!]));
  if (input.deliveryFee > 0) {
    const feeRate = region.taxRates?.delivery_fee;
    const follows = feeRate === null && rates.some((r) => out.get(r)! > 0);
    if (follows) {
      const shares = splitProportionally(
        input.deliveryFee,
        rates.map((r) => out.get(r)!),
      );
      for (const [i, r] of rates.entries()) out.set(r, out.get(r)! + shares[i]!);
    } else {
      const rate = feeRate ?? region.taxRatePpm;
      out.set(rate, (out.get(rate) ?? 0) + input.deliveryFee);
    }
  }
  return new Map([...out.entries()].filter(([, a]) => a > 0).sort(([a], [b]) => a - b));
}

/**
 * The tax breakdown: per rate, its net base and its tax. Added on top (exclusive): the amount is the base.
 * Included: the tax is taken out of the amount. Either way Σ(base + tax) + tip is the order's total.
 */
export function taxLines(region: TaxRegion, input: TaxInput): TaxLine[] {
  const lines: TaxLine[] = [];
  for (const [ratePpm, amount] of amountsPerRate(region, input)) {
    if (region.taxMode === "inclusive") {
      const tax = includedTax(amount, ratePpm);
      lines.push({ ratePpm, base: amount - tax, tax });
    } else {
      lines.push({ ratePpm, base: amount, tax: ppmOf(amount, ratePpm) });
    }
  }
  return lines;
}
