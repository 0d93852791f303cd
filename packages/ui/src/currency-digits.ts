// The fallback for payloads that name a currency but not its digits (orders, driver offers and
// deliveries, today's numbers, promo codes): the apps format money with `formatMoney` of
// @pizza/contracts and the digits the server sends (`currencyDigits` of the menu's region, quotes and
// store prices); only where none are sent do they ask here, the one place that derives them.

const digitsByCurrency = new Map<string, number>();

/** The digits of an ISO 4217 currency (USD 2, JPY 0), from Intl, once per currency. */
export function currencyDigits(currency: string): number {
  let digits = digitsByCurrency.get(currency);
  if (digits === undefined) {
    digits =
      new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions().maximumFractionDigits ??
      2;
    digitsByCurrency.set(currency, digits);
  }
  return digits;
}
