// The names and phones of accounts as other modules show them (drivers on staff screens, review authors,
// the courier on a tracker): auth owns `users`, so everyone reads them here, batched by ids.
import type { Database, Kysely } from "@pizza/db";

/** Name and phone of each of these accounts (missing ids are left out), keyed by id. */
export async function accountContacts(
  db: Kysely<Database>,
  ids: readonly string[],
): Promise<Map<string, { name: string; phone: string | null }>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await db
    .selectFrom("users")
    .select(["id", "name", "phone"])
    .where("id", "in", unique)
    .execute();
  return new Map(rows.map((r) => [r.id, { name: r.name, phone: r.phone }]));
}
