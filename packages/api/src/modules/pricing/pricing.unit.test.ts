import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type PricedLine,
  ppmOf,
  priceCart,
  promoDiscount,
  toppingCharge,
  toppingHalves,
  unitPrice,
} from "./pricing.ts";
import { DE, JP, US } from "./test-support.ts";

const line = (unit: number, quantity = 1, over: Partial<PricedLine> = {}): PricedLine => ({
  itemId: "margherita",
  kind: "pizza",
  variant: "medium",
  quantity,
  unitPrice: unit,
  ...over,
});

const arbLine = fc.record({
  itemId: fc.constantFrom("margherita", "pepperoni", "cola", "tiramisu"),
  kind: fc.constantFrom("pizza" as const, "side" as const, "drink" as const, "dessert" as const),
  variant: fc.constantFrom("small", "medium", "large", "", "500ml"),
  quantity: fc.integer({ min: 1, max: 20 }),
  unitPrice: fc.integer({ min: 0, max: 50_000 }),
});
const arbRegion = fc.record({
  code: fc.constant("xx"),
  currency: fc.constantFrom("USD", "EUR", "JPY"),
  currencyDigits: fc.constantFrom(0, 2),
  taxMode: fc.constantFrom("exclusive" as const, "inclusive" as const),
  taxRatePpm: fc.integer({ min: 0, max: 300_000 }),
  deliveryFee: fc.integer({ min: 0, max: 2_000 }),
});

describe("topping pricing", () => {
  it("charges a whole topping its full price and a half topping half of it, rounded up", () => {
    expect(toppingCharge({ price: 250, placement: "whole", portion: "normal", included: false })).toBe(250);
    expect(toppingCharge({ price: 250, placement: "left", portion: "normal", included: false })).toBe(125);
    expect(toppingCharge({ price: 375, placement: "right", portion: "normal", included: false })).toBe(188);
  });

  it("charges an extra portion double, on a half too", () => {
    expect(toppingCharge({ price: 250, placement: "whole", portion: "extra", included: false })).toBe(500);
    expect(toppingCharge({ price: 250, placement: "left", portion: "extra", included: false })).toBe(250);
  });

  it("includes a recipe topping's normal portion in the base price and charges only the extra", () => {
    expect(toppingCharge({ price: 250, placement: "whole", portion: "normal", included: true })).toBe(0);
    expect(toppingCharge({ price: 250, placement: "left", portion: "normal", included: true })).toBe(0);
    expect(toppingCharge({ price: 250, placement: "whole", portion: "extra", included: true })).toBe(250);
  });

  it("prices the same topping on both halves like the whole pie (property)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000 }),
        fc.constantFrom("normal" as const, "extra" as const),
        (price, portion) => {
          const half = toppingCharge({ price, placement: "left", portion, included: false });
          const whole = toppingCharge({ price, placement: "whole", portion, included: false });
          expect(2 * half).toBeGreaterThanOrEqual(whole);
          expect(2 * half - whole).toBeLessThanOrEqual(1);
        },
      ),
    );
  });

  it("counts coverage in halves: whole 2, half 1, extra doubles", () => {
    expect(toppingHalves("whole", "normal")).toBe(2);
    expect(toppingHalves("left", "normal")).toBe(1);
    expect(toppingHalves("right", "extra")).toBe(2);
    expect(toppingHalves("whole", "extra")).toBe(4);
  });

  it("adds base, crust, cheese, options and toppings into a unit price", () => {
    expect(
      unitPrice({
        base: 1799,
        crust: 200,
        cheese: 200,
        options: [75, 75],
        toppings: [
          { price: 250, placement: "whole", portion: "normal", included: false },
          { price: 250, placement: "left", portion: "normal", included: false },
        ],
      }),
    ).toBe(1799 + 200 + 200 + 150 + 250 + 125);
  });
});

