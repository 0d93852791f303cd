import { describe, expect, it } from "vitest";
import { type DealSlot, slotVariantName } from "./deal-progress.ts";

type Menu = Parameters<typeof slotVariantName>[1];
const item = (id: string, kind: string, variants: [string, string][]) => ({
  id,
  kind,
  variants: variants.map(([vid, name]) => ({ id: vid, name })),
});
// A drink listed before the side that shares the variant id "large".
const menu = {
  sizes: [{ id: "medium", name: 'Medium 12"' }],
  items: [
    item("cola", "drink", [["large", "1.5 L bottle"]]),
    item("wings", "side", [["large", "12 pieces"]]),
    item("fries", "side", [["small", "Small"]]),
  ],
} as unknown as Menu;
const slot = (s: Partial<DealSlot>): DealSlot =>
  ({ kind: "side", variant: null, itemId: null, quantity: 1, ...s }) as DealSlot;

describe("slotVariantName", () => {
  it("names a side slot's variant after a side, never a drink that shares its id", () => {
    expect(slotVariantName(slot({ variant: "large" }), menu)).toBe("12 pieces");
    expect(slotVariantName(slot({ kind: "drink", variant: "large" }), menu)).toBe("1.5 L bottle");
  });

  it("takes the slot's own item's variant, a pizza's size, and nothing for any variant", () => {
    expect(slotVariantName(slot({ itemId: "fries", variant: "small" }), menu)).toBe("Small");
    expect(slotVariantName(slot({ itemId: "fries", variant: "large" }), menu)).toBeUndefined();
    expect(slotVariantName(slot({ kind: "pizza", variant: "medium" }), menu)).toBe('Medium 12"');
    expect(slotVariantName(slot({ variant: null }), menu)).toBeUndefined();
  });
});
