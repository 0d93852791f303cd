import type { MessageKey } from "./i18n/en.ts";

/**
 * The password rules the API enforces, shown as a checklist while typing. The server stays the judge:
 * it runs a strength estimator with dictionaries of common passwords, words and names (zxcvbn-ts,
 * hundreds of kilobytes) that this page does not load; the middle item is a simple hint of it, and
 * the server's refusal says exactly what is guessable.
 */
export function passwordRules(password: string, email: string): { text: MessageKey; met: boolean }[] {
  const local = email.split("@")[0]?.toLowerCase() ?? "";
  return [
    { text: "password.length", met: password.length >= 10 },
    {
      text: "password.common",
      met: password.length >= 10 && new Set(password.toLowerCase()).size >= 6,
    },
    {
      text: "password.notEmail",
      met: password.length > 0 && !(local.length >= 4 && password.toLowerCase().includes(local)),
    },
  ];
}
