// The builder's bottom bar: quantity, the live price from the server, and the add/save button.
import { useT } from "../../i18n/index.tsx";
import type { LineChoices } from "../../lib/use-line-choices.ts";
import { MAX_LINE_QUANTITY, QuantityLimit } from "../cart/quantity-limit.tsx";

export function BuilderBar({
  choices,
  serverReason,
  unit,
  stale,
  canAdd,
  editing,
  order,
  money,
  add,
  reasonId,
}: {
  choices: LineChoices;
  serverReason: string | null;
  /** The server's unit price for the line, once quoted. */
  unit: number | undefined;
  /** The price shown is for an earlier version of the line (a new quote is on its way). */
  stale: boolean;
  canAdd: boolean;
  editing: boolean;
  order: { saving: boolean } | undefined;
  money(amount: number): string;
  add(): void;
  /** The element saying why the add button is disabled, when one does. */
  reasonId?: string | undefined;
}) {
  const t = useT();
  const { quantity, setQuantity } = choices;
  return (
    <div className="builder__bar card">
      <div className="qty">
        <button
          type="button"
          className="button button--small"
          aria-label={t("builder.oneFewer")}
          onClick={() => setQuantity((q) => Math.max(1, q - 1))}
        >
          −
        </button>
        <output aria-live="polite" aria-label={t("builder.quantity")}>
          {quantity}
        </output>
        <button
          type="button"
          className="button button--small"
          aria-label={t("builder.oneMore")}
          disabled={quantity >= MAX_LINE_QUANTITY}
          aria-describedby={quantity >= MAX_LINE_QUANTITY ? "builder-limit" : undefined}
          onClick={() => setQuantity((q) => Math.min(MAX_LINE_QUANTITY, q + 1))}
        >
          +
        </button>
      </div>
      <QuantityLimit quantity={quantity} id="builder-limit" />
      <div className="builder__price" aria-live="polite" data-testid="live-price">
        {serverReason ? null : unit !== undefined ? (
          <strong className={stale ? "price--stale" : ""}>{money(unit * quantity)}</strong>
        ) : (
          <span className="small muted">{t("builder.pricing")}</span>
        )}
      </div>
      <button
        type="button"
        className="button button--primary"
        disabled={!canAdd || order?.saving}
        aria-describedby={reasonId}
        onClick={add}
        data-testid="add-to-cart"
      >
        {order
          ? order.saving
            ? t("builder.saving")
            : editing
              ? t("builder.saveToOrder")
              : t("builder.addToOrder")
          : editing
            ? t("builder.updateCart")
            : t("builder.addToCart")}
      </button>
    </div>
  );
}
