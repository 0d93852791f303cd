/**
 * The password rules the API enforces, shown as a checklist while typing. The server stays the judge
 * (it also refuses common passwords); these only tell people up front what it will ask for.
 */
export function passwordRules(password: string, email: string): { text: string; met: boolean }[] {
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((r) => r.test(password)).length;
  const local = email.split("@")[0]?.toLowerCase() ?? "";
  return [
    { text: "At least 10 characters", met: password.length >= 10 },
    {
      text: "Two of: lower-case, upper-case, digits, symbols (or 16+ characters)",
      met: classes >= 2 || password.length >= 16,
    },
    {
      text: "Not your email address, not a common password",
      met: password.length > 0 && !(local.length >= 4 && password.toLowerCase().includes(local)),
    },
  ];
}
