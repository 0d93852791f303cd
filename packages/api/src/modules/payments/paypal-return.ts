import { GatewayError, type GatewayPaymentMethod } from "./gateway/payment-gateway.ts";
import { recordGatewayFailure } from "./gateway-failure.ts";
import { type AttemptRow, attemptsOf, type PaymentRow, paymentRow } from "./payment-rows.ts";
import { resultOf } from "./payment-views.ts";
import type { TPaymentResult } from "./payments.schemas.ts";
import type { PaymentsContext } from "./payments-context.ts";
import type { Reconciler } from "./reconciliation.ts";

const PAYPAL: GatewayPaymentMethod = { type: "payment_method", id: "paypal" };

/**
 * The buyer approved at PayPal: they came back to our return URL (confirmAction), or PayPal's
 * CHECKOUT.ORDER.APPROVED arrived first. Either way the order is captured under the waiting attempt's
 * key, so the two (or a retried return) send the same PayPal-Request-Id and PayPal captures once,
 * replaying its first answer to the others. A lost answer is checked at PayPal before sending again; an
 * unclear outcome is left for PayPal's PAYMENT.CAPTURE.COMPLETED or the sweep, never captured blindly.
 */
export async function captureApproved(
  ctx: PaymentsContext,
  reconciler: Reconciler,
  payment: PaymentRow,
  waiting: AttemptRow,
  intentId: string,
): Promise<TPaymentResult> {
  const { gateway, calls } = ctx;
  try {
    const intent = await calls.retrying(
      "confirm",
      () => gateway.confirm({ intentId, paymentMethod: PAYPAL, idempotencyKey: waiting.idempotency_key }),
      async () => {
        const seen = await gateway.retrieve(intentId);
        return seen.status === "succeeded" || seen.status === "processing" ? seen : undefined;
      },
    );
    const { payment: after, attempt } = await reconciler.apply(payment.id, waiting.id, intent);
    return resultOf(gateway, after, attempt ?? waiting, intent);
  } catch (error) {
    if (!(error instanceof GatewayError)) throw error;
    return recordGatewayFailure(ctx, reconciler, payment, waiting, error);
  }
}

/** PayPal's CHECKOUT.ORDER.APPROVED for one of our payments: capture it if an attempt still waits for it. */
export async function captureOnApprovalEvent(
  ctx: PaymentsContext,
  reconciler: Reconciler,
  intentId: string,
): Promise<void> {
  const ref = await ctx.db
    .selectFrom("payments")
    .select("id")
    .where("gateway_ref", "=", intentId)
    .executeTakeFirst();
  const payment = ref ? await paymentRow(ctx.db, ref.id) : undefined;
  if (!payment) return;
  const waiting = [...(await attemptsOf(ctx.db, payment.id))]
    .reverse()
    .find((a) => a.status === "requires_action");
  if (!waiting) return;
  await captureApproved(ctx, reconciler, payment, waiting, intentId);
}
