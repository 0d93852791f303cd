// Card declines in the words of someone standing at their door, not a gateway log.
import type { Translate } from "../i18n/index.tsx";

// Only a real decline by the card's bank is called one: a number the gateway could not read is a typo.
export function customerWords(t: Translate, reason: string | null) {
  if (!reason) return t("decline.generic");
  if (/(card )?number is (incorrect|invalid)|incorrect_number|invalid_number/i.test(reason))
    return t("decline.number");
  if (/security code|cvc/i.test(reason)) return t("decline.cvc");
  if (/insufficient/i.test(reason)) return t("decline.funds");
  if (/expired/i.test(reason)) return t("decline.expired");
  if (/authenticat|3-?d/i.test(reason)) return t("decline.authentication");
  return t("decline.reason", { reason: reason.replace(/\.$/, "") });
}
