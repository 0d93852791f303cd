/** Countries offered next to a phone number input; the API normalizes to E.164 with this hint. */
export const COUNTRIES = [
  { code: "US", name: "United States", dial: "+1" },
  { code: "CA", name: "Canada", dial: "+1" },
  { code: "GB", name: "United Kingdom", dial: "+44" },
  { code: "DE", name: "Germany", dial: "+49" },
  { code: "AT", name: "Austria", dial: "+43" },
  { code: "CH", name: "Switzerland", dial: "+41" },
  { code: "FR", name: "France", dial: "+33" },
  { code: "IT", name: "Italy", dial: "+39" },
  { code: "ES", name: "Spain", dial: "+34" },
  { code: "NL", name: "Netherlands", dial: "+31" },
  { code: "JP", name: "Japan", dial: "+81" },
  { code: "AU", name: "Australia", dial: "+61" },
  { code: "IN", name: "India", dial: "+91" },
  { code: "BR", name: "Brazil", dial: "+55" },
  { code: "MX", name: "Mexico", dial: "+52" },
] as const;

export type CountryCode = (typeof COUNTRIES)[number]["code"];

/** The country of the browser's locale when we offer it (en-US → US, de-DE → DE), else US. */
export function defaultCountry(
  languages: readonly string[] = globalThis.navigator?.languages ?? [],
): CountryCode {
  for (const tag of languages) {
    const region = tag.split("-")[1]?.toUpperCase();
    const match = COUNTRIES.find((c) => c.code === region);
    if (match) return match.code;
  }
  return "US";
}
