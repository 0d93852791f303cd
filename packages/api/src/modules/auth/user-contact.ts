// Where and how to write to a user, for other modules (notifications): the account's email (a guest's
// contact email), phone (a guest's contact phone) and whether it is verified, name, locale and role.
// Undefined when the user does not exist.
import type { Database, Kysely, Role } from "@pizza/db";

export interface UserContact {
  email: string | null;
  name: string;
  locale: string | null;
  phone: string | null;
  /** The account's phone was confirmed with a code (a guest's contact phone never is). */
  phoneVerified: boolean;
  role: Role;
}

export async function userContact(db: Kysely<Database>, userId: string): Promise<UserContact | undefined> {
  const row = await db
    .selectFrom("users")
    .select([
      "email",
      "contact_email",
      "name",
      "locale",
      "phone",
      "contact_phone",
      "phone_verified_at",
      "role",
    ])
    .where("id", "=", userId)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    email: row.email ?? row.contact_email,
    name: row.name,
    locale: row.locale,
    phone: row.phone ?? row.contact_phone,
    phoneVerified: row.phone !== null && row.phone_verified_at !== null,
    role: row.role,
  };
}
