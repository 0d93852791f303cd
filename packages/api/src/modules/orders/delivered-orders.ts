// Orders' answers for reviews: a customer's own order with what the review form needs (status, channel,
// store, the items it held), so the reviews module never reads the orders tables itself.
import type { Database, Kysely, Order, OrderStatus } from "@pizza/db";

export interface OrderForReview {
  id: string;
  region_code: string;
  store_id: string;
  channel: Order["channel"];
  status: OrderStatus;
  /** The menu items the order held. */
  itemIds: string[];
}

/**
 * This customer's order with its items, or undefined when there is no such order or it is someone
 * else's. With `lock`, the order row is locked for the caller's transaction (two submits of the same
 * order then run one after the other).
 */
export async function customerOrderForReview(
  db: Kysely<Database>,
  customerId: string,
  orderId: string,
  opts: { lock?: boolean } = {},
): Promise<OrderForReview | undefined> {
  let q = db
    .selectFrom("orders")
    .select(["id", "region_code", "store_id", "customer_id", "channel", "status"])
    .where("id", "=", orderId);
  if (opts.lock) q = q.forNoKeyUpdate();
  const order = await q.executeTakeFirst();
  if (!order || order.customer_id !== customerId) return undefined;
  const items = await db
    .selectFrom("order_items")
    .select("item_id")
    .where("order_id", "=", order.id)
    .where("region_code", "=", order.region_code)
    .execute();
  return {
    id: order.id,
    region_code: order.region_code,
    store_id: order.store_id,
    channel: order.channel,
    status: order.status,
    itemIds: items.map((r) => r.item_id),
  };
}

/** Is this order the customer's own? */
export async function isCustomersOrder(db: Kysely<Database>, customerId: string, orderId: string) {
  const order = await db
    .selectFrom("orders")
    .select("customer_id")
    .where("id", "=", orderId)
    .executeTakeFirst();
  return order?.customer_id === customerId;
}
