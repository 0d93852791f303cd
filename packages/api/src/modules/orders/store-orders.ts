// `order.storeOrders`: a store's orders for its kitchen console, newest first, optionally by status. The
// store is resolved and checked by `storeStaffProcedure` (trpc.ts): staff get their own store, admins the
// one they name, and another store's id answers NOT_FOUND.
import type { OrderStatus } from "@pizza/db";
import type { OrdersContext } from "./order-context.ts";
import { ORDER_COLUMNS, type OrderView } from "./order-rows.ts";

export async function storeOrders(
  ctx: Pick<OrdersContext, "db" | "queries">,
  storeId: string,
  input: { statuses?: OrderStatus[] | undefined; limit: number },
): Promise<OrderView[]> {
  let q = ctx.db
    .selectFrom("orders")
    .select(ORDER_COLUMNS)
    .where("store_id", "=", storeId)
    .orderBy("created_at", "desc")
    .limit(input.limit);
  if (input.statuses && input.statuses.length > 0) q = q.where("status", "in", input.statuses);
  const rows = await q.execute();
  return Promise.all(rows.map((r) => ctx.queries.view(r)));
}
