// The checkout box of the cart: card, PayPal (when offered) or cash, notes for the store, and the button that places the order.
import { useT } from "../../i18n/index.tsx";
import type { PlaceOrder } from "../../lib/use-place-order.ts";

export function CheckoutSection({
  checkout,
  channel,
  total,
  ready,
  blockedBy,
}: {
  checkout: PlaceOrder;
  channel: "delivery" | "carryout";
  /** The total, formatted, once priced. */
  total: string | null;
  /** Priced and not re-pricing: the order can be placed. */
  ready: boolean;
  /** The id of the element saying why the order cannot be placed yet (the delivery minimum). */
  blockedBy?: string | undefined;
}) {
  const t = useT();
  const { payBy, setPayBy, placing } = checkout;
  return (
    <section className="card stack" aria-labelledby="checkout-h">
      <h2 id="checkout-h">{t("checkout.title")}</h2>
      <fieldset className="segmented">
        <legend className="segmented__legend">{t("checkout.payWith")}</legend>
        <label className="segmented__option">
          <input type="radio" name="payBy" checked={payBy === "card"} onChange={() => setPayBy("card")} />
          <span>{t("checkout.card")}</span>
        </label>
        {checkout.paypal ? (
          <label className="segmented__option">
            <input
              type="radio"
              name="payBy"
              checked={payBy === "paypal"}
              onChange={() => setPayBy("paypal")}
            />
            <span>{t("checkout.paypal")}</span>
          </label>
        ) : null}
        <label className="segmented__option">
          <input type="radio" name="payBy" checked={payBy === "cash"} onChange={() => setPayBy("cash")} />
          <span>{channel === "delivery" ? t("checkout.cashOnDelivery") : t("checkout.cashAtPickup")}</span>
        </label>
      </fieldset>
      <label className="field">
        <span className="field__label">{t("checkout.notes")}</span>
        <input
          className="input"
          value={checkout.notes}
          onChange={(e) => checkout.setNotes(e.target.value)}
          maxLength={500}
        />
      </label>
      {checkout.error ? (
        <div className="alert alert--error" role="alert">
          {checkout.error}
        </div>
      ) : null}
      <button
        type="button"
        className="button button--primary button--block"
        disabled={!ready || placing || blockedBy !== undefined}
        aria-describedby={blockedBy}
        onClick={checkout.placeOrder}
        data-testid="place-order"
      >
        {placing ? t("checkout.placing") : total ? t("checkout.placeFor", { total }) : t("checkout.place")}
      </button>
    </section>
  );
}
