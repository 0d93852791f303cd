// Deals on any cart (deals.ts `bestDeals`, through `priceCart`): the saving is never negative and never more
// than the lines' sum, the set chosen is at least as good as any one deal applied as often as it fits, the
// units it leaves are units of the cart, and the answer does not depend on the order of lines or deals.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { bestDeals, type DealRule, slotAccepts } from "./deals.ts";
import { type PricedLine, priceCart } from "./pricing.ts";
import { US } from "./test-support.ts";

const KINDS = ["pizza", "side", "drink"] as const;
const VARIANTS = ["small", "medium", "large"] as const;
const ITEMS = ["margherita", "pepperoni", "wings", "cola"] as const;

const pricedLine = fc.record({
  itemId: fc.constantFrom(...ITEMS),
  kind: fc.constantFrom(...KINDS),
  variant: fc.constantFrom(...VARIANTS),
  quantity: fc.integer({ min: 1, max: 4 }),
  unitPrice: fc.integer({ min: 0, max: 3000 }),
}) satisfies fc.Arbitrary<PricedLine>;

const slot = fc.record({
  kind: fc.constantFrom(...KINDS),
  variant: fc.option(fc.constantFrom(...VARIANTS), { nil: null }),
  itemId: fc.option(fc.constantFrom(...ITEMS), { nil: null }),
  quantity: fc.integer({ min: 1, max: 3 }),
});
const deals = fc
  .array(
    fc.record({
      price: fc.integer({ min: 1, max: 6000 }),
      slots: fc.array(slot, { minLength: 1, maxLength: 3 }),
    }),
    {
      maxLength: 4,
    },
  )
  .map((ds): DealRule[] => ds.map((d, i) => ({ id: `deal-${i}`, name: `Deal ${i}`, ...d })));
const lines = fc.array(pricedLine, { maxLength: 7 });

const sum = (ls: readonly PricedLine[]) => ls.reduce((s, l) => s + l.unitPrice * l.quantity, 0);

/** One deal alone, applied greedily as often as it fits, the way a customer would count it by hand. */
function singleDeal(deal: DealRule, ls: readonly PricedLine[]): number {
  return bestDeals([deal], ls).saving;
}

describe("deals on any cart", () => {
  it("save between nothing and the lines' sum, and the total stays the price of what is left", () => {
    fc.assert(
      fc.property(lines, deals, (ls, ds) => {
        const p = priceCart({ region: US, channel: "carryout", lines: ls, tip: 0, deals: ds });
        const saving = p.deals.reduce((s, d) => s + d.saving, 0);
        expect(saving).toBeGreaterThanOrEqual(0);
        expect(saving).toBeLessThanOrEqual(sum(ls));
        expect(p.discount).toBe(saving);
        expect(p.total).toBe(p.subtotal - saving + p.tax);
        for (const d of p.deals) {
          expect(d.times).toBeGreaterThan(0);
          expect(d.saving).toBeGreaterThan(0);
        }
      }),
      { numRuns: 400 },
    );
  });

  it("choose a set at least as good as any single deal", () => {
    fc.assert(
      fc.property(lines, deals, (ls, ds) => {
        const best = bestDeals(ds, ls).saving;
        for (const d of ds) expect(best).toBeGreaterThanOrEqual(singleDeal(d, ls));
      }),
      { numRuns: 400 },
    );
  });

  it("leave units of the cart, and as many as the applied deals did not take", () => {
    fc.assert(
      fc.property(lines, deals, (ls, ds) => {
        const d = bestDeals(ds, ls);
        const units = (l: readonly PricedLine[]) => l.reduce((s, x) => s + x.quantity, 0);
        const taken = d.applied.reduce((s, a) => {
          const deal = ds.find((x) => x.id === a.id)!;
          return s + a.times * deal.slots.reduce((n, sl) => n + sl.quantity, 0);
        }, 0);
        expect(units(d.rest)).toBe(units(ls) - taken);
        // The money the deals took is exactly the taken units' prices less the deals' prices.
        const dealPrices = d.applied.reduce((s, a) => s + a.times * a.price, 0);
        expect(sum(ls) - sum(d.rest) - dealPrices).toBe(d.saving);
        for (const r of d.rest)
          expect(ls.some((l) => l.itemId === r.itemId && l.variant === r.variant && l.kind === r.kind)).toBe(
            true,
          );
      }),
      { numRuns: 400 },
    );
  });

  it("do not depend on the order of the cart's lines or of the deals", () => {
    fc.assert(
      fc.property(lines, deals, fc.integer(), (ls, ds, seed) => {
        const shuffle = <T>(xs: readonly T[]) =>
          xs
            .map((x, i) => ({ x, k: (i * 7919 + seed) % 104729 }))
            .sort((a, b) => a.k - b.k)
            .map((e) => e.x);
        const a = bestDeals(ds, ls);
        const b = bestDeals(shuffle(ds), shuffle(ls));
        expect(b.saving).toBe(a.saving);
        expect(b.applied).toEqual(a.applied);
      }),
      { numRuns: 300 },
    );
  });

  it("only ever count a unit in a slot that accepts it", () => {
    const slotRule = { kind: "pizza" as const, variant: "medium", itemId: null, quantity: 1 };
    expect(slotAccepts(slotRule, { kind: "pizza", variant: "medium", itemId: "x" })).toBe(true);
    expect(slotAccepts(slotRule, { kind: "pizza", variant: "large", itemId: "x" })).toBe(false);
    expect(slotAccepts(slotRule, { kind: "side", variant: "medium", itemId: "x" })).toBe(false);
  });
});
