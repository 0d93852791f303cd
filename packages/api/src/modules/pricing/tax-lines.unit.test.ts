// Tax per rate against examples worked by hand: the arithmetic is in the comments, the code must agree.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type PricedLine, priceCart } from "./pricing.ts";
import { splitProportionally } from "./tax-lines.ts";
import { DE, JP, US } from "./test-support.ts";

const pizza = (unitPrice: number, quantity = 1): PricedLine => ({
  itemId: "margherita",
  kind: "pizza",
  variant: "medium",
  quantity,
  unitPrice,
  taxCategory: "food",
});
const drink = (itemId: string, unitPrice: number, taxCategory: PricedLine["taxCategory"]): PricedLine => ({
  itemId,
  kind: "drink",
  variant: "500ml",
  quantity: 1,
  unitPrice,
  taxCategory,
});

describe("splitting an amount in proportion (largest remainder)", () => {
  it("gives the leftover unit to the largest remainder", () => {
    // 249 × 1070/1308 = 203.69…, 249 × 238/1308 = 45.30…: 203 + 45 = 248, the 1 left goes to .69.
    expect(splitProportionally(249, [1070, 238])).toEqual([204, 45]);
    // 10 over three equal weights: 3.33… each, the first gets the leftover unit.
    expect(splitProportionally(10, [1, 1, 1])).toEqual([4, 3, 3]);
  });

  it("always adds up to the amount (property)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 100_000 }),
        fc.array(fc.integer({ min: 0, max: 100_000 }), { minLength: 1, maxLength: 4 }),
        (amount, weights) => {
          const parts = splitProportionally(amount, weights);
          expect(parts.reduce((s, p) => s + p, 0)).toBe(amount);
          for (const p of parts) expect(p).toBeGreaterThanOrEqual(0);
        },
      ),
    );
  });
});

describe("Berlin: food 7 %, soft drinks 19 %, delivery fee following the items, VAT included", () => {
  it("splits a pizza, a cola and the delivery fee into a 7 % and a 19 % line", () => {
    // Pizza €10.70 (7 %), cola €2.38 (19 %), delivery €2.49.
    // Fee split by the items: 249 × 1070/1308 = 203.69 → 204 (largest remainder), 249 × 238/1308 = 45.31 → 45.
    // 7 %: 1070 + 204 = 1274 gross; tax 1274 × 7/107 = 83.35 → 83; net 1191.
    // 19 %: 238 + 45 = 283 gross; tax 283 × 19/119 = 45.18 → 45; net 238.
    // Total 1070 + 238 + 249 = 1557 = 1191 + 83 + 238 + 45.
    const p = priceCart({
      region: DE,
      channel: "delivery",
      lines: [pizza(1070), drink("cola", 238, "soft_drink")],
      tip: 0,
    });
    expect(p.taxLines).toEqual([
      { ratePpm: 70_000, base: 1191, tax: 83 },
      { ratePpm: 190_000, base: 238, tax: 45 },
    ]);
    expect(p.tax).toBe(128);
    expect(p.total).toBe(1557);
  });

  it("takes a 10 % discount off both rates in proportion before splitting the fee", () => {
    // Subtotal 1308; 10 % = 130.8 → 130 (percent discounts round down).
    // Discount split: 130 × 1070/1308 = 106.35, 130 × 238/1308 = 23.65 → 106 and 24 (largest remainder).
    // Items after discount: 7 % 964, 19 % 214 (sum 1178).
    // Fee: 249 × 964/1178 = 203.77 → 204, 249 × 214/1178 = 45.23 → 45.
    // 7 %: 964 + 204 = 1168; tax 1168 × 7/107 = 76.41 → 76; net 1092.
    // 19 %: 214 + 45 = 259; tax 259 × 19/119 = 41.35 → 41; net 218.
    // Total 1308 − 130 + 249 = 1427 = 1092 + 76 + 218 + 41.
    const p = priceCart({
      region: DE,
      channel: "delivery",
      lines: [pizza(1070), drink("cola", 238, "soft_drink")],
      tip: 0,
      promo: { code: "WELCOME10", rule: { kind: "percent", percent: 10, maxDiscount: null } },
    });
    expect(p.discount).toBe(130);
    expect(p.taxLines).toEqual([
      { ratePpm: 70_000, base: 1092, tax: 76 },
      { ratePpm: 190_000, base: 218, tax: 41 },
    ]);
    expect(p.total).toBe(1427);
  });

  it("rounds once per rate on the total, not per line", () => {
    // Three pizzas of €1.00 at 7 %: per line 100 × 7/107 = 6.54 → 7 each, 21 in all; on the total
    // 300 × 7/107 = 19.63 → 20. The rule is per rate on the total: 20, net 280.
    const p = priceCart({ region: DE, channel: "carryout", lines: [pizza(100, 3)], tip: 0 });
    expect(p.taxLines).toEqual([{ ratePpm: 70_000, base: 280, tax: 20 }]);
  });

  it("takes free delivery off the fee, leaving the items' tax as it was", () => {
    // The fee is gone; 7 %: 1070 → tax 1070 × 7/107 = 70, net 1000; 19 %: 238 → 238 × 19/119 = 38, net 200.
    const p = priceCart({
      region: DE,
      channel: "delivery",
      lines: [pizza(1070), drink("cola", 238, "soft_drink")],
      tip: 0,
      promo: { code: "FREEDELIVERY", rule: { kind: "free_delivery" } },
    });
    expect(p.taxLines).toEqual([
      { ratePpm: 70_000, base: 1000, tax: 70 },
      { ratePpm: 190_000, base: 200, tax: 38 },
    ]);
    expect(p.total).toBe(1308);
  });
});

