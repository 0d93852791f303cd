import type { Database, Kysely, Transaction } from "@pizza/db";
import type { Capture, MarkPaidResult } from "../orders/mark-paid.ts";
import type { OrderForPayment } from "../orders/order-for-payment.ts";

/**
 * What payments needs of the orders module: nothing more. Payments never reads or writes the
 * `orders` table itself; it asks the orders module (implemented by `OrdersService`: mark-paid.ts,
 * order-for-payment.ts), which places the order through its one state machine only when the capture
 * equals the total at the version the payment charged, and otherwise says why not (the ledger then
 * refunds the capture).
 */
export interface OrdersForLedger {
  markPaid(trx: Transaction<Database>, orderId: string, capture: Capture): Promise<MarkPaidResult>;
  /** A history note on the order (no status change): why a capture was refunded. */
  notePayment(trx: Transaction<Database>, orderId: string, note: string): Promise<void>;
  /**
   * The order a payment is for (owner, store, total, currency, version, status, channel, payment
   * method), or undefined. With `lock` (inside a transaction), its row lock: payments always locks the
   * order before the payment, as the orders module does, so the two cannot deadlock.
   */
  orderForPayment(
    db: Kysely<Database>,
    orderId: string,
    opts?: { lock?: boolean },
  ): Promise<OrderForPayment | undefined>;
}

export type { Capture, MarkPaidResult, OrderForPayment };
