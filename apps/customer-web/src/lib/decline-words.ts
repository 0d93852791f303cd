// Card declines in the words of someone standing at their door, not a gateway log.
import type { Translate } from "../i18n/index.tsx";

export function customerWords(t: Translate, reason: string | null) {
  if (!reason) return t("decline.generic");
  if (/insufficient/i.test(reason)) return t("decline.funds");
  if (/expired/i.test(reason)) return t("decline.expired");
  if (/authenticat|3-?d/i.test(reason)) return t("decline.authentication");
  return t("decline.reason", { reason: reason.replace(/\.$/, "") });
}
