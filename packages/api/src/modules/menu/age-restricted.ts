// Which menu items are age-restricted (migration 0028: beer and other alcohol): an order holding one is
// handed over only against the customer's handover code (orders/handover-code.ts).
import type { Database, Kysely, QueryCreator } from "@pizza/db";
import { sql } from "@pizza/db";

/** The ids among these that are age-restricted. */
export async function ageRestrictedItems(
  db: Kysely<Database>,
  itemIds: readonly string[],
): Promise<Set<string>> {
  if (itemIds.length === 0) return new Set();
  const row = await ageRestrictedIdsQuery(db, itemIds).executeTakeFirst();
  return new Set(row?.ids ?? []);
}

/** The same as a subquery of a larger statement (orders' placement reads): the restricted ids, or null. */
export function ageRestrictedIdsQuery(db: QueryCreator<Database>, itemIds: readonly string[]) {
  return db
    .selectFrom("menu_items")
    .select(sql<string[] | null>`array_agg(id)`.as("ids"))
    .where("id", "=", sql<string>`any(${[...new Set(itemIds)]}::text[])`)
    .where("age_restricted", "=", true);
}
