// What a deal still needs from the cart, for the menu's deal cards ("add 1 more medium pizza"): the cart's
// units counted into the deal's slots, a slot for one item before a slot for a size before a slot for any
// of the kind (as the server's pricing fills them, packages/api/src/modules/pricing/deals.ts). Only a hint:
// the server decides which deals apply, and the cart shows what it decided.
import type { MenuData } from "../order-state.ts";

export type MenuDeal = MenuData["deals"][number];
export type DealSlot = MenuDeal["slots"][number];

export interface CartUnit {
  itemId: string;
  variant: string;
  quantity: number;
}

const rank = (s: DealSlot) => (s.itemId !== null ? 0 : s.variant !== null ? 1 : 2);

/** Per slot (in the deal's order), how many more units the cart needs to fill it. */
export function missingPerSlot(
  deal: MenuDeal,
  cart: readonly CartUnit[],
  kindOf: (itemId: string) => string | undefined,
): number[] {
  const left = cart.map((u) => ({ ...u, kind: kindOf(u.itemId) }));
  const missing = deal.slots.map((s) => s.quantity);
  const order = deal.slots.map((s, i) => ({ s, i })).sort((a, b) => rank(a.s) - rank(b.s) || a.i - b.i);
  for (const { s, i } of order) {
    for (const u of left) {
      if (missing[i] === 0) break;
      if (u.quantity === 0 || u.kind !== s.kind) continue;
      if ((s.variant !== null && u.variant !== s.variant) || (s.itemId !== null && u.itemId !== s.itemId))
        continue;
      const take = Math.min(u.quantity, missing[i]!);
      u.quantity -= take;
      missing[i] = missing[i]! - take;
    }
  }
  return missing;
}

/**
 * The menu's name of a slot's size or variant: a pizza's size, else the slot's item's own variant, else a
 * variant of an item of the slot's kind (a side slot's "large" is never named after a drink's).
 */
export function slotVariantName(slot: DealSlot, menu: Pick<MenuData, "items" | "sizes">): string | undefined {
  if (slot.variant === null) return undefined;
  if (slot.kind === "pizza") return menu.sizes.find((s) => s.id === slot.variant)?.name;
  const items = menu.items.filter((i) =>
    slot.itemId !== null ? i.id === slot.itemId : i.kind === slot.kind,
  );
  return items.flatMap((i) => i.variants).find((v) => v.id === slot.variant)?.name;
}
