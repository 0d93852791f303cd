// Client-side "required" checks: an empty form is answered next to its fields and never sent.
import type { Translate } from "../i18n/index.tsx";

/** The message for an empty email or phone (whichever the customer chose), or undefined. */
export function missingContact(
  t: Translate,
  method: "email" | "phone",
  email: string,
  phone: string,
): string | undefined {
  if (method === "email") return email.trim() ? undefined : t("form.emailRequired");
  return phone.trim() ? undefined : t("form.phoneRequired");
}
