// The driver's tip on a delivery: none, or a share of the subtotal.
import { useT } from "../../i18n/index.tsx";
import { updateCart } from "../../order-state.ts";

const TIPS = [0, 10, 15, 20];

export function TipChoice({
  subtotal,
  tip,
  money,
}: {
  subtotal: number;
  tip: number;
  money(minor: number): string;
}) {
  const t = useT();
  return (
    <fieldset className="card stack stack--tight tip-box">
      <legend className="field__label">{t("tip.forDriver")}</legend>
      <div className="row">
        {TIPS.map((pct) => {
          const amount = Math.round((subtotal * pct) / 100);
          return (
            <button
              key={pct}
              type="button"
              className={`button button--small ${tip === amount && (pct > 0 || tip === 0) ? "button--primary" : ""}`}
              aria-pressed={tip === amount}
              onClick={() => updateCart({ tip: amount })}
            >
              {pct === 0 ? t("tip.none") : `${pct}% · ${money(amount)}`}
            </button>
          );
        })}
      </div>
    </fieldset>
  );
}
