// Which of these users read store data, and whose (for notifications' failed-delivery digest): an admin
// every store's, a staff member (crew or manager) their own store's. Customers, drivers and staff without a
// store are left out. The same rule as `actsForStore`, for many users at once.
import type { Database, Kysely } from "@pizza/db";

export interface StaffScope {
  userId: string;
  /** null: every store (an admin). */
  storeId: string | null;
}

export async function staffScopes(db: Kysely<Database>, userIds: readonly string[]): Promise<StaffScope[]> {
  if (userIds.length === 0) return [];
  const rows = await db
    .selectFrom("users")
    .select(["id", "role", "store_id"])
    .where("id", "in", [...new Set(userIds)])
    .where((eb) =>
      eb.or([eb("role", "=", "admin"), eb.and([eb("role", "=", "staff"), eb("store_id", "is not", null)])]),
    )
    .execute();
  return rows.map((r) => ({ userId: r.id, storeId: r.role === "admin" ? null : r.store_id }));
}
