// The pizza's toppings in the builder: each on the whole pizza or one half, optionally extra.

import { useT } from "../../i18n/index.tsx";
import type { LineChoices, Placement } from "../../lib/use-line-choices.ts";
import type { MenuData } from "../../order-state.ts";

export function ToppingChoices({
  menu,
  choices,
  money,
}: {
  menu: MenuData;
  choices: LineChoices;
  money(amount: number): string;
}) {
  const tr = useT();
  const { size, toppings, setTopping, setExtra } = choices;
  const sizeInfo = menu.sizes.find((s) => s.id === size);
  const toppingCount = Object.keys(toppings).length;
  return (
    <fieldset className="stack stack--tight">
      <legend className="field__label">
        {tr("builder.toppings")}{" "}
        <span className="muted small">
          (
          {sizeInfo
            ? tr("builder.toppingCountOf", { count: toppingCount, max: sizeInfo.maxToppings })
            : toppingCount}
          )
        </span>
      </legend>
      <ul className="topping-list">
        {menu.toppings.map((t) => {
          const chosen = toppings[t.id];
          return (
            <li
              key={t.id}
              className={`topping ${t.available ? "" : "topping--out"}`}
              data-testid={`topping-${t.id}`}
            >
              <div className="topping__name">
                <strong>{t.name}</strong>
                <span className="small muted">
                  {t.available ? `+${money(t.prices[size] ?? 0)}` : tr("menu.outOfStock")}
                </span>
              </div>
              <div className="topping__controls">
                <select
                  className="input input--small"
                  aria-label={tr("builder.toppingWhere", { topping: t.name })}
                  value={chosen?.placement ?? "none"}
                  disabled={!t.available && !chosen}
                  onChange={(e) => setTopping(t.id, e.target.value as Placement | "none")}
                >
                  <option value="none">{tr("builder.none")}</option>
                  <option value="whole">{tr("builder.whole")}</option>
                  <option value="left">{tr("builder.leftHalf")}</option>
                  <option value="right">{tr("builder.rightHalf")}</option>
                </select>
                <label className="checkbox small">
                  <input
                    type="checkbox"
                    checked={chosen?.portion === "extra"}
                    disabled={!chosen}
                    onChange={(e) => setExtra(t.id, e.target.checked)}
                    aria-label={tr("builder.extraTopping", { topping: t.name })}
                  />
                  <span aria-hidden="true">{tr("builder.extra")}</span>
                </label>
              </div>
            </li>
          );
        })}
      </ul>
    </fieldset>
  );
}
