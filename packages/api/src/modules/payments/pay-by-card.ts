import type { CardChoice } from "./card-choice.ts";
import { nextCardStep } from "./next-card-step.ts";
import { currentResult, resultOf } from "./payment-views.ts";
import type { TPaymentResult, TProcessPaymentRequest } from "./payments.schemas.ts";
import { type PaymentsContext, sleep } from "./payments-context.ts";
import type { Reconciler } from "./reconciliation.ts";
import { runAttempt } from "./run-attempt.ts";

/**
 * Paying an order by card, with exactly-once charging.
 *
 * Why no order is charged twice: each order has one payment row (unique order_id) and the payment has
 * one gateway intent (created with the key `<paymentId>:intent`), which the gateway charges at most
 * once. On our side, a new attempt is only started under the order's and the payment's row locks when
 * no other attempt is in flight and the payment is not paid (next-card-step.ts); the gateway call
 * itself runs outside any transaction (run-attempt.ts), and its answer is applied idempotently
 * (apply-intent.ts) by whichever of the synchronous path, the webhook (webhook-events.ts) or the
 * sweep (reconciliation.ts) gets there first.
 */
export async function payByCard(
  ctx: PaymentsContext,
  reconciler: Reconciler,
  input: TProcessPaymentRequest,
  choice: CardChoice,
): Promise<TPaymentResult> {
  const { db, gateway } = ctx;
  const deadline = Date.now() + ctx.waitForInFlightMs;
  let reconciles = 0;
  for (let round = 0; ; round++) {
    const step = await db.transaction().execute((trx) => nextCardStep(ctx, trx, input, choice.card));
    switch (step.kind) {
      case "replay":
        // Outside the transaction: a requires_action replay asks the gateway for the client secret.
        return resultOf(gateway, step.payment, step.attempt);
      case "attempt":
        return runAttempt(ctx, reconciler, step.payment, step.attempt, choice);
      case "reconcile":
        // The gateway may not know yet (processing) or not be reachable: then say so, never charge blindly.
        if (reconciles++ >= 2) return currentResult(db, gateway, input.orderId);
        await reconciler.settleAttempt(step.attemptId, { supersedeAction: step.supersede });
        break;
      case "wait": {
        if (Date.now() > deadline) return currentResult(db, gateway, input.orderId);
        // Another request's attempt is at the gateway; its answer decides what this one returns.
        const backoff = Math.min(250, 10 * 2 ** Math.min(round, 5));
        await sleep(backoff / 2 + ctx.random() * backoff);
        break;
      }
    }
  }
}
