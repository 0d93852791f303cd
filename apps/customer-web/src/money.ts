// Money on the customer's screens, in minor units. The menu's region and quotes carry their currency's
// digits (`currencyDigits`), so `moneyIn` formats with those. Orders (`order.getOrder`, `order.myOrders`)
// carry only a currency code; `orderMoney` takes their digits from `currencyDigits` (@pizza/ui).
import { formatMoney } from "@pizza/contracts";
import { currencyDigits } from "@pizza/ui";

/** The locale money is shown in until the menu has told us the region's. */
const FALLBACK_LOCALE = "en-US";

/** A currency as the menu's region and quotes describe it. */
export interface CurrencyInfo {
  currency: string;
  currencyDigits: number;
}

/** A formatter for amounts in `c`'s currency, with the digits the server sent, in `locale`. */
export function moneyIn(c: CurrencyInfo, locale = FALLBACK_LOCALE): (amount: number) => string {
  return (amount) => formatMoney(amount, c.currency, c.currencyDigits, locale);
}

/** An order's amount (the order names its currency, not the currency's digits). */
export function orderMoney(amount: number, currency: string, locale = FALLBACK_LOCALE): string {
  return formatMoney(amount, currency, currencyDigits(currency), locale);
}