describe("tax", () => {
  it("adds exclusive tax on top, rounded half up to the cent", () => {
    const p = priceCart({ region: US, channel: "carryout", lines: [line(1000)], tip: 0 });
    expect(p.tax).toBe(89); // 88.75 → 89
    expect(p.taxIncluded).toBe(false);
    expect(p.total).toBe(1089);
  });

  it("shows inclusive tax as the part of the price that is tax, without adding it", () => {
    const p = priceCart({ region: DE, channel: "carryout", lines: [line(1070)], tip: 0 });
    expect(p.tax).toBe(70);
    expect(p.taxIncluded).toBe(true);
    expect(p.total).toBe(1070);
  });

  it("taxes the delivery fee but never the tip", () => {
    const p = priceCart({ region: US, channel: "delivery", lines: [line(1000)], tip: 500 });
    expect(p.tax).toBe(ppmOf(1399, US.taxRatePpm));
    expect(p.total).toBe(1399 + p.tax + 500);
  });

  it("keeps JPY in whole yen: every amount is an integer with no minor digits", () => {
    const p = priceCart({
      region: JP,
      channel: "delivery",
      lines: [line(1799, 1), line(375, 3, { itemId: "cola", kind: "drink" })],
      tip: 0,
      promo: { code: "X", rule: { kind: "percent", percent: 15, maxDiscount: null } },
    });
    for (const v of [p.subtotal, p.discount, p.deliveryFee, p.tax, p.total])
      expect(Number.isInteger(v)).toBe(true);
    expect(p.currencyDigits).toBe(0);
    expect(p.subtotal).toBe(2924);
    expect(p.discount).toBe(438); // 438.6 rounded down: a discount never exceeds its promise
    // Food at 8 %, the delivery fee at 10 % (tax-lines.unit.test.ts works the rates out by hand).
    expect(p.taxLines.map((l) => l.ratePpm)).toEqual([80_000, 100_000]);
    expect(p.tax).toBe(p.taxLines.reduce((s, l) => s + l.tax, 0));
    expect(p.total).toBe(2924 - 438 + 300);
  });

  it("exclusive: total = base + tax + tip, tax ≈ rate × base within half a minor unit (property)", () => {
    fc.assert(
      fc.property(
        fc.array(arbLine, { minLength: 1, maxLength: 8 }),
        arbRegion,
        fc.integer({ min: 0, max: 5_000 }),
        (lines, r, tip) => {
          const region = { ...r, taxMode: "exclusive" as const };
          const p = priceCart({ region, channel: "delivery", lines, tip });
          const base = p.subtotal - p.discount + p.deliveryFee;
          expect(p.total).toBe(base + p.tax + tip);
          expect(Math.abs(p.tax - (base * region.taxRatePpm) / 1e6)).toBeLessThanOrEqual(0.5);
        },
      ),
    );
  });

  it("inclusive: the total contains the tax, tax ≈ base × r/(1+r) within half a minor unit (property)", () => {
    fc.assert(
      fc.property(
        fc.array(arbLine, { minLength: 1, maxLength: 8 }),
        arbRegion,
        fc.integer({ min: 0, max: 5_000 }),
        (lines, r, tip) => {
          const region = { ...r, taxMode: "inclusive" as const };
          const p = priceCart({ region, channel: "carryout", lines, tip });
          const base = p.subtotal - p.discount + p.deliveryFee;
          expect(p.total).toBe(base + tip);
          expect(p.tax).toBeLessThanOrEqual(base);
          const exact = (base * region.taxRatePpm) / (1e6 + region.taxRatePpm);
          expect(Math.abs(p.tax - exact)).toBeLessThanOrEqual(0.5);
        },
      ),
    );
  });

  it("every amount is a non-negative integer and the discount never exceeds subtotal + fee (property)", () => {
    const arbRule = fc.oneof(
      fc.record({
        kind: fc.constant("percent" as const),
        percent: fc.integer({ min: 1, max: 100 }),
        maxDiscount: fc.option(fc.integer({ min: 0, max: 5000 }), { nil: null }),
      }),
      fc.record({ kind: fc.constant("fixed" as const), amount: fc.integer({ min: 0, max: 100_000 }) }),
      fc.constant({ kind: "free_delivery" as const }),
      fc.constant({ kind: "free_item" as const, itemId: "cola" }),
      fc.record({
        kind: fc.constant("bundle" as const),
        bundleKind: fc.constant("pizza" as const),
        quantity: fc.integer({ min: 1, max: 3 }),
        price: fc.integer({ min: 0, max: 5000 }),
      }),
    );
    fc.assert(
      fc.property(
        fc.array(arbLine, { minLength: 1, maxLength: 8 }),
        arbRegion,
        arbRule,
        fc.constantFrom("delivery" as const, "carryout" as const),
        (lines, region, rule, channel) => {
          const p = priceCart({ region, channel, lines, tip: 0, promo: { code: "P", rule } });
          for (const v of [p.subtotal, p.discount, p.deliveryFee, p.tax, p.total]) {
            expect(Number.isInteger(v)).toBe(true);
            expect(v).toBeGreaterThanOrEqual(0);
          }
          expect(p.discount).toBeLessThanOrEqual(p.subtotal + p.deliveryFee);
        },
      ),
    );
  });
});

