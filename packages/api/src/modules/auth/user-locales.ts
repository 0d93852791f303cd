// The language each user reads messages in, for other modules (notifications' pushes): the account's own
// locale, else the region's of the store they work at (a driver's home store, a staff member's store),
// else null (the caller picks its default). Users that do not exist are absent.
import type { Database, Kysely } from "@pizza/db";

export async function localesOf(
  db: Kysely<Database>,
  userIds: readonly string[],
): Promise<Map<string, string | null>> {
  if (userIds.length === 0) return new Map();
  const rows = await db
    .selectFrom("users")
    .leftJoin("drivers", "drivers.user_id", "users.id")
    .leftJoin("stores", (j) =>
      j.on((eb) => eb("stores.id", "=", eb.fn.coalesce("users.store_id", "drivers.home_store_id"))),
    )
    .leftJoin("regions", "regions.code", "stores.region_code")
    .select(["users.id", "users.locale", "regions.locale as regionLocale"])
    .where("users.id", "in", [...userIds])
    .execute();
  return new Map(rows.map((r) => [r.id, r.locale ?? r.regionLocale ?? null]));
}
