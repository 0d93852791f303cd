// The taxes of a priced cart, one row per rate with the net amount taxed at it (issue 16, finding 4):
// added on top ("Tax 8.875 % on $16.48") or contained in the prices ("incl. VAT 19 % on net €2.38").
import { useT } from "../../i18n/index.tsx";
import type { Quote } from "../../order-state.ts";

interface TaxRowsProps {
  quote: Pick<Quote, "taxLines" | "taxIncluded">;
  money(amount: number): string;
  locale: string;
}

const percent = (ppm: number, locale: string) =>
  new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 3 }).format(ppm / 1_000_000);

/** Tax added on top: rows of the breakdown, before the total. */
export function AddedTaxRows({ quote, money, locale }: TaxRowsProps) {
  const t = useT();
  if (quote.taxIncluded) return null;
  return (
    <>
      {quote.taxLines.map((l) => (
        <div key={l.ratePpm} data-testid="tax-line">
          <dt>{t("breakdown.taxOn", { rate: percent(l.ratePpm, locale), base: money(l.base) })}</dt>
          <dd>{money(l.tax)}</dd>
        </div>
      ))}
    </>
  );
}

/** Tax contained in the prices: small rows under the total, one per rate (div groups keep the list valid). */
export function IncludedTaxNote({ quote, money, locale }: TaxRowsProps) {
  const t = useT();
  if (!quote.taxIncluded || quote.taxLines.length === 0) return null;
  return (
    <>
      {quote.taxLines.map((l) => (
        <div key={l.ratePpm} className="small muted breakdown__included" data-testid="tax-line">
          <dt>{t("breakdown.inclVatOn", { rate: percent(l.ratePpm, locale), base: money(l.base) })}</dt>
          <dd>{money(l.tax)}</dd>
        </div>
      ))}
    </>
  );
}
