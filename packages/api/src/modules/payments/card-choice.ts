import { badRequest } from "../../errors.ts";
import { msg } from "../../i18n/message.ts";
import type { AuthUser } from "../auth/tokens.ts";
import type { GatewayPaymentMethod } from "./gateway/payment-gateway.ts";
import { RoutedGateway } from "./gateway/routed-gateway.ts";
import type { CardSummary } from "./next-card-step.ts";
import { ensureCustomer } from "./payment-customer.ts";
import type { TProcessPaymentRequest } from "./payments.schemas.ts";
import type { PaymentsContext } from "./payments-context.ts";
import { ownSavedCard } from "./saved-cards.ts";

/** The gateway customer an attempt pays as: to save its card (`save`), or because the card is saved on it. */
export type CardCustomer = { id: string; save: boolean };

export interface CardChoice {
  method: GatewayPaymentMethod;
  /** Brand and last four when known before the gateway answers (a test card, a saved card). */
  card: CardSummary | null;
  customer: CardCustomer | null;
  /** PayPal instead of a card: the intent is a PayPal order the buyer approves at PayPal. */
  wallet?: "paypal";
}

/**
 * What processPayment's card input turns into at the gateway: a test card (simulation only), a new
 * PaymentMethod from Stripe Elements (kept on the caller's Stripe customer with `saveCard`), or one of
 * the caller's saved cards (someone else's is "not found", like a missing one).
 */
export async function cardChoice(
  ctx: PaymentsContext,
  caller: AuthUser,
  input: TProcessPaymentRequest,
): Promise<CardChoice> {
  if (input.savedCardId) {
    const { card, customerId } = await ownSavedCard(ctx, caller, input.savedCardId);
    return {
      method: { type: "payment_method", id: card.id },
      card: { brand: card.brand, last4: card.last4 },
      customer: { id: customerId, save: false },
    };
  }
  const method = input.method;
  if (method?.type === "test_card") {
    if (ctx.gateway.name !== "simulated") {
      throw badRequest(msg("payment.cardDataRefused"), {
        reason: "card_data_refused",
      });
    }
    return { method, card: cardSummary(method.number), customer: null };
  }
  if (method?.type === "paypal") {
    if (!(ctx.gateway instanceof RoutedGateway)) throw badRequest(msg("payment.paypalUnavailable"));
    return { method: { type: "payment_method", id: "paypal" }, card: null, customer: null, wallet: "paypal" };
  }
  if (method?.type !== "stripe") throw badRequest(msg("payment.chooseOneWay"));
  const customer = input.saveCard ? { id: await ensureCustomer(ctx, caller), save: true } : null;
  return { method: { type: "payment_method", id: method.paymentMethodId }, card: null, customer };
}

/** Brand and last four of a card number; the number itself goes no further than the gateway call. */
function cardSummary(number: string): CardSummary {
  const brand = number.startsWith("4")
    ? "visa"
    : /^(5[1-5]|2[2-7])/.test(number)
      ? "mastercard"
      : /^3[47]/.test(number)
        ? "amex"
        : "card";
  return { brand, last4: number.slice(-4) };
}
