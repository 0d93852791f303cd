// Whether a user has a full account (not a guest checkout), for other modules (payments: only an account
// keeps saved cards); undefined for a user that does not exist.
import type { Database, Kysely } from "@pizza/db";

export async function hasFullAccount(db: Kysely<Database>, userId: string): Promise<boolean | undefined> {
  const row = await db.selectFrom("users").select("is_guest").where("id", "=", userId).executeTakeFirst();
  return row ? !row.is_guest : undefined;
}
