import type { Database, Transaction } from "@pizza/db";
import { writeOutbox } from "../../infra/outbox.ts";
import type { OrdersForLedger } from "./order-link.ts";
import type { PaymentRow } from "./payment-rows.ts";

/**
 * payment.succeeded / .failed / .refunded, written to the outbox in the transaction that made the
 * change, with what a consumer needs to route it (the order's store, asked of the orders module).
 */
export async function paymentEvent(
  trx: Transaction<Database>,
  orders: OrdersForLedger,
  topic: "payment.succeeded" | "payment.failed" | "payment.refunded",
  payment: PaymentRow,
  extra: Record<string, unknown> = {},
): Promise<void> {
  const order = await orders.orderForPayment(trx, payment.order_id);
  await writeOutbox(trx, {
    topic,
    aggregateId: payment.order_id,
    payload: {
      paymentId: payment.id,
      orderId: payment.order_id,
      storeId: order?.store_id ?? null,
      customerId: payment.customer_id,
      amount: payment.amount,
      currency: payment.currency,
      status: payment.status,
      method: payment.method,
      ...extra,
    },
  });
}
