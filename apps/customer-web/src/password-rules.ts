/**
 * The password rules the API enforces, shown as a checklist while typing. The server stays the judge:
 * it runs a strength estimator with dictionaries of common passwords, words and names (zxcvbn-ts,
 * hundreds of kilobytes) that this page does not load; the middle item is a simple hint of it, and
 * the server's refusal says exactly what is guessable.
 */
export function passwordRules(password: string, email: string): { text: string; met: boolean }[] {
  const local = email.split("@")[0]?.toLowerCase() ?? "";
  return [
    { text: "At least 10 characters", met: password.length >= 10 },
    {
      text: "Not a common password or pattern like 1234 (checked when you create the account)",
      met: password.length >= 10 && new Set(password.toLowerCase()).size >= 6,
    },
    {
      text: "Not your email address",
      met: password.length > 0 && !(local.length >= 4 && password.toLowerCase().includes(local)),
    },
  ];
}
