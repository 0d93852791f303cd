// Counted stock: taken in the order's transaction, given back on cancel or change. The levels belong to
// the stores module (`stores/stock-levels.ts`); this file keeps the order's reservations.
import type { Database, StockEntity, Transaction } from "@pizza/db";
import { conflict } from "../../errors.ts";
import { msg } from "../../i18n/message.ts";
import type { StockNeed } from "../menu/builder-rules.ts";
import {
  giveBackStock,
  lockCountedStock,
  stockLeft,
  stockLevels,
  takeStock,
} from "../stores/stock-levels.ts";
import type { OrderRow } from "./order-rows.ts";

/**
 * The one order in which counted stock rows are locked, on every path (place, update, cancel,
 * expiry): by entity, then id, comparing code units — the same order as PostgreSQL's `COLLATE "C"`
 * for these ASCII ids, and independent of any locale.
 */
export function stockOrder(a: { entity: string; id: string }, b: { entity: string; id: string }): number {
  if (a.entity !== b.entity) return a.entity < b.entity ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * Locks, in `stockOrder`, every counted stock row an order holds or is about to need, before its
 * reservations are released and taken again (`updateOrder`). Without it the release would lock
 * the held rows first and the new reservation the needed ones next — two overlapping sets in an
 * order no other transaction shares.
 */
export async function lockStockInOrder(
  trx: Transaction<Database>,
  o: Pick<OrderRow, "id" | "store_id">,
  needs: StockNeed[],
): Promise<void> {
  const held = await trx
    .selectFrom("stock_reservations")
    .select(["entity", "entity_id"])
    .where("order_id", "=", o.id)
    .where("released_at", "is", null)
    .execute();
  const keys = new Map<string, { entity: string; id: string }>();
  for (const h of held) keys.set(`${h.entity}|${h.entity_id}`, { entity: h.entity, id: h.entity_id });
  for (const n of needs) keys.set(`${n.entity}|${n.id}`, { entity: n.entity, id: n.id });
  if (keys.size === 0) return;
  const ids = [...new Set([...keys.values()].map((k) => k.id))];
  await lockCountedStock(trx, o.store_id, ids);
}

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
  const rows = await stockLevels(
    trx,
    o.store_id,
    needs.map((n) => n.id),
  );
  const byKey = new Map(rows.map((r) => [`${r.entity}|${r.entity_id}`, r]));
  let hitZero = false;
  const reservations: { entity: StockEntity; entity_id: string; quantity: number }[] = [];
  // A fixed lock order (entity, id) so two carts with the same counted things cannot deadlock.
  const sorted = [...needs].sort(stockOrder);
  for (const n of sorted) {
    const r = byKey.get(`${n.entity}|${n.id}`);
    if (!r) continue;
    if (!r.available)
      throw conflict(msg("order.outOfStock", { item: n.label }), {
        reason: "out_of_stock",
        entity: n.entity,
        id: n.id,
        name: n.label,
      });
    if (r.stock === null) continue;
    const left = await takeStock(trx, o.store_id, n.entity, n.id, n.quantity);
    if (left === undefined) {
      const remaining = await stockLeft(trx, o.store_id, n.entity, n.id);
      throw conflict(
        remaining > 0
          ? msg("order.onlyLeft", { remaining, item: n.label })
          : msg("order.soldOut", { item: n.label }),
        { reason: "out_of_stock", entity: n.entity, id: n.id, name: n.label, remaining },
      );
    }
    if (left === 0) hitZero = true;
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
    .execute();
  held.sort((a, b) =>
    stockOrder({ entity: a.entity, id: a.entity_id }, { entity: b.entity, id: b.entity_id }),
  );
  let cameBack = false;
  for (const r of held) {
    const now = await giveBackStock(trx, r.store_id, r.entity, r.entity_id, r.quantity);
    if (now === r.quantity) cameBack = true;
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
