// What other modules (notifications' failed-delivery digest) need about a set of orders: each one's store
// and number. Orders that do not exist are absent from the map.
import type { Database, Kysely } from "@pizza/db";

export interface OrderStore {
  storeId: string;
  orderNumber: number;
}

export async function storesOfOrders(
  db: Kysely<Database>,
  orderIds: readonly string[],
): Promise<Map<string, OrderStore>> {
  if (orderIds.length === 0) return new Map();
  const rows = await db
    .selectFrom("orders")
    .select(["id", "store_id", "order_number"])
    .where("id", "in", [...new Set(orderIds)])
    .execute();
  return new Map(rows.map((r) => [r.id, { storeId: r.store_id, orderNumber: Number(r.order_number) }]));
}
