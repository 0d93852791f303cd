// The builder's choices for one line (size, crust, sauce, cheese, toppings by half, options, quantity)
// and the cart line they make, starting from the line being edited or the item's defaults.
import { useMemo, useState } from "react";
import type { CartLineInput, MenuData } from "../order-state.ts";

export type Cheese = "none" | "light" | "normal" | "extra";
export type Placement = "whole" | "left" | "right";
export type ChosenTopping = { placement: Placement; portion: "normal" | "extra" };
type MenuItem = MenuData["items"][number];

function initialToppings(item: MenuItem, initial: CartLineInput | undefined): Record<string, ChosenTopping> {
  const t: Record<string, ChosenTopping> = {};
  if (initial?.toppings)
    for (const x of initial.toppings)
      t[x.id] = { placement: x.placement ?? "whole", portion: x.portion ?? "normal" };
  else for (const id of item.defaults.toppings) t[id] = { placement: "whole", portion: "normal" };
  return t;
}

export function useLineChoices(menu: MenuData, item: MenuItem, initial: CartLineInput | undefined) {
  const isPizza = item.kind === "pizza";
  const itemId = item.id;
  const [size, setSize] = useState(
    initial?.size ??
      initial?.variant ??
      item.variants.find((v) => v.id === "medium")?.id ??
      item.variants[0]?.id ??
      "",
  );
  const [crust, setCrust] = useState(initial?.crust ?? menu.crusts.find((c) => c.available)?.id ?? "");
  const [sauce, setSauce] = useState(initial?.sauce ?? item.defaults.sauce ?? menu.sauces[0]?.id ?? "");
  const [cheese, setCheese] = useState<Cheese>(
    (initial?.cheese as Cheese) ?? (item.defaults.cheese as Cheese) ?? "normal",
  );
  const [toppings, setToppings] = useState<Record<string, ChosenTopping>>(() =>
    initialToppings(item, initial),
  );
  const [options, setOptions] = useState<string[]>(initial?.options ?? []);
  const [quantity, setQuantity] = useState(initial?.quantity ?? 1);

  const line: CartLineInput = useMemo(
    () =>
      isPizza
        ? {
            itemId,
            size,
            quantity,
            crust,
            sauce,
            cheese,
            toppings: Object.entries(toppings).map(([id, t]) => ({
              id,
              placement: t.placement,
              portion: t.portion,
            })),
          }
        : { itemId, ...(size ? { variant: size } : {}), quantity, options },
    [isPizza, itemId, size, quantity, crust, sauce, cheese, toppings, options],
  );

  function setTopping(id: string, placement: Placement | "none") {
    setToppings((all) => {
      const next = { ...all };
      if (placement === "none") delete next[id];
      else next[id] = { placement, portion: all[id]?.portion ?? "normal" };
      return next;
    });
  }

  function setExtra(id: string, extra: boolean) {
    setToppings((all) =>
      all[id] ? { ...all, [id]: { ...all[id]!, portion: extra ? "extra" : "normal" } } : all,
    );
  }

  function toggleOption(groupId: string, key: string, max: number) {
    setOptions((all) => {
      const inGroup = (k: string) => k.startsWith(`${groupId}:`);
      if (all.includes(key)) return all.filter((k) => k !== key);
      const kept = max === 1 ? all.filter((k) => !inGroup(k)) : all;
      return [...kept, key];
    });
  }

  return {
    isPizza,
    line,
    size,
    setSize,
    crust,
    setCrust,
    sauce,
    setSauce,
    cheese,
    setCheese,
    toppings,
    setTopping,
    setExtra,
    options,
    toggleOption,
    quantity,
    setQuantity,
  };
}

export type LineChoices = ReturnType<typeof useLineChoices>;
