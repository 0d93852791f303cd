// A loyalty reward in the cart is priced like a promo, before it: its own discount line, never below zero,
// taxed as a discount; a promo then applies to what the reward left.
import { describe, expect, it } from "vitest";
import { type PricedLine, ppmOf, priceCart } from "./pricing.ts";
import { DE, US } from "./test-support.ts";

const line = (itemId: string, variant: string, unit: number, quantity = 1): PricedLine => ({
  itemId,
  kind: itemId === "cola" ? "drink" : "pizza",
  variant,
  quantity,
  unitPrice: unit,
  taxCategory: itemId === "cola" ? "soft_drink" : undefined,
});
const pizza = { id: "us-free-medium-pizza", name: "Free medium Margherita", points: 60 };
const freePizza = { ...pizza, rule: { kind: "free_item" as const, itemId: "margherita", variant: "medium" } };

describe("a reward in the cart", () => {
  it("takes one unit of its item and variant off, as a discount line named after the reward", () => {
    const lines = [line("margherita", "large", 1899), line("margherita", "medium", 1299, 2)];
    const p = priceCart({ region: US, channel: "carryout", lines, tip: 0, reward: freePizza });
    expect(p.discount).toBe(1299);
    expect(p.reward).toEqual({ ...pizza, applied: true, discount: 1299 });
    expect(p.tax).toBe(ppmOf(1899 + 1299, US.taxRatePpm));
    expect(p.total).toBe(1899 + 1299 + p.tax);
  });

  it("does not apply when the cart lacks the item's variant, and says what to add", () => {
    const p = priceCart({
      region: US,
      channel: "carryout",
      lines: [line("margherita", "large", 1899)],
      tip: 0,
      reward: freePizza,
    });
    expect(p.discount).toBe(0);
    expect(p.reward).toMatchObject({
      applied: false,
      reason: expect.stringMatching(/Margherita|margherita/),
    });
  });

  it("an amount off never goes below zero", () => {
    const reward = {
      id: "us-5-off",
      name: "$5 off",
      points: 40,
      rule: { kind: "fixed" as const, amount: 500 },
    };
    const p = priceCart({
      region: US,
      channel: "delivery",
      lines: [line("cola", "500ml", 249)],
      tip: 0,
      reward,
    });
    expect(p.discount).toBe(249);
    expect(p.total).toBe(US.deliveryFee + p.tax);
  });

  it("combines with a promo: the reward first, the promo on what is left", () => {
    const reward = {
      id: "us-5-off",
      name: "$5 off",
      points: 40,
      rule: { kind: "fixed" as const, amount: 500 },
    };
    const promo = { code: "TEN", rule: { kind: "percent" as const, percent: 10, maxDiscount: null } };
    const lines = [line("margherita", "medium", 2000)];
    const p = priceCart({ region: US, channel: "carryout", lines, tip: 0, reward, promo });
    expect(p.reward).toMatchObject({ applied: true, discount: 500 });
    // 10 % of the subtotal (promo rules look at the cart), never more than the 1500 left.
    expect(p.promo).toMatchObject({ applied: true, discount: 150 });
    expect(p.discount).toBe(650);
    const all = { code: "BIG", rule: { kind: "fixed" as const, amount: 5000 } };
    const q = priceCart({ region: US, channel: "carryout", lines, tip: 0, reward, promo: all });
    expect(q.promo).toMatchObject({ applied: true, discount: 1500 });
    expect(q.total).toBe(0);
  });

  it("splits the discount over the tax rates as a promo's is (inclusive Germany, a drink at 19 %)", () => {
    const drink = {
      id: "de-free-drink",
      name: "Gratis Cola 0,5 l",
      points: 20,
      rule: { kind: "free_item" as const, itemId: "cola", variant: "500ml" },
    };
    const lines = [line("margherita", "medium", 1200), line("cola", "500ml", 300)];
    const withReward = priceCart({ region: DE, channel: "carryout", lines, tip: 0, reward: drink });
    const withPromo = priceCart({
      region: DE,
      channel: "carryout",
      lines,
      tip: 0,
      promo: { code: "C", rule: drink.rule },
    });
    expect(withReward.taxLines).toEqual(withPromo.taxLines);
    expect(withReward.total).toBe(1200);
  });
});
