// What a receipt needs from an order, for other modules (notifications): the order's amounts, its lines
// and its promo code, read in the caller's transaction. Undefined when the order does not exist.
import type { Database, Kysely } from "@pizza/db";
import { ORDER_COLUMNS, type OrderRow, type OrderView, viewOf } from "./order-rows.ts";

export async function orderForReceipt(db: Kysely<Database>, orderId: string): Promise<OrderView | undefined> {
  const o = (await db
    .selectFrom("orders")
    .select(ORDER_COLUMNS)
    .where("id", "=", orderId)
    .executeTakeFirst()) as OrderRow | undefined;
  if (!o) return undefined;
  const items = await db
    .selectFrom("order_items")
    .select([
      "line_no",
      "item_id",
      "kind",
      "variant",
      "quantity",
      "config",
      "name",
      "unit_price",
      "line_total",
    ])
    .where("order_id", "=", o.id)
    .orderBy("line_no")
    .execute();
  const promo = o.promo_code_id
    ? await db.selectFrom("promo_codes").select("code").where("id", "=", o.promo_code_id).executeTakeFirst()
    : undefined;
  return viewOf(
    o,
    items.map((i) => ({
      lineNo: i.line_no,
      itemId: i.item_id,
      kind: i.kind,
      variant: i.variant,
      quantity: i.quantity,
      name: i.name,
      config: i.config,
      unitPrice: i.unit_price,
      lineTotal: i.line_total,
    })),
    promo?.code ?? null,
  );
}
