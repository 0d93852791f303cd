// What a receipt needs from an order, for other modules (notifications): the order's amounts, its lines
// and its promo code, read in the caller's transaction. Undefined when the order does not exist.
import type { Database, Kysely } from "@pizza/db";
import { orderView } from "./order-queries.ts";
import { ORDER_COLUMNS, type OrderRow, type OrderView } from "./order-rows.ts";

export async function orderForReceipt(db: Kysely<Database>, orderId: string): Promise<OrderView | undefined> {
  const o = (await db
    .selectFrom("orders")
    .select(ORDER_COLUMNS)
    .where("id", "=", orderId)
    .executeTakeFirst()) as OrderRow | undefined;
  return o ? orderView(db, o) : undefined;
}
