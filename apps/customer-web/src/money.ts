// Money on the customer's screens, in minor units, always through `formatMoney` of `@pizza/contracts`
// in the customer's language (`appLocale()`): the cart, the pay page and the tracker say "17,33 €" alike
// for a German customer and "€17.33" for an English one. The menu's region and quotes carry their
// currency's digits (`currencyDigits`); orders carry only a currency code, whose digits come from
// `currencyDigits` (@pizza/ui).
import { formatMoney } from "@pizza/contracts";
import { currencyDigits } from "@pizza/ui";
import { appLocale } from "./lib/app-locale.ts";

/** A currency as the menu's region and quotes describe it. */
export interface CurrencyInfo {
  currency: string;
  currencyDigits: number;
}

/** A formatter for amounts in `c`'s currency, with the digits the server sent, in the customer's locale. */
export function moneyIn(c: CurrencyInfo): (amount: number) => string {
  const locale = appLocale();
  return (amount) => formatMoney(amount, c.currency, c.currencyDigits, locale);
}

/** An order's amount (the order names its currency, not the currency's digits). */
export function orderMoney(amount: number, currency: string): string {
  return formatMoney(amount, currency, currencyDigits(currency), appLocale());
}
