// The option groups of an item that is not a pizza (a drink's size, a side's dips), each with its own limits.

import { useT } from "../../i18n/index.tsx";
import type { LineChoices } from "../../lib/use-line-choices.ts";
import type { MenuData } from "../../order-state.ts";

export function OptionGroups({
  item,
  choices,
  money,
}: {
  item: MenuData["items"][number];
  choices: LineChoices;
  money(amount: number): string;
}) {
  const t = useT();
  const { options, toggleOption } = choices;
  return (
    <>
      {item.optionGroups.map((g) => (
        <fieldset key={g.id} className="stack stack--tight">
          <legend className="field__label">
            {g.name}{" "}
            <span className="muted small">
              {g.min > 0
                ? t("builder.choose", { range: g.min === g.max ? g.min : `${g.min}–${g.max}` })
                : t("builder.optionalUpTo", { max: g.max })}
            </span>
          </legend>
          <div className="choice-grid">
            {g.options.map((o) => (
              <label key={o.key} className={`choice ${o.available ? "" : "choice--off"}`}>
                <input
                  type={g.max === 1 ? "radio" : "checkbox"}
                  name={`group-${g.id}`}
                  checked={options.includes(o.key)}
                  disabled={!o.available}
                  onChange={() => toggleOption(g.id, o.key, g.max)}
                />
                <span>
                  {o.name}
                  {o.price > 0 ? <span className="small muted"> +{money(o.price)}</span> : null}
                  {!o.available ? <span className="small muted"> · {t("builder.outOfStock")}</span> : null}
                </span>
              </label>
            ))}
          </div>
        </fieldset>
      ))}
    </>
  );
}
