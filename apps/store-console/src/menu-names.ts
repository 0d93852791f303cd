// Names for the ids on a ticket (toppings, crusts, sauces, sizes, options) from the store's menu.
import { useTRPC } from "@pizza/ui";
import { useQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import { prettyId } from "./kitchen-model.ts";
import type { StoreOrder } from "./live-orders.ts";
import type { Menu } from "./store-api-types.ts";

/** Names for the ids an order line carries (toppings, crusts, sauces, options, sizes). */
export function useMenuNames(storeId: string) {
  const trpc = useTRPC();
  const menu = useQuery({ ...trpc.menu.getMenu.queryOptions({ storeId }), staleTime: 60_000 });
  return useMemo(() => namesOf(menu.data), [menu.data]);
}

function namesOf(menu: Menu | undefined): Map<string, string> {
  const names = new Map<string, string>();
  if (!menu) return names;
  for (const t of menu.toppings) names.set(`topping:${t.id}`, t.name);
  for (const c of menu.crusts) names.set(`crust:${c.id}`, c.name);
  for (const s of menu.sauces) names.set(`sauce:${s.id}`, s.name);
  for (const s of menu.sizes) names.set(`size:${s.id}`, s.name);
  for (const item of menu.items) {
    for (const v of item.variants) if (v.id) names.set(`variant:${item.id}:${v.id}`, v.name);
    for (const g of item.optionGroups) for (const o of g.options) names.set(`option:${o.key}`, o.name);
  }
  return names;
}

/** The line's name with its size or variant, once ("Large 14\" Pepperoni" already names the size). */
export function lineName(line: StoreOrder["items"][number], names: Map<string, string>): string {
  if (!line.variant) return line.name;
  const variant = names.get(`variant:${line.itemId}:${line.variant}`) ?? prettyId(line.variant);
  return line.name.toLowerCase().includes(variant.toLowerCase()) ? line.name : `${line.name} · ${variant}`;
}
