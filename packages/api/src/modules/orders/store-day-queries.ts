// Orders' answers about a store's day, for the store console's numbers (`stores/today-stats.ts`): the
// orders placed since an instant and when they reached the statuses that time the kitchen and the road.
import type { Database, Kysely, OrderStatus } from "@pizza/db";

/** A store's orders created since `since`, unpaid card orders left out. */
export function storeOrdersSince(db: Kysely<Database>, storeId: string, since: Date) {
  return db
    .selectFrom("orders")
    .select(["id", "status", "total", "promised_at"])
    .where("store_id", "=", storeId)
    .where("created_at", ">=", since)
    .where("status", "!=", "pending_payment")
    .execute();
}

/** When each of these orders reached each of these statuses (epoch ms), by order id then status. */
export async function statusTimes(
  db: Kysely<Database>,
  orderIds: readonly string[],
  statuses: readonly OrderStatus[],
): Promise<Map<string, Map<string, number>>> {
  const at = new Map<string, Map<string, number>>();
  if (orderIds.length === 0) return at;
  const history = await db
    .selectFrom("order_status_history")
    .select(["order_id", "to_status", "at"])
    .where("order_id", "in", [...orderIds])
    .where("to_status", "in", [...statuses])
    .execute();
  for (const h of history) {
    const m = at.get(h.order_id) ?? new Map<string, number>();
    m.set(h.to_status, new Date(h.at).getTime());
    at.set(h.order_id, m);
  }
  return at;
}
