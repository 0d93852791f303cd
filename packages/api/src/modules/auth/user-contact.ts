// Where and how to write to a user, for other modules (notifications): the account's email (a guest's
// contact email), name and locale. Undefined when the user does not exist.
import type { Database, Kysely } from "@pizza/db";

export interface UserContact {
  email: string | null;
  name: string;
  locale: string | null;
}

export async function userContact(db: Kysely<Database>, userId: string): Promise<UserContact | undefined> {
  const row = await db
    .selectFrom("users")
    .select(["email", "contact_email", "name", "locale"])
    .where("id", "=", userId)
    .executeTakeFirst();
  if (!row) return undefined;
  return { email: row.email ?? row.contact_email, name: row.name, locale: row.locale };
}
