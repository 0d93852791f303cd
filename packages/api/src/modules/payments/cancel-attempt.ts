import { conflict, preconditionFailed } from "../../errors.ts";
import { msg } from "../../i18n/message.ts";
import type { AuthUser } from "../auth/tokens.ts";
import { GatewayError, type GatewayIntent } from "./gateway/payment-gateway.ts";
import { ownOrderOf } from "./payment-ledger.ts";
import { ATTEMPT_COLUMNS, paymentOfOrder } from "./payment-rows.ts";
import { resultOf } from "./payment-views.ts";
import type { TPaymentResult } from "./payments.schemas.ts";
import type { PaymentsContext } from "./payments-context.ts";
import type { Reconciler } from "./reconciliation.ts";

export const NOTHING_WAITING = "There is no card payment waiting for authentication on this order.";

/**
 * `payment.cancelAttempt`: the customer gives up on a waiting 3-D Secure challenge. The intent is
 * cancelled at the gateway (it can never be charged afterwards), the attempt is recorded as failed
 * through the ledger, and the order may change again (the 409 of capture-rule.ts no longer applies).
 * If the customer had in fact already authenticated, the gateway refuses the cancel and the capture
 * is applied like any other (the order is placed if it matches).
 */
export async function cancelAttempt(
  ctx: PaymentsContext,
  reconciler: Reconciler,
  caller: AuthUser,
  orderId: string,
): Promise<TPaymentResult> {
  const { db, gateway, calls } = ctx;
  const order = await ownOrderOf(ctx.ledger.orders, db, caller, orderId);
  const payment = await paymentOfOrder(db, order.id);
  const waiting = payment
    ? await db
        .selectFrom("payment_attempts")
        .select(ATTEMPT_COLUMNS)
        .where("payment_id", "=", payment.id)
        .where("status", "=", "requires_action")
        .orderBy("attempt_no", "desc")
        .executeTakeFirst()
    : undefined;
  const intentId = payment?.gateway_ref;
  if (!payment || !waiting || !intentId)
    throw preconditionFailed(msg("payment.nothingWaiting"), { reason: "nothing_waiting" });

  let intent: GatewayIntent;
  try {
    intent = await calls.retrying("cancel", () =>
      gateway.cancel(intentId, `${waiting.idempotency_key}:cancel`),
    );
  } catch (error) {
    if (!(error instanceof GatewayError)) throw error;
    if (error.kind !== "invalid") {
      throw conflict(msg("payment.gatewaySilent"), {
        reason: "gateway_unavailable",
      });
    }
    // Already succeeded (or processing): what happened at the gateway decides.
    intent = await calls.retrying("retrieve", () => gateway.retrieve(intentId));
  }
  if (intent.status === "canceled") {
    intent = {
      ...intent,
      lastError: intent.lastError ?? {
        code: "cancelled_by_customer",
        declineCode: null,
        message: "You cancelled the card authentication; the card was not charged.",
      },
    };
  }
  const { payment: after, attempt } = await reconciler.apply(payment.id, waiting.id, intent);
  return resultOf(gateway, after, attempt ?? waiting, intent);
}
