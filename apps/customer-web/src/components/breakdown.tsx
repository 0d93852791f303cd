import { moneyIn } from "../money.ts";
import type { Quote } from "../order-state.ts";
import { AddedTaxRows, IncludedTaxNote } from "./cart/tax-rows.tsx";

/** Subtotal, discount, delivery fee, tax per rate the region's way (added, or "incl. VAT"), tip, total. */
export function Breakdown({
  quote,
  locale,
  carryout = false,
}: {
  carryout?: boolean;
  quote: Pick<
    Quote,
    | "currency"
    | "currencyDigits"
    | "subtotal"
    | "discount"
    | "deliveryFee"
    | "tax"
    | "taxIncluded"
    | "taxLines"
    | "tip"
    | "total"
    | "promo"
  >;
  locale: string;
}) {
  const money = moneyIn(quote, locale);
  return (
    <dl className="breakdown" data-testid="breakdown">
      <div>
        <dt>Subtotal</dt>
        <dd>{money(quote.subtotal)}</dd>
      </div>
      {quote.discount > 0 ? (
        <div className="breakdown__discount">
          <dt>Discount{quote.promo?.applied ? ` (${quote.promo.code}: ${quote.promo.detail})` : ""}</dt>
          <dd>−{money(quote.discount)}</dd>
        </div>
      ) : null}
      {carryout ? null : (
        <div>
          <dt>Delivery fee</dt>
          <dd>{quote.deliveryFee > 0 ? money(quote.deliveryFee) : "Free"}</dd>
        </div>
      )}
      <AddedTaxRows quote={quote} money={money} locale={locale} />
      {quote.tip > 0 ? (
        <div>
          <dt>Tip for your driver</dt>
          <dd>{money(quote.tip)}</dd>
        </div>
      ) : null}
      <div className="breakdown__total">
        <dt>Total</dt>
        <dd data-testid="total">{money(quote.total)}</dd>
      </div>
      <IncludedTaxNote quote={quote} money={money} locale={locale} />
    </dl>
  );
}
