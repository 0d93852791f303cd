// Pizza builder rules: checks one cart line against a store's live menu and resolves it into what
// the pricing module prices and what the stock check reserves. Pure: the menu is data.
import { mergeCartLines } from "@pizza/contracts";
import type { OrderItemConfig, StockEntity } from "@pizza/db";
import { badRequest, conflict } from "../../errors.ts";
import {
  type LinePriceParts,
  type MenuKind,
  type TaxCategory,
  toppingHalves,
  unitPrice,
} from "../pricing/pricing.ts";
import type { TCartLine } from "./menu.schemas.ts";
import type { Menu, MenuEntry } from "./menu.types.ts";

export interface StockNeed {
  entity: StockEntity;
  id: string;
  /** What a customer calls it ("Goat Cheese"), for "… is out of stock" messages. */
  label: string;
  quantity: number;
}

export interface ResolvedLine {
  itemId: string;
  kind: MenuKind;
  variant: string;
  quantity: number;
  name: string;
  config: OrderItemConfig;
  parts: LinePriceParts;
  unitPrice: number;
  /** What the item is taxed as (pricing/tax-lines.ts). */
  taxCategory: TaxCategory;
  needs: StockNeed[];
  /** The client's line, normalized, so a cart can be echoed back (reorder, quotes). */
  input: TCartLine;
}

export type LineResult =
  | { ok: true; line: ResolvedLine }
  | { ok: false; reason: string; unavailable?: { entity: StockEntity; id: string; name: string } };

type Refusal = Extract<LineResult, { ok: false }>;
const fail = (reason: string): Refusal => ({ ok: false, reason });
const unavailable = (entity: StockEntity, id: string, name: string): Refusal => ({
  ok: false,
  reason: `${name} is out of stock at this store right now.`,
  unavailable: { entity, id, name },
});

const list = (names: string[]) =>
  names.length <= 1 ? (names[0] ?? "") : `${names.slice(0, -1).join(", ")} or ${names[names.length - 1]}`;

export function resolveLine(menu: Menu, line: TCartLine): LineResult {
  const item = menu.items.find((i) => i.id === line.itemId);
  if (!item) return fail(`"${line.itemId}" is not on this store's menu.`);
  if (!item.available) return unavailable("item", item.id, item.name);
  return item.kind === "pizza" ? resolvePizza(menu, item, line) : resolveOther(item, line);
}

