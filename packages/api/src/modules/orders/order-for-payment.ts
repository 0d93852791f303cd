// The orders module's answer to "which order is this payment for": the columns payments needs to
// charge, route and authorize a payment, read by the orders module so that payments never queries
// `orders` itself. Payments reaches it through its `OrdersForLedger` port (payments/order-link.ts).
import type { Database, Kysely } from "@pizza/db";
import type { Selectable } from "kysely";

/** The order as payments sees it (currency trimmed: the column is char(3)). */
export type OrderForPayment = Pick<
  Selectable<Database["orders"]>,
  | "id"
  | "region_code"
  | "store_id"
  | "customer_id"
  | "status"
  | "version"
  | "currency"
  | "total"
  | "payment_method"
  | "channel"
>;

/**
 * The order, or undefined when there is none. With `lock`, the order's row lock is taken (SELECT …
 * FOR NO KEY UPDATE, so `db` must be a transaction): every payments transaction locks the order before its
 * payment, in the same order as the orders module's own writes, so the two never deadlock and the
 * order cannot change status under a payment that is being applied.
 */
export async function orderForPayment(
  db: Kysely<Database>,
  orderId: string,
  opts: { lock?: boolean } = {},
): Promise<OrderForPayment | undefined> {
  let query = db
    .selectFrom("orders")
    .select([
      "id",
      "region_code",
      "store_id",
      "customer_id",
      "status",
      "version",
      "currency",
      "total",
      "payment_method",
      "channel",
    ])
    .where("id", "=", orderId);
  if (opts.lock) query = query.forNoKeyUpdate();
  const row = await query.executeTakeFirst();
  return row ? { ...row, currency: row.currency.trim() } : undefined;
}
