// The cart's total: the priced breakdown, why it could not be priced, or a promo code that does not apply.
import { errorMessage } from "@pizza/ui";
import { useT } from "../../i18n/index.tsx";
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
  const t = useT();
  return (
    <section className="card stack" aria-label={t("cart.orderTotal")}>
      {error ? (
        <div className="alert alert--error" role="alert">
          {errorMessage(error)}
        </div>
      ) : quote ? (
        <Breakdown quote={quote} locale={locale} carryout={carryout} />
      ) : (
        <p role="status">{t("cart.pricing")}</p>
      )}
      {quote?.promo && !quote.promo.applied ? (
        <p className="small alert alert--info">
          {quote.promo.code}: {quote.promo.reason}
        </p>
      ) : null}
    </section>
  );
}
