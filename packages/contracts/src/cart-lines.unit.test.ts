// Identical cart lines are one line, by one rule for the customer's cart and the server's quote.
import { describe, expect, it } from "vitest";
import { cartLineKey, MAX_LINE_QUANTITY, mergeCartLines } from "./cart-lines.ts";

type Line = { itemId: string; variant?: string; quantity?: number; toppings?: { id: string }[] };
const merge = (lines: Line[], cap?: number) =>
  mergeCartLines(
    lines,
    (l) => l,
    (l, quantity) => ({ ...l, quantity }),
    cap,
  );

describe("merging identical cart lines", () => {
  it("adds the quantities of lines equal but for their quantity, whatever their key order", () => {
    const a = { itemId: "cola", variant: "500ml", quantity: 2 };
    const b = { variant: "500ml", itemId: "cola" };
    expect(cartLineKey(a)).toBe(cartLineKey(b));
    expect(merge([a, { itemId: "water" }, b])).toEqual([
      { itemId: "cola", variant: "500ml", quantity: 3 },
      { itemId: "water" },
    ]);
  });

  it("keeps lines that differ in anything else apart", () => {
    const plain = { itemId: "margherita", variant: "large", quantity: 1 };
    const topped = { ...plain, toppings: [{ id: "basil" }] };
    expect(merge([plain, topped, { ...plain, variant: "small" }])).toHaveLength(3);
  });

  it("caps a merged line when asked (the customer's cart), not otherwise (the server)", () => {
    const line = { itemId: "cola", quantity: 15 };
    expect(merge([line, line], MAX_LINE_QUANTITY)[0]!.quantity).toBe(MAX_LINE_QUANTITY);
    expect(merge([line, line])[0]!.quantity).toBe(30);
  });
});
