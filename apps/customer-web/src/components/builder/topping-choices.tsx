// The pizza's toppings in the builder: each on the whole pizza or one half, optionally extra.

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
  const { size, toppings, setTopping, setExtra } = choices;
  const sizeInfo = menu.sizes.find((s) => s.id === size);
  const toppingCount = Object.keys(toppings).length;
  return (
    <fieldset className="stack stack--tight">
      <legend className="field__label">
        Toppings{" "}
        <span className="muted small">
          ({toppingCount}
          {sizeInfo ? ` of up to ${sizeInfo.maxToppings}` : ""})
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
                  {t.available ? `+${money(t.prices[size] ?? 0)}` : "Out of stock"}
                </span>
              </div>
              <div className="topping__controls">
                <select
                  className="input input--small"
                  aria-label={`${t.name}: where`}
                  value={chosen?.placement ?? "none"}
                  disabled={!t.available && !chosen}
                  onChange={(e) => setTopping(t.id, e.target.value as Placement | "none")}
                >
                  <option value="none">None</option>
                  <option value="whole">Whole</option>
                  <option value="left">Left half</option>
                  <option value="right">Right half</option>
                </select>
                <label className="checkbox small">
                  <input
                    type="checkbox"
                    checked={chosen?.portion === "extra"}
                    disabled={!chosen}
                    onChange={(e) => setExtra(t.id, e.target.checked)}
                  />
                  <span>Extra</span>
                </label>
              </div>
            </li>
          );
        })}
      </ul>
    </fieldset>
  );
}
