// The builder's base choices: size or variant, and for a pizza its crust (with the sizes it comes in),
// sauce and cheese level.

import { useT } from "../../i18n/index.tsx";
import type { LineChoices } from "../../lib/use-line-choices.ts";
import type { MenuData } from "../../order-state.ts";

interface Props {
  menu: MenuData;
  choices: LineChoices;
  money(amount: number): string;
}

/** The sizes of a pizza, or the variants of anything else, each with its price. */
export function SizeChoice({
  item,
  choices,
  money,
}: {
  item: MenuData["items"][number];
  choices: LineChoices;
  money(amount: number): string;
}) {
  const t = useT();
  const { isPizza, size, setSize } = choices;
  return (
    <fieldset className="stack stack--tight">
      <legend className="field__label">{isPizza ? t("builder.size") : t("builder.chooseOne")}</legend>
      <div className="choice-grid">
        {item.variants.map((v) => (
          <label key={v.id} className="choice">
            <input type="radio" name="size" checked={size === v.id} onChange={() => setSize(v.id)} />
            <span>
              {v.name || item.name} <span className="muted small">{money(v.price)}</span>
            </span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}

/** Crusts priced for the chosen size; one that does not come in this size says so (`crustProblem`). */
export function CrustChoice({ menu, choices, money, crustProblem }: Props & { crustProblem: string | null }) {
  const t = useT();
  const { size, crust, setCrust } = choices;
  return (
    <fieldset className="stack stack--tight">
      <legend className="field__label">{t("builder.crust")}</legend>
      <div className="choice-grid">
        {menu.crusts.map((c) => {
          const fits = c.prices[size] !== undefined;
          return (
            <label key={c.id} className={`choice ${fits && c.available ? "" : "choice--off"}`}>
              <input
                type="radio"
                name="crust"
                checked={crust === c.id}
                disabled={!c.available}
                onChange={() => setCrust(c.id)}
              />
              <span>
                {c.name}
                {!c.available ? <span className="small muted"> · {t("builder.outOfStock")}</span> : null}
                {c.available && !fits ? (
                  <span className="small muted"> · {t("builder.notInSize")}</span>
                ) : null}
                {c.available && fits && (c.prices[size] ?? 0) > 0 ? (
                  <span className="small muted"> +{money(c.prices[size] ?? 0)}</span>
                ) : null}
              </span>
            </label>
          );
        })}
      </div>
      {crustProblem ? (
        <p className="alert alert--error" role="alert">
          {crustProblem} {t("builder.chooseAnother")}
        </p>
      ) : null}
    </fieldset>
  );
}

export function SauceChoice({ menu, choices }: Omit<Props, "money">) {
  const t = useT();
  const { sauce, setSauce } = choices;
  return (
    <fieldset className="stack stack--tight">
      <legend className="field__label">{t("builder.sauce")}</legend>
      <div className="choice-grid">
        {menu.sauces.map((s) => (
          <label key={s.id} className={`choice ${s.available ? "" : "choice--off"}`}>
            <input
              type="radio"
              name="sauce"
              checked={sauce === s.id}
              disabled={!s.available}
              onChange={() => setSauce(s.id)}
            />
            <span>
              {s.name}
              {!s.available ? <span className="small muted"> · {t("builder.outOfStock")}</span> : null}
            </span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}

export function CheeseChoice({ menu, choices, money }: Props) {
  const t = useT();
  const { size, cheese, setCheese } = choices;
  return (
    <fieldset className="stack stack--tight">
      <legend className="field__label">{t("builder.cheese")}</legend>
      <div className="choice-grid">
        {menu.cheeseLevels.map((c) => (
          <label key={c.id} className="choice">
            <input type="radio" name="cheese" checked={cheese === c.id} onChange={() => setCheese(c.id)} />
            <span>
              {c.name}
              {(c.prices[size] ?? 0) > 0 ? (
                <span className="small muted"> +{money(c.prices[size] ?? 0)}</span>
              ) : null}
            </span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
