// How payments tells the orders module that money arrived (issue 13): the order moves
// pending_payment → placed only through OrdersService.transition, and only when the captured amount
// equals the order's total at the version the payment charged — and the order is still at that version.
import type { Database, OrderStatus, Transaction } from "@pizza/db";
import { orderForPayment } from "./order-for-payment.ts";
import { writeOrderNote } from "./order-writes.ts";
import type { TransitionOptions, TransitionResult } from "./orders.service.ts";

type Trx = Transaction<Database>;

/** What was captured, and for which priced version of the order. */
export interface Capture {
  version: number;
  amount: number;
}

export type MarkPaidResult =
  | { placed: true; version: number }
  | {
      placed: false;
      /** not_pending: cancelled, already placed, gone; version_changed / total_differs: the order is not what was charged. */
      reason: "not_pending" | "version_changed" | "total_differs";
      status: OrderStatus | null;
      version: number | null;
      total: number | null;
    };

type Transition = (
  orderId: string,
  to: OrderStatus,
  actor: "system",
  opts: TransitionOptions,
) => Promise<TransitionResult>;

/**
 * Inside the payment's transaction (which already holds the order's row lock): places the order if
 * it is waiting for exactly this payment; otherwise says why not and changes nothing, so the caller
 * (the payments ledger) can give the money back.
 */
export async function markPaid(
  trx: Trx,
  transition: Transition,
  orderId: string,
  capture: Capture,
): Promise<MarkPaidResult> {
  const o = await orderForPayment(trx, orderId, { lock: true });
  const seen = { status: o?.status ?? null, version: o?.version ?? null, total: o?.total ?? null };
  if (o?.status !== "pending_payment") return { placed: false, reason: "not_pending", ...seen };
  if (o.version !== capture.version) return { placed: false, reason: "version_changed", ...seen };
  if (o.total !== capture.amount) return { placed: false, reason: "total_differs", ...seen };
  const moved = await transition(orderId, "placed", "system", {
    trx,
    expectedVersion: capture.version,
    note: `payment of ${capture.amount} ${o.currency} captured`,
  });
  return { placed: true, version: moved.version };
}

/**
 * A note on the order's history without changing it (same status, same version): e.g. "the payment
 * of 2599 USD was for an older version of this order and was refunded". The tracker shows it.
 */
export async function notePaymentIssue(trx: Trx, orderId: string, note: string): Promise<void> {
  await writeOrderNote(trx, orderId, note, "system", new Date());
}
