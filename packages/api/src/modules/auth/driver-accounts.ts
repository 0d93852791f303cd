// Accounts as dispatch needs them (auth owns `users`): the names and phones shown on drivers' and
// staff's screens, and the demo's simulated driver accounts, which nobody can sign in as.
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

/**
 * Creates (once per email) driver accounts without a usable password and answers every wanted one with
 * its id, whether it was created now or earlier.
 */
export async function ensureDemoDriverAccounts(
  db: Kysely<Database>,
  wanted: readonly { email: string; name: string }[],
): Promise<{ id: string; email: string; name: string }[]> {
  if (wanted.length === 0) return [];
  await db
    .insertInto("users")
    .values(
      wanted.map((w) => ({
        email: w.email,
        phone: null,
        // Not an argon2 hash: nobody can sign in as a simulated driver.
        password_hash: "!simulated-driver",
        name: w.name,
        role: "driver" as const,
        store_id: null,
        locale: null,
        updated_at: new Date(),
      })),
    )
    .onConflict((oc) => oc.doNothing())
    .execute();
  const rows = await db
    .selectFrom("users")
    .select(["id", "email", "name"])
    .where(
      "email",
      "in",
      wanted.map((w) => w.email),
    )
    .execute();
  const byEmail = new Map(rows.map((r) => [r.email, r]));
  return wanted.flatMap((w) => {
    const r = byEmail.get(w.email);
    return r ? [{ id: r.id, email: w.email, name: r.name }] : [];
  });
}
