import type { Database, Transaction } from "@pizza/db";
import type { Capture, MarkPaidResult } from "../orders/mark-paid.ts";

/**
 * What payments needs of the orders module to move an order: nothing more. Payments never writes an
 * order's status itself; it asks the orders module (`OrdersService.markPaid`, orders/mark-paid.ts),
 * which places the order through its one state machine only when the capture equals the total at the
 * version the payment charged, and otherwise says why not (the ledger then refunds the capture).
 */
export interface OrdersForLedger {
  markPaid(trx: Transaction<Database>, orderId: string, capture: Capture): Promise<MarkPaidResult>;
  /** A history note on the order (no status change): why a capture was refunded. */
  notePayment(trx: Transaction<Database>, orderId: string, note: string): Promise<void>;
}

export type { Capture, MarkPaidResult };
