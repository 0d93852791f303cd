// The language each user chose to read messages in (`users.locale`), for other modules (notifications'
// pushes), in one read; null for a user who never chose one (seeded drivers and staff: the caller falls back
// to the region of the store the message is about). Users that do not exist are absent.
import type { Database, Kysely } from "@pizza/db";

export async function localesOf(
  db: Kysely<Database>,
  userIds: readonly string[],
): Promise<Map<string, string | null>> {
  if (userIds.length === 0) return new Map();
  const rows = await db
    .selectFrom("users")
    .select(["id", "locale"])
    .where("id", "in", [...userIds])
    .execute();
  return new Map(rows.map((r) => [r.id, r.locale]));
}
