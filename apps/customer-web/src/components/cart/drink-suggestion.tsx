// "Add a drink?" (issue 16, upsell): when the cart has no drink, two drinks from the store's menu (in
// stock, no alcohol: nobody is offered a beer unasked), each added with one tap at its first size. An item
// of the cart's list.
import { useT } from "../../i18n/index.tsx";
import { addLine, type CartLine, type MenuData } from "../../order-state.ts";

export function DrinkSuggestion({
  menu,
  lines,
  money,
}: {
  menu: MenuData | undefined;
  lines: CartLine[];
  money(amount: number): string;
}) {
  const t = useT();
  if (!menu) return null;
  const kindOf = (itemId: string) => menu.items.find((i) => i.id === itemId)?.kind;
  if (lines.length === 0 || lines.some((l) => kindOf(l.line.itemId) === "drink")) return null;
  const drinks = menu.items
    .filter((i) => i.kind === "drink" && i.available && i.taxCategory !== "alcohol" && i.variants.length > 0)
    .slice(0, 2);
  if (drinks.length === 0) return null;
  return (
    <li className="card stack stack--tight" aria-labelledby="drink-h" data-testid="drink-suggestion">
      <h2 id="drink-h">{t("cart.addDrink")}</h2>
      <div className="row">
        {drinks.map((d) => {
          const v = d.variants[0]!;
          const name = v.name ? `${d.name} · ${v.name}` : d.name;
          return (
            <button
              key={d.id}
              type="button"
              className="button"
              onClick={() => addLine(name, { itemId: d.id, ...(v.id ? { variant: v.id } : {}), quantity: 1 })}
            >
              + {name} · {money(v.price)}
            </button>
          );
        })}
      </div>
    </li>
  );
}