describe("Tokyo: take-out food 8 %, alcohol and delivery 10 %, tax included", () => {
  it("taxes a beer and the delivery fee at 10 % and the pizza at 8 %", () => {
    // Pizza ¥2,000 (8 %): tax 2000 × 8/108 = 148.15 → 148; net 1852.
    // Beer ¥670 + delivery ¥300 = ¥970 (10 %): tax 970 × 10/110 = 88.18 → 88; net 882.
    // Total 2000 + 670 + 300 = 2970 = 1852 + 148 + 882 + 88.
    const p = priceCart({
      region: JP,
      channel: "delivery",
      lines: [pizza(2000), drink("beer", 670, "alcohol")],
      tip: 0,
    });
    expect(p.taxLines).toEqual([
      { ratePpm: 80_000, base: 1852, tax: 148 },
      { ratePpm: 100_000, base: 882, tax: 88 },
    ]);
    expect(p.total).toBe(2970);
  });

  it("keeps a soft drink at the food rate (8 %)", () => {
    // Pizza ¥2,000 + cola ¥370 = ¥2,370 carryout: tax 2370 × 8/108 = 175.56 → 176; net 2194.
    const p = priceCart({
      region: JP,
      channel: "carryout",
      lines: [pizza(2000), drink("cola", 370, "soft_drink")],
      tip: 0,
    });
    expect(p.taxLines).toEqual([{ ratePpm: 80_000, base: 2194, tax: 176 }]);
  });
});

describe("New York: 8.875 % on everything taxable, added on top", () => {
  it("puts items and the delivery fee on one line and never taxes the tip", () => {
    // $10.00 + $2.49 + delivery $3.99 = $16.48; tax 1648 × 0.08875 = 146.26 → 146.
    // Total 1648 + 146 + tip 300 = 2094.
    const p = priceCart({
      region: US,
      channel: "delivery",
      lines: [pizza(1000), drink("cola", 249, "soft_drink")],
      tip: 300,
    });
    expect(p.taxLines).toEqual([{ ratePpm: 88_750, base: 1648, tax: 146 }]);
    expect(p.total).toBe(2094);
  });
});

it("a breakdown always adds up: Σ(base + tax) + tip = total (property)", () => {
  const arbLine = fc.record({
    itemId: fc.constant("x"),
    kind: fc.constant("pizza" as const),
    variant: fc.constant(""),
    quantity: fc.integer({ min: 1, max: 20 }),
    unitPrice: fc.integer({ min: 0, max: 50_000 }),
    taxCategory: fc.constantFrom("food" as const, "soft_drink" as const, "alcohol" as const),
  });
  fc.assert(
    fc.property(
      fc.constantFrom(US, DE, JP),
      fc.array(arbLine, { maxLength: 6 }),
      fc.constantFrom("delivery" as const, "carryout" as const),
      fc.integer({ min: 0, max: 2_000 }),
      fc.integer({ min: 0, max: 100 }),
      (region, lines, channel, tip, percent) => {
        const p = priceCart({
          region,
          channel,
          lines,
          tip,
          promo: { code: "P", rule: { kind: "percent", percent, maxDiscount: null } },
        });
        const sum = p.taxLines.reduce((s, l) => s + l.base + l.tax, 0);
        expect(sum + p.tip).toBe(p.total);
        expect(p.taxLines.reduce((s, l) => s + l.tax, 0)).toBe(p.tax);
      },
    ),
  );
});
