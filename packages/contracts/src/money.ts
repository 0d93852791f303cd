// Money is integer minor units plus a currency; the region says how many digits its currency has
// (`regions.currency_digits`, carried as `currencyDigits` by the menu, quotes and orders), so nobody asks
// Intl to guess them.

const formatters = new Map<string, Intl.NumberFormat>();

/** "€17.33", "17,33 €", "￥1,800": `amountMinor` minor units of `currency` with `digits` digits, in `locale`. */
export function formatMoney(amountMinor: number, currency: string, digits: number, locale?: string): string {
  const key = `${locale ?? ""}|${currency}|${digits}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.NumberFormat(locale, {
      style: "currency",
      currency,
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
    });
    formatters.set(key, f);
  }
  return f.format(amountMinor / 10 ** digits);
}

/** Minor units from a decimal a person typed ("12.5" → 1250 with 2 digits); undefined when it is not a number. */
export function toMinor(decimal: string | number, digits: number): number | undefined {
  const n = typeof decimal === "number" ? decimal : Number(decimal.trim().replace(",", "."));
  if (!Number.isFinite(n)) return undefined;
  return Math.round(n * 10 ** digits);
}
