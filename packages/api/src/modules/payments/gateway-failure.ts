import type { GatewayError } from "./gateway/payment-gateway.ts";
import { paymentEvent } from "./payment-events.ts";
import {
  type AttemptRow,
  attemptsOf,
  lockPayment,
  OPEN,
  PAID,
  type PaymentRow,
  paymentRow,
} from "./payment-rows.ts";
import { currentResult, resultOf } from "./payment-views.ts";
import type { TPaymentResult } from "./payments.schemas.ts";
import type { PaymentsContext } from "./payments-context.ts";
import type { Reconciler } from "./reconciliation.ts";

/**
 * A card attempt's gateway call failed. A refusal (`invalid`) is checked against the gateway's view of
 * the intent first (a webhook or 3-D Secure may have got there first) and otherwise fails the attempt;
 * anything else leaves the outcome unknown, for the webhook or the sweep to settle: never charge again
 * blindly.
 */
export async function recordGatewayFailure(
  ctx: PaymentsContext,
  reconciler: Reconciler,
  payment: PaymentRow,
  attempt: AttemptRow,
  error: GatewayError,
): Promise<TPaymentResult> {
  const { db, gateway, log } = ctx;
  log.warn(
    { paymentId: payment.id, attemptNo: attempt.attempt_no, kind: error.kind, code: error.code },
    "gateway call failed",
  );
  if (error.kind === "invalid") {
    // e.g. the intent already succeeded (a webhook or 3-D Secure got there first): the gateway's view decides.
    const intentId = (await paymentRow(db, payment.id))?.gateway_ref;
    const seen = intentId ? await gateway.retrieve(intentId).catch(() => undefined) : undefined;
    if (seen?.status === "succeeded") {
      const { payment: after, attempt: recorded } = await reconciler.apply(payment.id, attempt.id, seen);
      return resultOf(gateway, after, recorded ?? attempt, seen);
    }
    await failAttempt(ctx, payment.id, attempt, error.code ?? "gateway_refused");
  } else {
    await db
      .updateTable("payment_attempts")
      .set({ status: "unknown", updated_at: new Date() })
      .where("id", "=", attempt.id)
      .where("status", "=", "started")
      .execute();
  }
  return currentResult(db, gateway, payment.order_id, attempt.id);
}

/** The gateway refused the attempt: it failed, and so did the payment unless something else settled it meanwhile. */
async function failAttempt(
  ctx: PaymentsContext,
  paymentId: string,
  attempt: AttemptRow,
  code: string,
): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    const locked = await lockPayment(trx, paymentId);
    const current = (await attemptsOf(trx, paymentId)).find((a) => a.id === attempt.id);
    if (!locked || !current || !OPEN.includes(current.status)) return;
    await trx
      .updateTable("payment_attempts")
      .set({
        status: "failed",
        error_code: code,
        error_message: "The payment could not be processed. Please try again or use another card.",
        updated_at: new Date(),
      })
      .where("id", "=", attempt.id)
      .execute();
    if (PAID.includes(locked.status) || locked.status === "cancelled") return;
    await trx
      .updateTable("payments")
      .set({ status: "failed", updated_at: new Date() })
      .where("id", "=", paymentId)
      .execute();
    await paymentEvent(
      trx,
      ctx.ledger.orders,
      "payment.failed",
      { ...locked, status: "failed" },
      { reason: "The payment could not be processed.", attemptNo: attempt.attempt_no },
    );
  });
}