describe("promo discounts", () => {
  const cart = [line(1799, 1), line(249, 2, { itemId: "cola", kind: "drink", variant: "500ml" })];

  it("percent off, capped", () => {
    expect(promoDiscount({ kind: "percent", percent: 20, maxDiscount: null }, cart, 2297, 399)).toMatchObject(
      { ok: true, discount: 459 },
    );
    expect(promoDiscount({ kind: "percent", percent: 20, maxDiscount: 300 }, cart, 2297, 399)).toMatchObject({
      ok: true,
      discount: 300,
    });
  });

  it("fixed amount off, never below zero", () => {
    expect(promoDiscount({ kind: "fixed", amount: 500 }, cart, 2297, 0)).toMatchObject({
      ok: true,
      discount: 500,
    });
    expect(promoDiscount({ kind: "fixed", amount: 5000 }, cart, 2297, 0)).toMatchObject({
      ok: true,
      discount: 2297,
    });
  });

  it("free delivery takes the fee off, and says why it does nothing for carryout", () => {
    expect(promoDiscount({ kind: "free_delivery" }, cart, 2297, 399)).toMatchObject({
      ok: true,
      discount: 399,
      freeDelivery: true,
    });
    const r = promoDiscount({ kind: "free_delivery" }, cart, 2297, 0);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(/delivery orders/);
  });

  it("a free item takes one unit of the cheapest matching line off, or asks to add it", () => {
    const withBig = [...cart, line(399, 1, { itemId: "cola", kind: "drink", variant: "1500ml" })];
    expect(promoDiscount({ kind: "free_item", itemId: "cola" }, withBig, 2696, 0)).toMatchObject({
      ok: true,
      discount: 249,
    });
    const r = promoDiscount({ kind: "free_item", itemId: "cola", itemName: "Cola" }, [line(1799)], 1799, 0);
    expect(r).toMatchObject({ ok: false, code: "missing_item" });
    if (!r.ok) expect(r.reason).toBe("Add Cola to your order to get it free.");
  });

  it("a bundle prices each group of N qualifying units at the deal price, best units first", () => {
    const pizzas = [
      line(1499, 1, { variant: "medium" }),
      line(1699, 2, { variant: "medium" }),
      line(2099, 1, { variant: "large" }),
    ];
    const rule = {
      kind: "bundle" as const,
      bundleKind: "pizza" as const,
      variant: "medium",
      quantity: 2,
      price: 1999,
    };
    // Three medium units: one bundle of the two 16.99 ones (33.98 → 19.99), the 14.99 one stays.
    expect(promoDiscount(rule, pizzas, 0, 0)).toMatchObject({ ok: true, discount: 1699 * 2 - 1999 });
    const one = promoDiscount(rule, [line(1499, 1, { variant: "medium" })], 0, 0);
    expect(one).toMatchObject({ ok: false, code: "no_bundle" });
  });

  it("a discount enters the tax base: exclusive tax is computed after the discount", () => {
    const p = priceCart({
      region: US,
      channel: "carryout",
      lines: [line(2000)],
      tip: 0,
      promo: { code: "F", rule: { kind: "fixed", amount: 500 } },
    });
    expect(p.discount).toBe(500);
    expect(p.tax).toBe(ppmOf(1500, US.taxRatePpm));
    expect(p.total).toBe(1500 + p.tax);
    expect(p.promo).toMatchObject({ code: "F", applied: true, discount: 500 });
  });

  it("reports a promo that does not apply without discounting", () => {
    const p = priceCart({
      region: US,
      channel: "carryout",
      lines: [line(2000)],
      tip: 0,
      promo: { code: "FD", rule: { kind: "free_delivery" } },
    });
    expect(p.discount).toBe(0);
    expect(p.promo).toMatchObject({ applied: false });
  });
});
