/** Countries offered next to a phone number input; the API normalizes to E.164 with this hint. */
export const COUNTRIES = [
  { code: "US", name: "United States", dial: "+1", example: "(201) 555-0123" },
  { code: "CA", name: "Canada", dial: "+1", example: "(506) 234-5678" },
  { code: "GB", name: "United Kingdom", dial: "+44", example: "07400 123456" },
  { code: "DE", name: "Germany", dial: "+49", example: "01512 3456789" },
  { code: "AT", name: "Austria", dial: "+43", example: "0664 123456" },
  { code: "CH", name: "Switzerland", dial: "+41", example: "078 123 45 67" },
  { code: "FR", name: "France", dial: "+33", example: "06 12 34 56 78" },
  { code: "IT", name: "Italy", dial: "+39", example: "312 345 6789" },
  { code: "ES", name: "Spain", dial: "+34", example: "612 34 56 78" },
  { code: "NL", name: "Netherlands", dial: "+31", example: "06 12345678" },
  { code: "JP", name: "Japan", dial: "+81", example: "090-1234-5678" },
  { code: "AU", name: "Australia", dial: "+61", example: "0412 345 678" },
  { code: "IN", name: "India", dial: "+91", example: "081234 56789" },
  { code: "BR", name: "Brazil", dial: "+55", example: "(11) 96123-4567" },
  { code: "MX", name: "Mexico", dial: "+52", example: "222 123 4567" },
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
