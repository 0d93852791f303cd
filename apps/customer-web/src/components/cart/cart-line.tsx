// One line of the cart: what it is (with its choices in words), the quantity stepper, its price, and
// the links to change or remove it.

import { type Translate, useT } from "../../i18n/index.tsx";
import { type CartLine, type CartLineInput, type MenuData, updateCart } from "../../order-state.ts";
import { Link } from "../../router.tsx";
import { MAX_LINE_QUANTITY, QuantityLimit } from "./quantity-limit.tsx";

export function CartLineItem({
  line: l,
  lines,
  name,
  price,
  menu,
}: {
  line: CartLine;
  /** The whole cart's lines: a change writes them back. */
  lines: CartLine[];
  /** The priced name when the quote has it. */
  name: string;
  /** The line total, formatted; empty until priced. */
  price: string;
  menu: MenuData | undefined;
}) {
  const withQuantity = (q: number) =>
    lines.map((x) => (x.key === l.key ? { ...x, line: { ...x.line, quantity: q } } : x));
  const quantity = l.line.quantity ?? 1;
  const limitId = `limit-${l.key}`;
  const t = useT();
  return (
    <li className="card cart-line" data-testid="cart-line">
      <div className="stack stack--tight">
        <strong>{name}</strong>
        <LineDetails line={l.line} menu={menu} />
      </div>
      <div className="cart-line__side">
        <div className="qty">
          <button
            type="button"
            className="button button--small"
            aria-label={t("cart.oneFewer", { item: name })}
            onClick={() =>
              updateCart({
                lines: quantity - 1 <= 0 ? lines.filter((x) => x.key !== l.key) : withQuantity(quantity - 1),
              })
            }
          >
            −
          </button>
          <output aria-label={t("cart.quantityOf", { item: name })}>{quantity}</output>
          <button
            type="button"
            className="button button--small"
            aria-label={t("cart.oneMore", { item: name })}
            disabled={quantity >= MAX_LINE_QUANTITY}
            aria-describedby={quantity >= MAX_LINE_QUANTITY ? limitId : undefined}
            onClick={() => updateCart({ lines: withQuantity(Math.min(MAX_LINE_QUANTITY, quantity + 1)) })}
          >
            +
          </button>
        </div>
        <QuantityLimit quantity={quantity} id={limitId} />
        <strong>{price}</strong>
        <div className="row">
          <Link to={`/build?line=${l.key}`} className="button button--ghost button--small">
            {t("common.edit")}
            <span className="visually-hidden"> {name}</span>
          </Link>
          <button
            type="button"
            className="button button--ghost button--small"
            onClick={() => updateCart({ lines: lines.filter((x) => x.key !== l.key) })}
          >
            {t("common.remove")}
            <span className="visually-hidden"> {name}</span>
          </button>
        </div>
      </div>
    </li>
  );
}

/** "Thin crust · Tomato · extra Basil (left)": the line's choices, named from the menu. */
function LineDetails({ line, menu }: { line: CartLineInput; menu: MenuData | undefined }) {
  const tr: Translate = useT();
  if (!menu) return null;
  const parts: string[] = [];
  if (line.crust)
    parts.push(tr("cart.crust", { crust: menu.crusts.find((c) => c.id === line.crust)?.name ?? line.crust }));
  if (line.sauce) parts.push(menu.sauces.find((s) => s.id === line.sauce)?.name ?? line.sauce);
  if (line.cheese && line.cheese !== "normal")
    parts.push(
      tr("cart.cheese", {
        cheese: menu.cheeseLevels.find((c) => c.id === line.cheese)?.name ?? line.cheese,
      }),
    );
  for (const t of line.toppings ?? []) {
    const name = menu.toppings.find((x) => x.id === t.id)?.name ?? t.id;
    const topping = t.portion === "extra" ? tr("builder.extraTopping", { topping: name }) : name;
    parts.push(
      t.placement === "left" || t.placement === "right"
        ? tr(`cart.half.${t.placement}`, { topping })
        : topping,
    );
  }
  for (const o of line.options ?? []) parts.push(o.split(":").pop() ?? o);
  return parts.length > 0 ? <span className="small muted">{parts.join(" · ")}</span> : null;
}
