import { useT } from "../i18n/index.tsx";
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
  > & { reward?: Quote["reward"]; deals?: Quote["deals"] };
  locale: string;
}) {
  const t = useT();
  const money = moneyIn(quote);
  // A loyalty reward is its own line, named after it; the rest of the discount is the promo's.
  const reward = quote.reward?.applied ? (quote.reward.discount ?? 0) : 0;
  // Each deal the server applied is its own line too (issue 22).
  const deals = quote.deals ?? [];
  const dealSaving = deals.reduce((sum, d) => sum + d.saving, 0);
  return (
    // The VAT note follows the list (a <dl> holds only its term and value pairs).
    <div className="stack stack--tight" data-testid="breakdown">
      <dl className="breakdown">
        <div>
          <dt>{t("breakdown.subtotal")}</dt>
          <dd>{money(quote.subtotal)}</dd>
        </div>
        {reward > 0 ? (
          <div className="breakdown__discount" data-testid="reward-line">
            <dt>{quote.reward?.name}</dt>
            <dd>−{money(reward)}</dd>
          </div>
        ) : null}
        {deals.map((d) => (
          <div key={d.id} className="breakdown__discount" data-testid="deal-line">
            <dt>{t("breakdown.deal", { name: d.name, times: d.times })}</dt>
            <dd>−{money(d.saving)}</dd>
          </div>
        ))}
        {quote.discount - reward - dealSaving > 0 ? (
          <div className="breakdown__discount">
            <dt>
              {t("breakdown.discount")}
              {quote.promo?.applied ? ` (${quote.promo.code}: ${quote.promo.detail})` : ""}
            </dt>
            <dd>−{money(quote.discount - reward - dealSaving)}</dd>
          </div>
        ) : null}
        {carryout ? null : (
          <div>
            <dt>{t("breakdown.deliveryFee")}</dt>
            <dd>{quote.deliveryFee > 0 ? money(quote.deliveryFee) : t("breakdown.free")}</dd>
          </div>
        )}
        <AddedTaxRows quote={quote} money={money} locale={locale} />
        {quote.tip > 0 ? (
          <div>
            <dt>{t("tip.forDriver")}</dt>
            <dd>{money(quote.tip)}</dd>
          </div>
        ) : null}
        <div className="breakdown__total">
          <dt>{t("breakdown.total")}</dt>
          <dd data-testid="total">{money(quote.total)}</dd>
        </div>
        <IncludedTaxNote quote={quote} money={money} locale={locale} />
      </dl>
    </div>
  );
}
