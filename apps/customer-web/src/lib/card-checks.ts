// The card form's own checks, before anything is sent: the number's digits and Luhn check digit, an expiry
// month and year not in the past, a 3- or 4-digit security code. Each problem is a message key for its
// field, said through `useT()` in the customer's language.
import type { MessageKey } from "../i18n/en.ts";

/** The digits of what was typed (spaces and dashes allowed). */
export const cardDigits = (typed: string) => typed.replace(/[\s-]/g, "");

/** The Luhn (mod 10) check every card number passes: catches one wrong digit and most swaps. */
export function luhnOk(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** "MM/YY" or "MM/YYYY" (spaces allowed) as month and full year; undefined when it is not that shape. */
export function parseExpiry(typed: string): { month: number; year: number } | undefined {
  const m = /^\s*(\d{1,2})\s*\/\s*(\d{2}|\d{4})\s*$/.exec(typed);
  if (!m) return undefined;
  const month = Number(m[1]);
  if (month < 1 || month > 12) return undefined;
  return { month, year: Number(m[2]!.length === 2 ? `20${m[2]}` : m[2]) };
}

export interface CardProblems {
  number?: MessageKey;
  expiry?: MessageKey;
  cvc?: MessageKey;
}

/** What is wrong with each field (none: the card may be sent to the gateway). */
export function cardProblems(
  card: { number: string; expiry: string; cvc: string },
  now = new Date(),
): CardProblems {
  const problems: CardProblems = {};
  const digits = cardDigits(card.number);
  if (digits === "") problems.number = "card.numberMissing";
  else if (!/^\d+$/.test(digits)) problems.number = "card.numberDigitsOnly";
  else if (digits.length < 12 || digits.length > 19) problems.number = "card.numberLength";
  else if (!luhnOk(digits)) problems.number = "card.numberInvalid";

  const expiry = parseExpiry(card.expiry);
  if (card.expiry.trim() === "") problems.expiry = "card.expiryMissing";
  else if (!expiry) problems.expiry = "card.expiryShape";
  else if (
    expiry.year < now.getFullYear() ||
    (expiry.year === now.getFullYear() && expiry.month < now.getMonth() + 1)
  )
    problems.expiry = "card.expired";

  if (!/^\d{3,4}$/.test(card.cvc.trim())) problems.cvc = "card.cvc";
  return problems;
}
