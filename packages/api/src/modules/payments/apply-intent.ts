import type { Database, Transaction } from "@pizza/db";
import { applyCapture } from "./capture-rule.ts";
import type { GatewayIntent } from "./gateway/payment-gateway.ts";
import { paymentEvent } from "./payment-events.ts";
import type { LedgerContext } from "./payment-ledger.ts";
import {
  type AttemptRow,
  attemptsOf,
  cardOf,
  lockPayment,
  OPEN,
  PAID,
  type PaymentRow,
  setAttempt,
  setPayment,
} from "./payment-rows.ts";

/**
 * Brings our rows in line with the gateway's view of an intent: the one place where the synchronous
 * answer, a webhook and the sweep all land. Idempotent: applying the same state twice changes nothing
 * the second time and writes no second event.
 */

type Trx = Transaction<Database>;

/**
 * `attemptId` names the attempt the answer belongs to (the synchronous path knows it); null means
 * "whichever attempt is in flight", which only a success can safely settle, since an intent succeeds once.
 */
export async function applyIntent(
  trx: Trx,
  ctx: LedgerContext,
  paymentId: string,
  attemptId: string | null,
  intent: GatewayIntent,
): Promise<{ payment: PaymentRow; attempt: AttemptRow | undefined; changed: boolean }> {
  await ctx.commitRule(trx);
  // Locks in the same order as the orders module (order row, then payment), which cancels an order and
  // then runs our hook: the order cannot change status between our read and the transition, and the two
  // transactions cannot deadlock.
  const ref = await trx
    .selectFrom("payments")
    .select(["order_id"])
    .where("id", "=", paymentId)
    .executeTakeFirst();
  if (!ref) throw new Error(`payment ${paymentId} not found`);
  await ctx.orders.orderForPayment(trx, ref.order_id, { lock: true });
  let payment = await lockPayment(trx, paymentId);
  if (!payment) throw new Error(`payment ${paymentId} not found`);
  const attempts = await attemptsOf(trx, paymentId);
  const named = attemptId ? attempts.find((a) => a.id === attemptId) : undefined;
  let changed = false;

  if (intent.status === "succeeded") {
    ({ payment, changed } = await applyCapture(trx, ctx, payment, attempts, named, intent));
  } else if (intent.id && intent.id !== payment.gateway_ref) {
    // A failure or a challenge of an intent this payment no longer uses (retired after a refunded
    // capture or a cancelled challenge): nothing of ours to change.
  } else if (named) {
    ({ payment, changed } = await applyUnpaid(trx, ctx, payment, named, intent));
  }
  const attempt =
    (await attemptsOf(trx, paymentId)).find((a) => a.id === (named?.id ?? attemptId)) ?? undefined;
  return { payment, attempt, changed };
}

/** A challenge, a decline or a cancel, or "not decided yet", for the named attempt. */
async function applyUnpaid(
  trx: Trx,
  ctx: LedgerContext,
  payment: PaymentRow,
  named: AttemptRow,
  intent: GatewayIntent,
): Promise<{ payment: PaymentRow; changed: boolean }> {
  if (intent.status === "requires_action") {
    if (!OPEN.includes(named.status)) return { payment, changed: false };
    await setAttempt(trx, named.id, {
      status: "requires_action",
      gateway_ref: intent.id,
      ...cardOf(intent),
    });
    const after = PAID.includes(payment.status)
      ? payment
      : await setPayment(trx, payment, { status: "requires_action" });
    return { payment: after, changed: true };
  }
  if (intent.status === "requires_payment_method" || intent.status === "canceled") {
    if (!OPEN.includes(named.status) && named.status !== "requires_action")
      return { payment, changed: false };
    return { payment: await applyFailure(trx, ctx, payment, named, intent), changed: true };
  }
  if (named.status === "started") {
    // processing / requires_confirmation: the gateway has not decided yet; the webhook or the sweep will.
    await setAttempt(trx, named.id, { status: "unknown", gateway_ref: intent.id });
    return { payment, changed: true };
  }
  return { payment, changed: false };
}

async function applyFailure(
  trx: Trx,
  ctx: LedgerContext,
  payment: PaymentRow,
  named: AttemptRow,
  intent: GatewayIntent,
): Promise<PaymentRow> {
  const error = intent.lastError ?? {
    code: "abandoned",
    message: "The payment was interrupted before the card was charged. Please try again.",
  };
  await setAttempt(trx, named.id, {
    status: "failed",
    gateway_ref: intent.id,
    error_code: intent.lastError?.declineCode ?? error.code,
    error_message: error.message,
    ...cardOf(intent),
  });
  if (PAID.includes(payment.status) || payment.status === "cancelled") return payment;
  // A cancelled intent can never be confirmed again: the next attempt creates a new one.
  const failed = await setPayment(trx, payment, {
    status: "failed",
    ...(intent.status === "canceled" ? { gateway_ref: null } : {}),
  });
  await paymentEvent(trx, ctx.orders, "payment.failed", failed, {
    reason: error.message,
    attemptNo: named.attempt_no,
  });
  return failed;
}

/** What "the gateway never saw a confirmation" looks like, for an attempt that died before sending one. */
export function abandonedIntent(amount: number, currency: string): GatewayIntent {
  return {
    id: "",
    status: "requires_payment_method",
    amount,
    currency,
    clientSecret: null,
    nextAction: null,
    lastError: null,
    card: null,
    amountRefunded: 0,
    metadata: {},
  };
}