function resolvePizza(menu: Menu, item: MenuEntry, line: TCartLine): LineResult {
  const sizeId = line.size ?? line.variant;
  if (!sizeId) return fail(`Choose a size for ${item.name}: ${list(item.variants.map((v) => v.name))}.`);
  const variant = item.variants.find((v) => v.id === sizeId);
  const size = menu.sizes.find((s) => s.id === sizeId);
  if (!variant || !size) {
    return fail(
      `${item.name} does not come in "${sizeId}"; choose ${list(item.variants.map((v) => v.name))}.`,
    );
  }
  if (line.options && line.options.length > 0)
    return fail(`${item.name} has no options; use toppings instead.`);

  const crustId = line.crust ?? menu.crusts.find((c) => c.prices[size.id] !== undefined && c.available)?.id;
  const crust = menu.crusts.find((c) => c.id === crustId);
  if (!crust) return fail(`"${line.crust}" is not a crust we make.`);
  const crustPrice = crust.prices[size.id];
  if (crustPrice === undefined) {
    const sizes = menu.sizes.filter((s) => crust.prices[s.id] !== undefined).map((s) => s.name);
    return fail(`${crust.name} crust does not come in ${size.name}; it comes in ${list(sizes)}.`);
  }
  if (!crust.available) return unavailable("crust", crust.id, `${crust.name} crust`);

  const sauceId = line.sauce ?? item.defaults.sauce ?? "tomato";
  const sauce = menu.sauces.find((s) => s.id === sauceId);
  if (!sauce) return fail(`"${sauceId}" is not a sauce we make.`);
  if (!sauce.available) return unavailable("sauce", sauce.id, sauce.name);

  const cheeseId = line.cheese ?? (item.defaults.cheese as OrderItemConfig["cheese"]) ?? "normal";
  const cheese = menu.cheeseLevels.find((c) => c.id === cheeseId);
  if (!cheese) return fail(`"${cheeseId}" is not a cheese level.`);

  const toppings = resolveToppings(menu, item, size, line);
  if (!toppings.ok) return toppings;
  const { chosen } = toppings;
  const needs: StockNeed[] = [
    { entity: "item", id: item.id, label: item.name, quantity: line.quantity },
    { entity: "crust", id: crust.id, label: `${crust.name} crust`, quantity: line.quantity },
    { entity: "sauce", id: sauce.id, label: sauce.name, quantity: line.quantity },
    ...toppings.needs,
  ];

  const parts: LinePriceParts = {
    base: variant.price,
    crust: crustPrice,
    cheese: cheese.prices[size.id] ?? 0,
    toppings: toppings.parts,
  };
  return {
    ok: true,
    line: {
      itemId: item.id,
      kind: "pizza",
      variant: size.id,
      quantity: line.quantity,
      name: `${size.name} ${item.name}`,
      config: {
        crust: crust.id,
        sauce: sauce.id,
        cheese: cheese.id,
        toppings: chosen.map((t) => ({ ...t })),
      },
      parts,
      unitPrice: unitPrice(parts),
      taxCategory: item.taxCategory,
      needs,
      input: {
        itemId: item.id,
        variant: size.id,
        quantity: line.quantity,
        crust: crust.id,
        sauce: sauce.id,
        cheese: cheese.id,
        toppings: chosen.map((t) => ({ ...t })),
      },
    },
  };
}

type Size = Menu["sizes"][number];
type ChosenTopping = NonNullable<TCartLine["toppings"]>[number];

/** The line's toppings (the item's defaults when it names none), each on the menu, available, and within the size's limit. */
function resolveToppings(
  menu: Menu,
  item: MenuEntry,
  size: Size,
  line: TCartLine,
):
  | { ok: true; chosen: ChosenTopping[]; parts: NonNullable<LinePriceParts["toppings"]>; needs: StockNeed[] }
  | Refusal {
  const chosen: ChosenTopping[] =
    line.toppings ??
    item.defaults.toppings.map((id) => ({ id, placement: "whole" as const, portion: "normal" as const }));
  const seen = new Set<string>();
  const parts: NonNullable<LinePriceParts["toppings"]> = [];
  const needs: StockNeed[] = [];
  let halves = 0;
  for (const t of chosen) {
    const topping = menu.toppings.find((x) => x.id === t.id);
    if (!topping) return fail(`"${t.id}" is not a topping we have.`);
    if (seen.has(t.id))
      return fail(`${topping.name} is listed twice on one pizza; choose one placement for it.`);
    seen.add(t.id);
    if (!topping.available) return unavailable("topping", topping.id, topping.name);
    const price = topping.prices[size.id];
    if (price === undefined) return fail(`${topping.name} is not available on a ${size.name} pizza.`);
    halves += toppingHalves(t.placement, t.portion);
    parts.push({
      price,
      placement: t.placement,
      portion: t.portion,
      included: item.defaults.toppings.includes(t.id),
    });
    needs.push({ entity: "topping", id: topping.id, label: topping.name, quantity: line.quantity });
  }
  if (halves > size.maxToppings * 2) {
    return fail(
      `A ${size.name} pizza takes at most ${size.maxToppings} toppings (an extra portion counts as two, a half as one half).`,
    );
  }
  return { ok: true, chosen, parts, needs };
}

