import { type Kysely, sql } from "kysely";

/**
 * Orders are LIST-partitioned by region (see migrations/0001). Each region gets its own partition so
 * a region's orders can be moved, archived or vacuumed on their own; rows of a region without one
 * land in orders_default. Call this when a region is created.
 */
export async function ensureOrderPartition(db: Kysely<any>, regionCode: string): Promise<void> {
  if (!/^[a-z]{2,8}$/.test(regionCode)) throw new Error(`invalid region code: ${regionCode}`);
  await sql
    .raw(
      `create table if not exists orders_${regionCode} partition of orders for values in ('${regionCode}')`,
    )
    .execute(db);
}
