// Deals in a cart (deals.ts, through pricing.ts `priceCart`): which apply, how often, which units they take,
// and how the loyalty reward and the promo code come after them.
import { describe, expect, it } from "vitest";
import { bestDeals, type DealRule } from "./deals.ts";
import { type PricedLine, ppmOf, priceCart } from "./pricing.ts";
import { DE, JP, US } from "./test-support.ts";

const kindOf = (itemId: string): PricedLine["kind"] =>
  itemId === "cola" ? "drink" : itemId === "garlic_bread" || itemId === "wings" ? "side" : "pizza";
const line = (itemId: string, variant: string, unitPrice: number, quantity = 1): PricedLine => ({
  itemId,
  kind: kindOf(itemId),
  variant,
  quantity,
  unitPrice,
  ...(itemId === "cola" ? { taxCategory: "soft_drink" as const } : {}),
});

const twoMediums: DealRule = {
  id: "us-two-mediums",
  name: "Any 2 medium pizzas",
  price: 1800,
  slots: [{ kind: "pizza", variant: "medium", itemId: null, quantity: 2 }],
};
const feast: DealRule = {
  id: "us-feast",
  name: "Large pizza, 2 sides and a drink",
  price: 2400,
  slots: [
    { kind: "pizza", variant: "large", itemId: null, quantity: 1 },
    { kind: "side", variant: null, itemId: null, quantity: 2 },
    { kind: "drink", variant: null, itemId: null, quantity: 1 },
  ],
};

describe("deals in a cart", () => {
  it("prices two medium pizzas at the deal's price, as a deal line in the discount", () => {
    const lines = [line("margherita", "medium", 1299), line("pepperoni", "medium", 1499)];
    const p = priceCart({ region: US, channel: "carryout", lines, tip: 0, deals: [twoMediums] });
    expect(p.deals).toEqual([
      { id: "us-two-mediums", name: "Any 2 medium pizzas", times: 1, price: 1800, saving: 998 },
    ]);
    expect(p.discount).toBe(998);
    expect(p.tax).toBe(ppmOf(1800, US.taxRatePpm));
    expect(p.total).toBe(1800 + p.tax);
  });

  it("applies a deal as often as the cart fills it, the dearest units first, and leaves the rest at list price", () => {
    const lines = [line("margherita", "medium", 1299, 3), line("meat_lovers", "medium", 1699, 2)];
    const d = bestDeals([twoMediums], lines);
    expect(d.applied).toEqual([{ ...d.applied[0], times: 2 }]);
    // 1699 + 1699 − 1800 and 1299 + 1299 − 1800: the third margherita stays at its price.
    expect(d.saving).toBe(1598 + 798);
    expect(d.rest).toEqual([line("margherita", "medium", 1299)]);
  });

  it("mixes and matches: a large pizza, two different sides and a drink", () => {
    const lines = [
      line("pepperoni", "large", 1899),
      line("garlic_bread", "", 599),
      line("wings", "6", 899),
      line("cola", "0.5l", 299),
    ];
    const p = priceCart({ region: US, channel: "carryout", lines, tip: 0, deals: [feast, twoMediums] });
    expect(p.deals.map((d) => [d.id, d.times, d.saving])).toEqual([
      ["us-feast", 1, 1899 + 599 + 899 + 299 - 2400],
    ]);
    expect(p.subtotal - p.discount).toBe(2400);
  });

  it("does not apply where a slot is missing or the deal would cost more than the units", () => {
    const oneMedium = [line("margherita", "medium", 1299), line("margherita", "large", 1899)];
    expect(bestDeals([twoMediums], oneMedium).applied).toEqual([]);
    const cheap = [line("margherita", "medium", 800, 2)];
    const d = bestDeals([twoMediums], cheap);
    expect(d).toEqual({ applied: [], saving: 0, rest: cheap });
  });

  it("chooses the set with the largest saving when deals compete for the same units", () => {
    // Both deals want the large pizza; the feast saves more than a 'large + drink' deal.
    const largeAndDrink: DealRule = {
      id: "a-large-and-drink",
      name: "Large + drink",
      price: 1900,
      slots: [
        { kind: "pizza", variant: "large", itemId: null, quantity: 1 },
        { kind: "drink", variant: null, itemId: null, quantity: 1 },
      ],
    };
    const lines = [
      line("pepperoni", "large", 1899),
      line("garlic_bread", "", 599, 2),
      line("cola", "0.5l", 299),
    ];
    const d = bestDeals([largeAndDrink, feast], lines);
    expect(d.applied.map((a) => a.id)).toEqual(["us-feast"]);
    expect(d.saving).toBe(1899 + 599 * 2 + 299 - 2400);
  });

  it("fills a slot for one item before a slot for any pizza takes it", () => {
    const margheritaAndAny: DealRule = {
      id: "margherita-plus-one",
      name: "A Margherita and any pizza",
      price: 2000,
      slots: [
        { kind: "pizza", variant: null, itemId: null, quantity: 1 },
        { kind: "pizza", variant: null, itemId: "margherita", quantity: 1 },
      ],
    };
    const lines = [line("margherita", "large", 1899), line("pepperoni", "medium", 1499)];
    expect(bestDeals([margheritaAndAny], lines).saving).toBe(1899 + 1499 - 2000);
  });

  it("gives a promo code only what the deals left: the units no deal took, and the money", () => {
    const lines = [line("margherita", "medium", 1299, 2), line("pepperoni", "medium", 1499, 2)];
    const bundle = {
      kind: "bundle" as const,
      bundleKind: "pizza" as const,
      variant: "medium",
      quantity: 2,
      price: 1999,
    };
    const p = priceCart({
      region: US,
      channel: "carryout",
      lines,
      tip: 0,
      deals: [twoMediums],
      promo: { code: "TWOMEDIUMS", rule: bundle },
    });
    // Two deals take all four pizzas: the bundle code has nothing left to bundle.
    expect(p.deals[0]?.times).toBe(2);
    expect(p.promo).toMatchObject({ code: "TWOMEDIUMS", applied: false });
    const percent = priceCart({
      region: US,
      channel: "carryout",
      lines,
      tip: 0,
      deals: [twoMediums],
      promo: { code: "WELCOME10", rule: { kind: "percent", percent: 10, maxDiscount: null } },
    });
    expect(percent.promo).toMatchObject({ applied: true, discount: 360 });
    expect(percent.discount).toBe(1299 * 2 + 1499 * 2 - 3600 + 360);
  });

  it("never takes a total below zero with a reward after a deal", () => {
    const lines = [line("margherita", "medium", 1299, 2)];
    const p = priceCart({
      region: DE,
      channel: "delivery",
      lines,
      tip: 0,
      deals: [{ ...twoMediums, price: 100 }],
      reward: { id: "de-5-off", name: "5 € off", points: 40, rule: { kind: "fixed", amount: 500 } },
    });
    expect(p.discount).toBe(1299 * 2);
    expect(p.total).toBe(DE.deliveryFee);
  });

  it("works in a currency without minor digits", () => {
    const lines = [line("margherita", "medium", 1600, 2)];
    const p = priceCart({
      region: JP,
      channel: "carryout",
      lines,
      tip: 0,
      deals: [{ ...twoMediums, price: 2800 }],
    });
    expect(p.total).toBe(2800);
    expect(p.tax).toBe(Math.round((2800 * 80_000) / 1_080_000));
  });
});
