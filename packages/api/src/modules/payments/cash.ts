import type { Database, Kysely, Transaction } from "@pizza/db";
import { badRequest, notFound, preconditionFailed } from "../../errors.ts";
import {
  ensurePayment,
  normalize,
  orderOf,
  PAID,
  PAYMENT_COLUMNS,
  type PaymentRow,
  paymentEvent,
} from "./payment-ledger.ts";

type Trx = Transaction<Database>;

/** Cash on delivery: the order's payment exists from the start (pending), no gateway is involved. */
export async function openCashPayment(
  trx: Trx,
  orderId: string,
  gateway: "stripe" | "simulated",
): Promise<PaymentRow> {
  const order = await orderOf(trx, orderId, { forUpdate: true });
  if (!order) throw notFound("We could not find that order.");
  if (order.payment_method !== "cash") {
    throw badRequest(
      "This order was placed for card payment; cash on delivery is chosen when placing the order.",
      {
        reason: "card_order",
      },
    );
  }
  if (order.status === "cancelled") {
    throw preconditionFailed("This order was cancelled, so it cannot be paid.", {
      reason: "order_cancelled",
    });
  }
  return ensurePayment(trx, order, "cash", gateway);
}

/**
 * The delivery module's call when the driver hands over the order and takes the cash: the payment
 * becomes succeeded with the order total. Idempotent; `trx` lets it join the delivery's transaction.
 */
export async function markCashCollected(
  db: Kysely<Database>,
  gateway: "stripe" | "simulated",
  orderId: string,
  amount: number,
  trx?: Trx,
): Promise<PaymentRow> {
  const run = async (t: Trx): Promise<PaymentRow> => {
    const order = await orderOf(t, orderId, { forUpdate: true });
    if (!order) throw notFound("We could not find that order.");
    if (order.payment_method !== "cash")
      throw badRequest("This order was paid by card; there is no cash to collect.");
    if (order.status === "cancelled") throw preconditionFailed("This order was cancelled; no cash is due.");
    let payment = await ensurePayment(t, order, "cash", gateway);
    if (PAID.includes(payment.status)) return payment;
    if (!Number.isInteger(amount) || amount < order.total) {
      throw badRequest(
        `The driver collected ${amount} but the order total is ${order.total} (${order.currency} minor units).`,
        {
          reason: "cash_short",
        },
      );
    }
    payment = normalize(
      await t
        .updateTable("payments")
        .set({ status: "succeeded", amount: order.total, updated_at: new Date() })
        .where("id", "=", payment.id)
        .returning(PAYMENT_COLUMNS)
        .executeTakeFirstOrThrow(),
    );
    await t
      .insertInto("payment_attempts")
      .values({
        payment_id: payment.id,
        attempt_no: 1,
        idempotency_key: `${payment.id}:cash`,
        status: "succeeded",
        amount: order.total,
        updated_at: new Date(),
      })
      .onConflict((oc) => oc.column("idempotency_key").doNothing())
      .execute();
    await paymentEvent(t, "payment.succeeded", payment, { collected: amount });
    return payment;
  };
  return trx ? run(trx) : db.transaction().execute(run);
}
