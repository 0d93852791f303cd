import { type Database, sql, type Transaction } from "@pizza/db";
import { paymentEvent } from "./payment-events.ts";
import type { LedgerContext } from "./payment-ledger.ts";
import { type PaymentRow, setPayment } from "./payment-rows.ts";

/**
 * The books of refunds: queueing one (idempotent on its key, never more than what is left) and
 * counting what was refunded (only ever raised, so two reports of one refund count once). Sending a
 * queued refund to the gateway is refunds.ts.
 */

type Trx = Transaction<Database>;

/** Queues a refund (sent to the gateway after commit). Idempotent on its key; never more than what is left. */
export async function queueRefund(
  trx: Trx,
  ctx: LedgerContext,
  payment: PaymentRow,
  amount: number,
  reason: string,
  idempotencyKey: string,
  /**
   * `intentRef`: refund a capture that is not the payment's own (one that did not match the order,
   * capture-rule.ts); `amount` is then that capture, and it is kept out of the payment's books.
   */
  opts: { intentRef?: string } = {},
): Promise<{ id: string; amount: number } | null> {
  const existing = await trx
    .selectFrom("refunds")
    .select(["id", "amount"])
    .where("idempotency_key", "=", idempotencyKey)
    .executeTakeFirst();
  if (existing) return existing;
  const intentRef = opts.intentRef ?? null;
  const { committed } = await trx
    .selectFrom("refunds")
    .select(sql<number>`coalesce(sum(amount), 0)::int`.as("committed"))
    .where("payment_id", "=", payment.id)
    .where("status", "in", ["pending", "succeeded"])
    .where((eb) => (intentRef ? eb("intent_ref", "=", intentRef) : eb("intent_ref", "is", null)))
    .executeTakeFirstOrThrow();
  const refundable = intentRef
    ? amount - committed
    : Math.min(amount, payment.amount - Math.max(committed, payment.amount_refunded));
  if (refundable <= 0) return null;
  await ctx.commitRule(trx);
  const row = await trx
    .insertInto("refunds")
    .values({
      payment_id: payment.id,
      amount: refundable,
      reason,
      idempotency_key: idempotencyKey,
      status: "pending",
      intent_ref: intentRef,
    })
    .returning(["id", "amount"])
    .executeTakeFirstOrThrow();
  ctx.onRefundQueued(payment.id, row.id);
  return row;
}

/**
 * Raises the refunded amount to what is known (our succeeded refunds, or the gateway's figure from a
 * webhook) — never lowers it, so the webhook and the synchronous answer cannot count a refund twice.
 */
export async function raiseRefunded(
  trx: Trx,
  ctx: LedgerContext,
  payment: PaymentRow,
  gatewayRefunded: number,
): Promise<PaymentRow> {
  await ctx.commitRule(trx);
  const { done } = await trx
    .selectFrom("refunds")
    .select(sql<number>`coalesce(sum(amount), 0)::int`.as("done"))
    .where("payment_id", "=", payment.id)
    .where("status", "=", "succeeded")
    .where("intent_ref", "is", null)
    .executeTakeFirstOrThrow();
  const refunded = Math.min(payment.amount, Math.max(payment.amount_refunded, done, gatewayRefunded));
  if (refunded <= payment.amount_refunded) return payment;
  const updated = await setPayment(trx, payment, {
    amount_refunded: refunded,
    status: refunded >= payment.amount ? "refunded" : "partially_refunded",
  });
  await paymentEvent(trx, ctx.orders, "payment.refunded", updated, {
    refundedNow: refunded - payment.amount_refunded,
    amountRefunded: refunded,
  });
  return updated;
}
