// The driver's tip on a delivery: none, or a share of the subtotal.
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
  return (
    <fieldset className="card stack stack--tight tip-box">
      <legend className="field__label">Tip for your driver</legend>
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
              {pct === 0 ? "No tip" : `${pct}% · ${money(amount)}`}
            </button>
          );
        })}
      </div>
    </fieldset>
  );
}
