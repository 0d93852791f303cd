import { AppError, badRequest } from "../../errors.ts";
import { msg } from "../../i18n/message.ts";
import type { AuthUser } from "../auth/tokens.ts";
import { cardChoice } from "./card-choice.ts";
import { openCashPayment } from "./cash.ts";
import { payByCard } from "./pay-by-card.ts";
import { ownOrderOf } from "./payment-ledger.ts";
import { resultOf } from "./payment-views.ts";
import type { TPaymentResult, TProcessPaymentRequest } from "./payments.schemas.ts";
import type { PaymentsContext } from "./payments-context.ts";
import type { Reconciler } from "./reconciliation.ts";

/**
 * payment.processPayment: the customer pays their order, by card (pay-by-card.ts) or by choosing
 * cash on delivery (cash.ts); a card is a test card, a new PaymentMethod or a saved card (card-choice.ts). Refuses what cannot be paid this way before anything is written, and
 * counts every outcome in the metrics.
 */
export async function processPayment(
  ctx: PaymentsContext,
  reconciler: Reconciler,
  caller: AuthUser,
  input: TProcessPaymentRequest,
): Promise<TPaymentResult> {
  try {
    const result = await pay(ctx, reconciler, caller, input);
    ctx.metrics.outcome(result.status);
    return result;
  } catch (error) {
    ctx.metrics.outcome(error instanceof AppError ? "refused" : "error");
    throw error;
  }
}

async function pay(
  ctx: PaymentsContext,
  reconciler: Reconciler,
  caller: AuthUser,
  input: TProcessPaymentRequest,
): Promise<TPaymentResult> {
  const { db, gateway } = ctx;
  const order = await ownOrderOf(ctx.ledger.orders, db, caller, input.orderId);
  if (input.currency && input.currency !== order.currency) {
    throw badRequest(msg("payment.currencyMismatch", { ordered: order.currency, asked: input.currency }), {
      reason: "currency_mismatch",
      currency: order.currency,
    });
  }
  if (input.method?.type === "cash") {
    const payment = await db
      .transaction()
      .execute((trx) => openCashPayment(trx, ctx.ledger.orders, order.id, gateway.name));
    return resultOf(gateway, payment, undefined);
  }
  if (order.payment_method === "cash") {
    throw badRequest(msg("payment.cashOrder"), {
      reason: "cash_order",
    });
  }
  return payByCard(ctx, reconciler, input, await cardChoice(ctx, caller, input));
}
