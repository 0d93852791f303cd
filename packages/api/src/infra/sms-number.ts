// What the SMS path needs to know about a destination number: is it E.164, which country it is in (the
// quota's key), and whether it can take a text at all. Premium-rate and shared-cost numbers are refused
// outright: they are what an SMS-pumping run sends to, and no customer signs up with one.
import { parsePhoneNumberFromString } from "libphonenumber-js/max";

export interface SmsDestination {
  /** +4915112345678 */
  e164: string;
  /** ISO 3166 country (US, DE, JM…); the calling code ("+882") for numbers of no country. */
  country: string;
  /** "49" */
  callingCode: string;
}

const E164 = /^\+[1-9]\d{6,14}$/;

/** The destination of a text, or a sentence saying why there is none (not E.164, not valid, premium rate). */
export function smsDestination(to: string): SmsDestination | { problem: string } {
  if (!E164.test(to)) return { problem: `"${to}" is not a phone number in E.164 form (+14155550100)` };
  const parsed = parsePhoneNumberFromString(to);
  if (!parsed?.isValid()) return { problem: `${to} is not a valid phone number` };
  const type = parsed.getType();
  if (type === "PREMIUM_RATE" || type === "SHARED_COST")
    return { problem: `${to} is a ${type === "PREMIUM_RATE" ? "premium-rate" : "shared-cost"} number` };
  return {
    e164: parsed.number,
    country: parsed.country ?? `+${parsed.countryCallingCode}`,
    callingCode: parsed.countryCallingCode,
  };
}
