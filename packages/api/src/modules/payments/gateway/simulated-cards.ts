import { type ConfirmInput, type GatewayIntent, TEST_CARDS } from "./payment-gateway.ts";

/**
 * The simulated gateway's scenario table: what each of Stripe's test cards (and test PaymentMethod
 * ids) does when confirmed — succeed, ask for 3-D Secure, or decline with Stripe's codes and
 * messages. Only brand and last four leave this file; the number is read once and never kept.
 */

export type CardRead =
  | { outcome: "succeeds"; view: { brand: string; last4: string } }
  | { outcome: "requires_action"; view: { brand: string; last4: string } }
  | {
      outcome: "declined";
      view: { brand: string; last4: string } | null;
      decline: NonNullable<GatewayIntent["lastError"]>;
    };

const OTHER_SUCCEEDING_TEST_CARDS = new Set([
  "4000056655665556", // Visa debit
  "5555555555554444", // Mastercard
  "5200828282828210", // Mastercard debit
  "378282246310005", // American Express
]);

function brandOf(number: string): string {
  if (number.startsWith("4")) return "visa";
  if (/^(5[1-5]|2[2-7])/.test(number)) return "mastercard";
  if (/^3[47]/.test(number)) return "amex";
  if (/^6(011|5)/.test(number)) return "discover";
  return "unknown";
}

function luhn(number: string): boolean {
  let sum = 0;
  for (let i = 0; i < number.length; i++) {
    let d = Number(number[number.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

const decline = (code: string, declineCode: string | null, message: string) => ({
  code,
  declineCode,
  message,
});

/** Stripe's test PaymentMethod ids, for clients that tokenize even against the simulation. */
const TEST_PAYMENT_METHODS: Record<string, string> = {
  pm_card_visa: TEST_CARDS.succeeds,
  pm_card_chargeDeclined: TEST_CARDS.declined,
  pm_card_visa_chargeDeclinedInsufficientFunds: TEST_CARDS.insufficientFunds,
  pm_card_authenticationRequired: TEST_CARDS.requires3ds,
};

/** Decides a test card's outcome; only brand and last four leave this function. */
export function readCard(method: ConfirmInput["paymentMethod"]): CardRead {
  if (method.type === "payment_method") {
    const number = TEST_PAYMENT_METHODS[method.id];
    if (!number) {
      return {
        outcome: "declined",
        view: null,
        decline: decline("resource_missing", null, "That payment method could not be found."),
      };
    }
    return readCard({ type: "test_card", number, expMonth: 12, expYear: 2099, cvc: "123" });
  }
  const number = method.number.replace(/[\s-]/g, "");
  const view = { brand: brandOf(number), last4: number.slice(-4) };
  if (!/^\d{12,19}$/.test(number) || !luhn(number)) {
    return {
      outcome: "declined",
      view: null,
      decline: decline("incorrect_number", null, "Your card number is incorrect."),
    };
  }
  const now = new Date();
  const expired =
    method.expYear < now.getUTCFullYear() ||
    (method.expYear === now.getUTCFullYear() && method.expMonth < now.getUTCMonth() + 1);
  if (expired)
    return {
      outcome: "declined",
      view,
      decline: decline("expired_card", "expired_card", "Your card has expired."),
    };
  if (!/^\d{3,4}$/.test(method.cvc)) {
    return {
      outcome: "declined",
      view,
      decline: decline("incorrect_cvc", "incorrect_cvc", "Your card's security code is incorrect."),
    };
  }
  return outcomeOf(number, view);
}

/** A valid, unexpired test card's scripted outcome. */
function outcomeOf(number: string, view: { brand: string; last4: string }): CardRead {
  switch (number) {
    case TEST_CARDS.succeeds:
      return { outcome: "succeeds", view };
    case TEST_CARDS.declined:
      return {
        outcome: "declined",
        view,
        decline: decline("card_declined", "generic_decline", "Your card was declined."),
      };
    case TEST_CARDS.insufficientFunds:
      return {
        outcome: "declined",
        view,
        decline: decline("card_declined", "insufficient_funds", "Your card has insufficient funds."),
      };
    case TEST_CARDS.requires3ds:
      return { outcome: "requires_action", view };
    default:
      if (OTHER_SUCCEEDING_TEST_CARDS.has(number)) return { outcome: "succeeds", view };
      return {
        outcome: "declined",
        view,
        decline: decline(
          "card_declined",
          "test_mode_live_card",
          "Your card was declined. Only test cards work in test mode (for example 4242 4242 4242 4242).",
        ),
      };
  }
}
