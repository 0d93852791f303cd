// Phone numbers as accounts keep them: E.164, parsed with libphonenumber-js from any usual way of typing one.
import { type CountryCode, parsePhoneNumberFromString } from "libphonenumber-js/max";
import { badRequest } from "../../errors.ts";

/** E.164 form of a phone number typed any usual way; `country` helps with national formats. */
export function normalizePhone(raw: string, country?: string): string {
  const parsed = parsePhoneNumberFromString(raw, country as CountryCode | undefined);
  if (!parsed?.isValid()) {
    throw badRequest(
      raw.trim().startsWith("+") || country
        ? "That phone number is not valid."
        : "That phone number is not valid; include the country code, like +1 212 555 0100.",
      { field: "phone" },
    );
  }
  return parsed.number;
}

export function normalizePhoneOrRaw(raw: string, country?: string): string {
  // Sign-in must not reveal whether a number is valid-but-unknown; an unparsable one simply matches nobody.
  try {
    return normalizePhone(raw, country);
  } catch {
    return raw;
  }
}
