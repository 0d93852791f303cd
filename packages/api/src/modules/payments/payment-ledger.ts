import type { Database, Kysely, Transaction } from "@pizza/db";
import type { Logger } from "pino";
import { AppError, notFound } from "../../errors.ts";
import { msg } from "../../i18n/message.ts";
import { isRetryableDbError, withDbRetry } from "../../infra/db-retry.ts";
import type { CommitRule } from "./commit-rule.ts";
import type { OrderForPayment, OrdersForLedger } from "./order-link.ts";

/**
 * Our side of the books, always written under the order's and then the payment's row lock inside a
 * short transaction that never spans a gateway call, idempotently: applying the same gateway state
 * twice (the synchronous answer, then the webhook, then the sweep) changes nothing the second time
 * and writes no second event. The rows are payment-rows.ts, a gateway answer is applied by
 * apply-intent.ts (captures: capture-rule.ts), refunds are counted by refund-ledger.ts; this file
 * holds what they share.
 */

type Trx = Transaction<Database>;

export interface LedgerContext {
  /** The orders module: it alone reads and moves an order (orderForPayment, markPaid) and writes its history. */
  orders: OrdersForLedger;
  log: Logger;
  /** Told when a refund row was queued, so it is sent to the gateway after this transaction commits. */
  onRefundQueued(paymentId: string, refundId: string): void;
  /** Confirmations and refunds commit under this rule (commit-rule.ts: wait for the synchronous standby, or not). */
  commitRule: CommitRule;
}

/** The caller's own order (an admin's: any), or NOT_FOUND — someone else's order answers exactly like a missing one. */
export async function ownOrderOf(
  orders: OrdersForLedger,
  db: Kysely<Database>,
  caller: { id: string; role: string },
  orderId: string,
): Promise<OrderForPayment> {
  const order = await orders.orderForPayment(db, orderId);
  if (!order || (caller.role !== "admin" && order.customer_id !== caller.id))
    throw notFound(msg("order.notFound"));
  return order;
}

/** A lost optimistic race on the order, or PostgreSQL's deadlock / serialization verdicts: run the transaction again. */
export function retryable(error: unknown): boolean {
  if (error instanceof AppError) return error.code === "CONFLICT";
  return isRetryableDbError(error);
}

/** Runs `work` in a transaction, again (a few times, with jitter) when it lost a race (infra/db-retry.ts). */
export async function inRetriedTransaction<T>(
  db: Kysely<Database>,
  work: (trx: Trx) => Promise<T>,
  random: () => number = Math.random,
): Promise<T> {
  return withDbRetry(() => db.transaction().execute(work), { attempts: 5, retryIf: retryable, random });
}