function resolveOther(item: MenuEntry, line: TCartLine): LineResult {
  if (line.crust || line.sauce || line.cheese || (line.toppings && line.toppings.length > 0)) {
    return fail(`${item.name} is not a pizza: it has no crust, sauce, cheese or toppings.`);
  }
  const wanted = line.variant ?? line.size ?? (item.variants.length === 1 ? item.variants[0]!.id : undefined);
  const variant = item.variants.find((v) => v.id === wanted);
  if (!variant) {
    const names = item.variants.map((v) => v.name);
    return fail(
      wanted === undefined
        ? `Choose one for ${item.name}: ${list(names)}.`
        : `${item.name} does not come as "${wanted}"; choose ${list(names)}.`,
    );
  }
  const needs: StockNeed[] = [{ entity: "item", id: item.id, label: item.name, quantity: line.quantity }];
  const optionPrices: number[] = [];
  const keys: string[] = [];
  for (const raw of line.options ?? []) {
    const group = item.optionGroups.find((g) =>
      g.options.some((o) => o.key === raw || (o.id === raw && !raw.includes(":"))),
    );
    const option = group?.options.find((o) => o.key === raw || o.id === raw);
    if (!group || !option) return fail(`"${raw}" is not an option of ${item.name}.`);
    if (keys.includes(option.key)) return fail(`${option.name} is chosen twice for ${item.name}.`);
    if (!option.available) return unavailable("option", option.key, option.name);
    keys.push(option.key);
    optionPrices.push(option.price);
    needs.push({ entity: "option", id: option.key, label: option.name, quantity: line.quantity });
  }
  for (const g of item.optionGroups) {
    const n = keys.filter((k) => k.startsWith(`${g.id}:`)).length;
    if (n < g.min)
      return fail(`Choose ${g.min === 1 ? "a" : g.min} ${g.name.toLowerCase()} for ${item.name}.`);
    if (n > g.max) return fail(`Choose at most ${g.max} ${g.name.toLowerCase()} for ${item.name}.`);
  }
  const parts: LinePriceParts = { base: variant.price, options: optionPrices };
  return {
    ok: true,
    line: {
      itemId: item.id,
      kind: item.kind,
      variant: variant.id,
      quantity: line.quantity,
      name: variant.name ? `${item.name} ${variant.name}` : item.name,
      config: { options: keys },
      parts,
      unitPrice: unitPrice(parts),
      taxCategory: item.taxCategory,
      needs,
      input: {
        itemId: item.id,
        ...(variant.id ? { variant: variant.id } : {}),
        quantity: line.quantity,
        ...(keys.length > 0 ? { options: keys } : {}),
      },
    },
  };
}

/** Sums what a cart needs of each stock entity (two lines of tiramisu need both). */
export function totalNeeds(lines: readonly ResolvedLine[]): StockNeed[] {
  const byKey = new Map<string, StockNeed>();
  for (const l of lines) {
    for (const n of l.needs) {
      const key = `${n.entity}|${n.id}`;
      const prev = byKey.get(key);
      if (prev) prev.quantity += n.quantity;
      else byKey.set(key, { ...n });
    }
  }
  return [...byKey.values()];
}

/**
 * Resolves every line or throws the first problem as a readable error: 400 for a line that breaks
 * the rules, 409 naming the item or topping that is out of stock. Identical lines are merged first
 * (their quantities added), by the rule the customer's cart merges them with (@pizza/contracts).
 */
export function resolveCart(menu: Menu, lines: readonly TCartLine[]): ResolvedLine[] {
  const cart = mergeCartLines(
    lines,
    (l) => l,
    (l, quantity) => ({ ...l, quantity }),
  );
  const out: ResolvedLine[] = [];
  for (const [index, line] of cart.entries()) {
    const r = resolveLine(menu, line);
    if (!r.ok) {
      const prefix = cart.length > 1 ? `Line ${index + 1}: ` : "";
      if (r.unavailable) {
        throw conflict(`${prefix}${r.reason}`, { line: index, reason: "out_of_stock", ...r.unavailable });
      }
      throw badRequest(`${prefix}${r.reason}`, { line: index });
    }
    out.push(r.line);
  }
  return out;
}
