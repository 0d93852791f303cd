// Reading stores: one store, the list (optionally of a region), and whether a store is open at an instant.
import type { Database, Kysely } from "@pizza/db";
import { notFound } from "../../errors.ts";
import { msg } from "../../i18n/message.ts";
import { isOpenAt } from "./hours.ts";
import { loadOverrides, STORE_COLUMNS, type StoreInfo, toStoreInfo } from "./store-info.ts";

export async function getStore(db: Kysely<Database>, storeId: string, at: Date): Promise<StoreInfo> {
  const row = await db
    .selectFrom("stores")
    .select(STORE_COLUMNS)
    .where("stores.id", "=", storeId)
    .executeTakeFirst();
  if (!row) throw notFound(msg("store.notFound"));
  const o = await loadOverrides(db, [storeId]);
  return toStoreInfo(row, o.get(storeId) ?? [], at);
}

export async function listStores(
  db: Kysely<Database>,
  regionCode: string | undefined,
  at: Date,
): Promise<StoreInfo[]> {
  let q = db.selectFrom("stores").select(STORE_COLUMNS).orderBy("stores.slug");
  if (regionCode) q = q.where("stores.region_code", "=", regionCode);
  const rows = await q.execute();
  const o = await loadOverrides(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => toStoreInfo(r, o.get(r.id) ?? [], at));
}

/** Is the store open (hours + accepting orders) at `at`? Used for scheduled orders. */
export async function isStoreOpenAt(
  db: Kysely<Database>,
  storeId: string,
  at: Date,
  now: Date,
): Promise<boolean> {
  const s = await getStore(db, storeId, now);
  if (!s.acceptingOrders) return false;
  const o = await loadOverrides(db, [storeId]);
  return isOpenAt(s.hours, s.timezone, at, o.get(storeId) ?? []);
}
