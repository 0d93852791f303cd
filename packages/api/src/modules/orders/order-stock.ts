// Counted stock: taken in the order's transaction, given back on cancel or change.
import type { Database, StockEntity, Transaction } from "@pizza/db";
import { sql } from "@pizza/db";
import { conflict } from "../../errors.ts";
import type { StockNeed } from "../menu/builder-rules.ts";
import type { OrderRow } from "./order-rows.ts";

/**
 * Checks availability and takes counted stock in the order's transaction. Each decrement is
 * conditional (`stock >= wanted`), so under any concurrency stock never goes negative and the
 * orders that come too late are refused naming what ran out. Returns whether something hit zero.
 */
export async function reserveStock(
  trx: Transaction<Database>,
  o: OrderRow,
  needs: StockNeed[],
): Promise<boolean> {
  if (needs.length === 0) return false;
  const rows = await trx
    .selectFrom("store_stock")
    .select(["entity", "entity_id", "available", "stock"])
    .where("store_id", "=", o.store_id)
    .where(
      "entity_id",
      "in",
      needs.map((n) => n.id),
    )
    .execute();
  const byKey = new Map(rows.map((r) => [`${r.entity}|${r.entity_id}`, r]));
  let hitZero = false;
  const reservations: { entity: StockEntity; entity_id: string; quantity: number }[] = [];
  // A fixed lock order (entity, id) so two carts with the same counted things cannot deadlock.
  const sorted = [...needs].sort((a, b) => `${a.entity}|${a.id}`.localeCompare(`${b.entity}|${b.id}`));
  for (const n of sorted) {
    const r = byKey.get(`${n.entity}|${n.id}`);
    if (!r) continue;
    if (!r.available)
      throw conflict(`${n.label} is out of stock at this store right now.`, {
        reason: "out_of_stock",
        entity: n.entity,
        id: n.id,
        name: n.label,
      });
    if (r.stock === null) continue;
    const left = await trx
      .updateTable("store_stock")
      .set({ stock: sql`stock - ${n.quantity}`, updated_at: new Date() })
      .where("store_id", "=", o.store_id)
      .where("entity", "=", n.entity)
      .where("entity_id", "=", n.id)
      .where("stock", ">=", n.quantity)
      .returning("stock")
      .executeTakeFirst();
    if (!left) {
      const now = await trx
        .selectFrom("store_stock")
        .select("stock")
        .where("store_id", "=", o.store_id)
        .where("entity", "=", n.entity)
        .where("entity_id", "=", n.id)
        .executeTakeFirst();
      const remaining = now?.stock ?? 0;
      throw conflict(
        remaining > 0
          ? `Only ${remaining} × ${n.label} left at this store.`
          : `${n.label} is sold out at this store.`,
        { reason: "out_of_stock", entity: n.entity, id: n.id, name: n.label, remaining },
      );
    }
    if (left.stock === 0) hitZero = true;
    reservations.push({ entity: n.entity, entity_id: n.id, quantity: n.quantity });
  }
  if (reservations.length > 0) {
    await trx
      .insertInto("stock_reservations")
      .values(
        reservations.map((r) => ({
          ...r,
          order_id: o.id,
          region_code: o.region_code,
          store_id: o.store_id,
        })),
      )
      .execute();
  }
  return hitZero;
}

/** Gives an order's counted stock back. `forget` deletes the reservations (the order is re-reserving). */
export async function releaseStock(
  trx: Transaction<Database>,
  orderId: string,
  opts: { forget?: boolean } = {},
): Promise<boolean> {
  const held = await trx
    .selectFrom("stock_reservations")
    .select(["store_id", "entity", "entity_id", "quantity"])
    .where("order_id", "=", orderId)
    .where("released_at", "is", null)
    .orderBy("entity")
    .orderBy("entity_id")
    .execute();
  let cameBack = false;
  for (const r of held) {
    const row = await trx
      .updateTable("store_stock")
      .set({ stock: sql`stock + ${r.quantity}`, updated_at: new Date() })
      .where("store_id", "=", r.store_id)
      .where("entity", "=", r.entity)
      .where("entity_id", "=", r.entity_id)
      .where("stock", "is not", null)
      .returning("stock")
      .executeTakeFirst();
    if (row && row.stock === r.quantity) cameBack = true;
  }
  if (held.length > 0) {
    if (opts.forget) await trx.deleteFrom("stock_reservations").where("order_id", "=", orderId).execute();
    else
      await trx
        .updateTable("stock_reservations")
        .set({ released_at: new Date() })
        .where("order_id", "=", orderId)
        .where("released_at", "is", null)
        .execute();
  }
  return cameBack;
}
