import type { Database, Kysely, Transaction } from "@pizza/db";
import { badRequest, notFound, preconditionFailed } from "../../errors.ts";
import { msg } from "../../i18n/message.ts";
import type { OrdersForLedger } from "./order-link.ts";
import { paymentEvent } from "./payment-events.ts";
import { ensurePayment, normalize, PAID, PAYMENT_COLUMNS, type PaymentRow } from "./payment-rows.ts";

type Trx = Transaction<Database>;

/**
 * The largest banknote a customer would reasonably hand a driver, per currency (minor units). Cash
 * collected may exceed the total by at most this: nobody pays a 23.93 order with two 100-dollar
 * notes, so more is a typo (or worse), refused so the driver checks the figure. $100, €200 (the €500
 * is no longer issued), ¥10,000, £50; other currencies: 100 major units at 2 digits.
 */
const LARGEST_NOTE: Record<string, number> = { USD: 10_000, EUR: 20_000, JPY: 10_000, GBP: 5_000 };

/** The change the driver hands back: refuses less than the total and more than total + the largest note. */
export function cashChange(total: number, currency: string, collected: number): number {
  const unit = `${currency} minor units`;
  if (!Number.isInteger(collected) || collected < total) {
    throw badRequest(
      `The driver collected ${collected} but the order total is ${total} (${unit}): collect the order total before handing the order over.`,
      { reason: "cash_short", total, collected },
    );
  }
  const largestNote = LARGEST_NOTE[currency.trim()] ?? 10_000;
  if (collected - total > largestNote) {
    throw badRequest(
      `The driver recorded ${collected} collected for an order of ${total} (${unit}): that is more than the total plus the largest note (${largestNote}); check the amount.`,
      { reason: "cash_implausible", total, collected, maxCollected: total + largestNote },
    );
  }
  return collected - total;
}

/** Cash on delivery: the order's payment exists from the start (pending), no gateway is involved. */
export async function openCashPayment(
  trx: Trx,
  orders: OrdersForLedger,
  orderId: string,
  gateway: "stripe" | "simulated",
): Promise<PaymentRow> {
  const order = await orders.orderForPayment(trx, orderId, { lock: true });
  if (!order) throw notFound(msg("order.notFound"));
  if (order.payment_method !== "cash") {
    throw badRequest(msg("payment.cardOrder"), {
      reason: "card_order",
    });
  }
  if (order.status === "cancelled") {
    throw preconditionFailed(msg("payment.orderCancelled"), {
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
  orders: OrdersForLedger,
  gateway: "stripe" | "simulated",
  orderId: string,
  amount: number,
  trx?: Trx,
): Promise<PaymentRow> {
  const run = async (t: Trx): Promise<PaymentRow> => {
    const order = await orders.orderForPayment(t, orderId, { lock: true });
    if (!order) throw notFound("We could not find that order.");
    if (order.payment_method !== "cash")
      throw badRequest("This order was paid by card; there is no cash to collect.");
    if (order.status === "cancelled") throw preconditionFailed("This order was cancelled; no cash is due.");
    const change = cashChange(order.total, order.currency, amount);
    let payment = await ensurePayment(t, order, "cash", gateway);
    if (PAID.includes(payment.status)) return payment;
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
    await paymentEvent(t, orders, "payment.succeeded", payment, { collected: amount, change });
    return payment;
  };
  return trx ? run(trx) : db.transaction().execute(run);
}
