// What dispatch needs to know about stores (the delivery module reads stores and regions only through
// here): where a store is, its name and address, its region's currency and driving speed, what it pays
// a driver per delivery, its time zone, and its proof-of-delivery settings (drop-off radius, handover
// code threshold; orders read the latter here too).
import type { Database, Kysely, QueryCreator } from "@pizza/db";

/** A store as dispatch sees it. */
export interface StoreForDispatch {
  id: string;
  slug: string;
  name: string;
  address: string;
  lat: number;
  lng: number;
  regionCode: string;
  currency: string;
  /** The region's average driving speed, for the ETA model. */
  driverSpeedKmh: number;
  /** What the store pays its driver per delivery, minor units of `currency` (migration 0029). */
  driverFeePerDelivery: number;
  /** The store's IANA time zone (a driver's days and weeks are the store's). */
  timezone: string;
  /** "Delivered" needs no reason within this many metres of the address (store setting, default 300). */
  dropoffRadiusM: number;
  /** Cash orders above this total (minor units) need a handover code; null: never (default 5000). */
  handoverCashAbove: number | null;
}

/** The stores with these ids (every store, ordered by slug, without ids), keyed by id. */
export async function storesForDispatch(
  db: Kysely<Database>,
  ids?: readonly string[],
): Promise<Map<string, StoreForDispatch>> {
  if (ids && ids.length === 0) return new Map();
  let q = db
    .selectFrom("stores as s")
    .innerJoin("regions as r", "r.code", "s.region_code")
    .select([
      "s.id",
      "s.slug",
      "s.name",
      "s.address",
      "s.lat",
      "s.lng",
      "s.region_code",
      "r.currency",
      "r.driver_speed_kmh",
      "s.driver_fee_per_delivery",
      "s.timezone",
      "s.dropoff_radius_m",
      "s.handover_code_cash_above",
    ])
    .orderBy("s.slug");
  if (ids) q = q.where("s.id", "in", [...new Set(ids)]);
  const rows = await q.execute();
  return new Map(
    rows.map((r) => [
      r.id,
      {
        id: r.id,
        slug: r.slug,
        name: r.name,
        address: r.address,
        lat: r.lat,
        lng: r.lng,
        regionCode: r.region_code,
        currency: r.currency.trim(),
        driverSpeedKmh: Number(r.driver_speed_kmh),
        driverFeePerDelivery: r.driver_fee_per_delivery,
        timezone: r.timezone,
        dropoffRadiusM: r.dropoff_radius_m,
        handoverCashAbove: r.handover_code_cash_above,
      },
    ]),
  );
}

/** One store as dispatch sees it, or undefined. */
export async function storeForDispatch(
  db: Kysely<Database>,
  id: string,
): Promise<StoreForDispatch | undefined> {
  return (await storesForDispatch(db, [id])).get(id);
}

/** The store's handover-code cash threshold as a subquery of a larger statement (orders' placement reads). */
export function handoverCashAboveQuery(db: QueryCreator<Database>, storeId: string) {
  return db.selectFrom("stores").select("handover_code_cash_above").where("id", "=", storeId);
}
