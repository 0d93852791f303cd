// Orders' answers for the promos module, so it never reads the orders table itself: whether a customer
// has ordered before (first-order codes) and the orders that redeemed a code (the admin's list).
import type { Database, Kysely } from "@pizza/db";

/** Does the customer have a non-cancelled order other than `excludeOrderId`? */
export async function customerHasOtherOrders(
  db: Kysely<Database>,
  customerId: string,
  excludeOrderId: string,
): Promise<boolean> {
  const rows = await db
    .selectFrom("orders")
    .select("id")
    .where("customer_id", "=", customerId)
    .where("status", "<>", "cancelled")
    .where("id", "<>", excludeOrderId)
    .limit(1)
    .execute();
  return rows.length > 0;
}

/** Number, store and currency of these orders (each named with its region, the table's partition key). */
export async function orderLabels(
  db: Kysely<Database>,
  orders: readonly { orderId: string; regionCode: string }[],
): Promise<Map<string, { orderNumber: number; storeId: string; currency: string }>> {
  const out = new Map<string, { orderNumber: number; storeId: string; currency: string }>();
  if (orders.length === 0) return out;
  const rows = await db
    .selectFrom("orders")
    .select(["id", "order_number", "store_id", "currency"])
    .where("id", "in", [...new Set(orders.map((o) => o.orderId))])
    .where("region_code", "in", [...new Set(orders.map((o) => o.regionCode))])
    .execute();
  for (const r of rows)
    out.set(r.id, { orderNumber: Number(r.order_number), storeId: r.store_id, currency: r.currency.trim() });
  return out;
}
