// Phone numbers as accounts keep them: E.164, parsed with libphonenumber-js from any usual way of typing one.
import { type CountryCode, parsePhoneNumberFromString } from "libphonenumber-js/max";
import { badRequest } from "../../errors.ts";
import { msg } from "../../i18n/message.ts";

/** E.164 form of a phone number typed any usual way; `country` helps with national formats. */
export function normalizePhone(raw: string, country?: string): string {
  const parsed = parsePhoneNumberFromString(raw, country as CountryCode | undefined);
  if (!parsed?.isValid()) {
    throw badRequest(
      raw.trim().startsWith("+") || country ? msg("auth.phoneInvalid") : msg("auth.phoneInvalidNoCountry"),
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
