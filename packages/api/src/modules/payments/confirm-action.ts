import { badRequest, preconditionFailed } from "../../errors.ts";
import { msg } from "../../i18n/message.ts";
import type { AuthUser } from "../auth/tokens.ts";
import { GatewayError } from "./gateway/payment-gateway.ts";
import { isPayPalRef, simulationOf } from "./gateway/routed-gateway.ts";
import { ownOrderOf } from "./payment-ledger.ts";
import { attemptsOf, PAID, paymentOfOrder } from "./payment-rows.ts";
import { resultOf } from "./payment-views.ts";
import type { TConfirmActionRequest, TPaymentResult } from "./payments.schemas.ts";
import type { PaymentsContext } from "./payments-context.ts";
import { captureApproved } from "./paypal-return.ts";
import type { Reconciler } from "./reconciliation.ts";

/**
 * payment.confirmAction, after 3-D Secure or PayPal's approval page: asks the gateway how it went and
 * records it (the simulation can be told the customer's answer first); an approved PayPal order is
 * captured here (paypal-return.ts). An intent the gateway does not know (the
 * simulation's store was emptied, a test database pointed at another gateway) is a 412 with a sentence.
 */
export async function confirmAction(
  ctx: PaymentsContext,
  reconciler: Reconciler,
  caller: AuthUser,
  input: TConfirmActionRequest,
): Promise<TPaymentResult> {
  const { db, gateway, calls } = ctx;
  const order = await ownOrderOf(ctx.ledger.orders, db, caller, input.orderId);
  const payment = await paymentOfOrder(db, order.id);
  const intentId = payment?.gateway_ref;
  if (!payment || !intentId) throw preconditionFailed(msg("payment.nothingWaiting"));
  const attempts = await attemptsOf(db, payment.id);
  const waiting = [...attempts].reverse().find((a) => a.status === "requires_action");
  if (!waiting) {
    const last = attempts.at(-1);
    if (last && (last.status === "succeeded" || PAID.includes(payment.status)))
      return resultOf(gateway, payment, last);
    throw preconditionFailed(msg("payment.nothingWaiting"));
  }
  if (input.simulatedOutcome) {
    const simulation = simulationOf(gateway);
    if (!simulation) {
      throw badRequest("simulatedOutcome is only accepted by the simulated gateway.");
    }
    await simulation.completeAction(intentId, input.simulatedOutcome === "approve").catch(unknownIntent);
  }
  const intent = await calls.retrying("retrieve", () => gateway.retrieve(intentId)).catch(unknownIntent);
  if (intent.status === "requires_action") return resultOf(gateway, payment, waiting, intent);
  // PayPal: the buyer approved and came back; the capture is ours to make.
  if (intent.status === "requires_confirmation" && isPayPalRef(intentId))
    return captureApproved(ctx, reconciler, payment, waiting, intentId);
  const { payment: after, attempt } = await reconciler.apply(payment.id, waiting.id, intent);
  return resultOf(gateway, after, attempt ?? waiting, intent);
}

/** The gateway's "No such payment_intent" as a refusal a customer can read, never a 500. */
function unknownIntent(error: unknown): never {
  if (error instanceof GatewayError && error.code === "resource_missing")
    throw preconditionFailed(msg("payment.intentUnknown"), { reason: "intent_unknown" });
  throw error;
}
