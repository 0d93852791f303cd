// Money on the console's screens, in minor units. The menu's region and the store's prices carry their
// currency's digits (`currencyDigits`) and go straight to `formatMoney` of @pizza/contracts; today's
// numbers, promo codes and their redemptions carry only a currency code, so `money` formats those with
// the digits `currencyDigits` (@pizza/ui) derives.
import { formatMoney, toMinor } from "@pizza/contracts";
import { currencyDigits } from "@pizza/ui";

/** Minor units of a currency known by its code only, as `locale` writes it. */
export function money(amount: number, currency: string, locale?: string): string {
  return formatMoney(amount, currency, currencyDigits(currency), locale);
}

/**
 * A typed amount ("12.5", "12,05", "500") in minor units, or null when it is not a plain non-negative
 * decimal with at most `digits` decimals (so "5.5" yen or "1.234" dollars are refused, not rounded).
 */
export function parseAmount(text: string, digits: number): number | null {
  const t = text.trim().replace(",", ".");
  const pattern = digits === 0 ? /^\d+$/ : new RegExp(`^\\d+(\\.\\d{1,${digits}})?$`);
  if (!pattern.test(t)) return null;
  return toMinor(t, digits) ?? null;
}
