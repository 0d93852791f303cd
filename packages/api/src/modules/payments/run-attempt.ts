import type { Database, Kysely } from "@pizza/db";
import type { CardChoice } from "./card-choice.ts";
import { ensureIntent } from "./card-intent.ts";
import { GatewayError, type GatewayIntent } from "./gateway/payment-gateway.ts";
import { recordGatewayFailure } from "./gateway-failure.ts";
import type { AttemptRow, PaymentRow } from "./payment-rows.ts";
import { resultOf } from "./payment-views.ts";
import type { TPaymentResult } from "./payments.schemas.ts";
import type { PaymentsContext } from "./payments-context.ts";
import type { Reconciler } from "./reconciliation.ts";

/** The gateway part of one card attempt: no transaction is open while the gateway is called. */
export async function runAttempt(
  ctx: PaymentsContext,
  reconciler: Reconciler,
  payment: PaymentRow,
  attempt: AttemptRow,
  { method, customer, wallet }: CardChoice,
): Promise<TPaymentResult> {
  const { gateway, calls } = ctx;
  let intent: GatewayIntent;
  const stopLease = holdLease(ctx.db, attempt.id, ctx.staleAttemptMs);
  try {
    const intentId = await ensureIntent(ctx, payment, attempt, customer?.id ?? null, wallet);
    intent = await calls.retrying(
      "confirm",
      () =>
        gateway.confirm({
          intentId,
          paymentMethod: method,
          idempotencyKey: attempt.idempotency_key,
          ...(customer?.save ? { saveCard: true } : {}),
        }),
      async () => {
        // Before sending again, ask the gateway whether the lost request was already executed.
        const seen = await gateway.retrieve(intentId);
        return seen.status === "succeeded" || seen.status === "processing" ? seen : undefined;
      },
    );
  } catch (error) {
    if (!(error instanceof GatewayError)) throw error;
    return recordGatewayFailure(ctx, reconciler, payment, attempt, error);
  } finally {
    stopLease();
  }
  await ctx.faults.reached("after_gateway_answer");
  const { payment: after, attempt: recorded } = await reconciler.apply(payment.id, attempt.id, intent);
  return resultOf(gateway, after, recorded ?? attempt, intent);
}

/**
 * The attempt's lease: while this process is alive and talking to the gateway, `updated_at` stays
 * fresh, so no other request takes the attempt for abandoned; a dead process stops renewing it.
 * Returns the function that stops renewing.
 */
function holdLease(db: Kysely<Database>, attemptId: string, staleAttemptMs: number): () => void {
  const heartbeat = setInterval(
    () => {
      void db
        .updateTable("payment_attempts")
        .set({ updated_at: new Date() })
        .where("id", "=", attemptId)
        .where("status", "=", "started")
        .execute()
        .catch(() => undefined);
    },
    Math.max(50, Math.floor(staleAttemptMs / 3)),
  );
  return () => clearInterval(heartbeat);
}
