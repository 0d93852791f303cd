// The profile columns of an account (`users`, owned by the auth module): read and written here for the
// users module (profile, locale, default address) and the stores module (is this staff member a manager).
import type { Database, Kysely } from "@pizza/db";

export interface ProfilePatch {
  name?: string;
  locale?: string;
  default_address_id?: string | null;
}

/** The account's profile row, or undefined when the account no longer exists. */
export function profileRow(db: Kysely<Database>, userId: string) {
  return db
    .selectFrom("users")
    .select([
      "id",
      "email",
      "phone",
      "name",
      "role",
      "store_id",
      "locale",
      "email_verified_at",
      "phone_verified_at",
      "default_address_id",
      "is_guest",
    ])
    .where("id", "=", userId)
    .executeTakeFirst();
}

/** Changes profile columns (and `updated_at`); pass the caller's transaction to commit with its other writes. */
export async function updateProfileColumns(
  db: Kysely<Database>,
  userId: string,
  patch: ProfilePatch,
): Promise<void> {
  await db
    .updateTable("users")
    .set({ ...patch, updated_at: new Date() })
    .where("id", "=", userId)
    .execute();
}

/** A staff member's role in their store ("manager", or crew), null for anyone else. */
export async function staffRoleOf(db: Kysely<Database>, userId: string): Promise<string | null> {
  const row = await db.selectFrom("users").select("staff_role").where("id", "=", userId).executeTakeFirst();
  return row?.staff_role ?? null;
}

/**
 * The region a region manager works for (users.staff_role 'region_manager', migration 0044), null for
 * anyone else: read from the row on each request, like `staffRoleOf`, so a changed role holds at once.
 */
export async function regionManagerOf(db: Kysely<Database>, userId: string): Promise<string | null> {
  const row = await db
    .selectFrom("users")
    .select("region_code")
    .where("id", "=", userId)
    .where("role", "=", "staff")
    .where("staff_role", "=", "region_manager")
    .executeTakeFirst();
  return row?.region_code ?? null;
}

/** The store a staff account works at (null for everyone else), read in the caller's transaction. */
export async function staffStoreOf(db: Kysely<Database>, userId: string): Promise<string | null> {
  const row = await db.selectFrom("users").select("store_id").where("id", "=", userId).executeTakeFirst();
  return row?.store_id ?? null;
}

/** Display names by user id (e.g. who printed a kitchen ticket); unknown ids are left out. */
export async function userNames(db: Kysely<Database>, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom("users")
    .select(["id", "name"])
    .where("id", "in", [...new Set(ids)])
    .execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}
