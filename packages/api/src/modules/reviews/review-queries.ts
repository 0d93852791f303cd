// Reviews' answers for other modules that must not read the reviews tables themselves.
import type { Database, Kysely } from "@pizza/db";

/** How many visible reviews a store got since `since`, and their average rating (2 decimals, null if none). */
export async function storeRatingsSince(
  db: Kysely<Database>,
  storeId: string,
  since: Date,
): Promise<{ count: number; average: number | null }> {
  const row = await db
    .selectFrom("reviews")
    .select((eb) => [eb.fn.countAll<string>().as("count"), eb.fn.avg<string | null>("rating").as("average")])
    .where("store_id", "=", storeId)
    .where("created_at", ">=", since)
    .where("hidden_at", "is", null)
    .executeTakeFirst();
  const count = Number(row?.count ?? 0);
  return {
    count,
    average: count > 0 && row?.average != null ? Math.round(Number(row.average) * 100) / 100 : null,
  };
}
