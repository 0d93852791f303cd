// A refund the store decides (help with an order, issue 16): queued inside the caller's transaction, so
// the decision and the money move together, and sent to the gateway once it has committed (refunds.ts).
// Never more than what was paid minus what is refunded or already on its way back.
import { type Database, type Kysely, sql, type Transaction } from "@pizza/db";
import { preconditionFailed } from "../../errors.ts";
import type { LedgerContext } from "./payment-ledger.ts";
import { lockPayment, PAID, type PaymentRow, paymentOfOrder } from "./payment-rows.ts";
import { queueRefund } from "./refund-ledger.ts";

type Trx = Transaction<Database>;

/** What an order's payment took and what of it can still go back (minor units). */
export interface Refundable {
  paid: number;
  left: number;
}

/** Paid minus refunded or queued; under the payment's row lock when `db` is a transaction that decides. */
export async function refundableOf(
  db: Kysely<Database>,
  orderId: string,
  opts: { lock?: boolean } = {},
): Promise<(Refundable & { payment: PaymentRow }) | null> {
  const found = await paymentOfOrder(db, orderId);
  const payment = found && opts.lock ? await lockPayment(db as Trx, found.id) : found;
  if (!payment || !PAID.includes(payment.status)) return null;
  const { committed } = await db
    .selectFrom("refunds")
    .select(sql<number>`coalesce(sum(amount), 0)::int`.as("committed"))
    .where("payment_id", "=", payment.id)
    .where("status", "in", ["pending", "succeeded"])
    .where("intent_ref", "is", null)
    .executeTakeFirstOrThrow();
  return {
    payment,
    paid: payment.amount,
    left: Math.max(0, payment.amount - Math.max(committed, payment.amount_refunded)),
  };
}

/**
 * Queues a refund of `amount` of the order's payment in `trx`, under the order's and then the payment's
 * row lock (the ledger's lock order: taking the payment's first deadlocks with a webhook or the sweep
 * applying the same payment), keyed by `key` (the same key refunds once). Refuses, changing nothing,
 * when nothing was paid or `amount` is more than what is left.
 */
export async function queueGoodwillRefund(
  trx: Trx,
  ledger: LedgerContext,
  orderId: string,
  opts: { amount: number; reason: string; key: string },
): Promise<{ refundId: string; amount: number }> {
  await ledger.orders.orderForPayment(trx, orderId, { lock: true });
  const refundable = await refundableOf(trx, orderId, { lock: true });
  if (!refundable)
    throw preconditionFailed("Nothing was paid for this order yet, so nothing can be refunded.");
  if (refundable.left === 0) throw preconditionFailed("This order has already been refunded in full.");
  if (opts.amount > refundable.left) {
    throw preconditionFailed("That is more than what is left to refund of this order.", {
      reason: "refund_too_large",
      left: refundable.left,
    });
  }
  const { payment } = refundable;
  const key = `${payment.id}:refund:${opts.key}`;
  const queued = await queueRefund(trx, ledger, payment, opts.amount, opts.reason, key);
  if (!queued) throw preconditionFailed("This order has already been refunded in full.");
  return { refundId: queued.id, amount: queued.amount };
}
