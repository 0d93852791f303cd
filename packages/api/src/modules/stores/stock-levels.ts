// Stock levels (`store_stock`, owned by the stores module): whether a store has something and, when it
// is counted, how many are left. Orders take and give back counted stock through these functions, inside
// the order's own transaction (`trx`), so an order and its stock commit or roll back together.
import { type Database, type StockEntity, sql, type Transaction } from "@pizza/db";

export interface StockLevel {
  entity: StockEntity;
  entity_id: string;
  available: boolean;
  /** Null when the store does not count it (available is all that matters). */
  stock: number | null;
}

/** The stock rows of a store for these entity ids (ids without a row are available and uncounted). */
export async function stockLevels(
  trx: Transaction<Database>,
  storeId: string,
  entityIds: readonly string[],
): Promise<StockLevel[]> {
  if (entityIds.length === 0) return [];
  return trx
    .selectFrom("store_stock")
    .select(["entity", "entity_id", "available", "stock"])
    .where("store_id", "=", storeId)
    .where("entity_id", "in", [...entityIds])
    .execute();
}

/**
 * Locks a store's counted stock rows for these entity ids in one statement, ordered by entity then id
 * under `COLLATE "C"` (LockRows sits above the sort, so the rows are locked in this order). Every path
 * that touches counted stock locks in this same order, so two transactions cannot deadlock on it.
 */
export async function lockCountedStock(
  trx: Transaction<Database>,
  storeId: string,
  entityIds: readonly string[],
): Promise<void> {
  if (entityIds.length === 0) return;
  await trx
    .selectFrom("store_stock")
    .select(["entity", "entity_id"])
    .where("store_id", "=", storeId)
    .where("entity_id", "in", [...entityIds])
    .where("stock", "is not", null)
    .orderBy(sql`entity collate "C"`)
    .orderBy(sql`entity_id collate "C"`)
    .forNoKeyUpdate()
    .execute();
}

/**
 * Takes `quantity` of a counted thing, only if that many are left (`stock >= quantity`), so stock never
 * goes negative under any concurrency. Returns what is left after taking, or undefined when there were
 * not enough (nothing is taken then).
 */
export async function takeStock(
  trx: Transaction<Database>,
  storeId: string,
  entity: StockEntity,
  entityId: string,
  quantity: number,
): Promise<number | undefined> {
  const left = await trx
    .updateTable("store_stock")
    .set({ stock: sql`stock - ${quantity}`, updated_at: new Date() })
    .where("store_id", "=", storeId)
    .where("entity", "=", entity)
    .where("entity_id", "=", entityId)
    .where("stock", ">=", quantity)
    .returning("stock")
    .executeTakeFirst();
  return left ? (left.stock ?? undefined) : undefined;
}

/** How many of a counted thing are left (0 when it has no row or is not counted). */
export async function stockLeft(
  trx: Transaction<Database>,
  storeId: string,
  entity: StockEntity,
  entityId: string,
): Promise<number> {
  const row = await trx
    .selectFrom("store_stock")
    .select("stock")
    .where("store_id", "=", storeId)
    .where("entity", "=", entity)
    .where("entity_id", "=", entityId)
    .executeTakeFirst();
  return row?.stock ?? 0;
}

/** Gives `quantity` back to a counted thing; returns the new count, or undefined when it is not counted. */
export async function giveBackStock(
  trx: Transaction<Database>,
  storeId: string,
  entity: StockEntity,
  entityId: string,
  quantity: number,
): Promise<number | undefined> {
  const row = await trx
    .updateTable("store_stock")
    .set({ stock: sql`stock + ${quantity}`, updated_at: new Date() })
    .where("store_id", "=", storeId)
    .where("entity", "=", entity)
    .where("entity_id", "=", entityId)
    .where("stock", "is not", null)
    .returning("stock")
    .executeTakeFirst();
  return row?.stock ?? undefined;
}

/** Sets whether a store has something and, when `stock` is given, its count (null: not counted). */
export async function setStockLevel(
  trx: Transaction<Database>,
  input: {
    storeId: string;
    entity: StockEntity;
    entityId: string;
    available: boolean;
    stock?: number | null | undefined;
  },
): Promise<StockLevel> {
  const counted = input.stock !== undefined ? { stock: input.stock } : {};
  return trx
    .insertInto("store_stock")
    .values({
      store_id: input.storeId,
      entity: input.entity,
      entity_id: input.entityId,
      available: input.available,
      updated_at: new Date(),
      stock: input.stock ?? null,
    })
    .onConflict((oc) =>
      oc
        .columns(["store_id", "entity", "entity_id"])
        .doUpdateSet({ available: input.available, ...counted, updated_at: new Date() }),
    )
    .returning(["entity", "entity_id", "available", "stock"])
    .executeTakeFirstOrThrow();
}
