// The language the customer's browser asks for, as the API's `locale` inputs take it ("de-DE", "ja").

/** The browser's preferred language tag, or "en" when it gives none. */
export function appLocale(): string {
  const tag = typeof navigator === "undefined" ? "" : navigator.language;
  return tag ? tag.slice(0, 35) : "en";
}
