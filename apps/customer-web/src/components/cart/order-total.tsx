// The cart's total: the priced breakdown, why it could not be priced, or a promo code that does not apply.
import { errorMessage } from "@pizza/ui";
import type { Quote } from "../../order-state.ts";
import { Breakdown } from "../breakdown.tsx";

export function OrderTotal({
  quote,
  error,
  locale,
  carryout,
}: {
  quote: Quote | undefined;
  error: unknown;
  locale: string;
  carryout: boolean;
}) {
  return (
    <section className="card stack" aria-label="Order total">
      {error ? (
        <div className="alert alert--error" role="alert">
          {errorMessage(error)}
        </div>
      ) : quote ? (
        <Breakdown quote={quote} locale={locale} carryout={carryout} />
      ) : (
        <p role="status">Pricing your order…</p>
      )}
      {quote?.promo && !quote.promo.applied ? (
        <p className="small alert alert--info">
          {quote.promo.code}: {quote.promo.reason}
        </p>
      ) : null}
    </section>
  );
}
