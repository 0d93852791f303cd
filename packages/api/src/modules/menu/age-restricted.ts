// Which menu items are age-restricted (migration 0028: beer and other alcohol): an order holding one is
// handed over only against the customer's handover code (orders/handover-code.ts).
import type { Database, Kysely } from "@pizza/db";

/** The ids among these that are age-restricted. */
export async function ageRestrictedItems(
  db: Kysely<Database>,
  itemIds: readonly string[],
): Promise<Set<string>> {
  const unique = [...new Set(itemIds)];
  if (unique.length === 0) return new Set();
  const rows = await db
    .selectFrom("menu_items")
    .select("id")
    .where("id", "in", unique)
    .where("age_restricted", "=", true)
    .execute();
  return new Set(rows.map((r) => r.id));
}
