// The demo's simulated driver accounts (auth owns `users`): created once per email, with no usable
// password, so nobody can sign in as them.
import type { Database, Kysely } from "@pizza/db";

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
