// Which platform account an OpenID Connect identity signs in to (user_identities):
// - the same (provider, subject) again: the account it was linked to, whatever the email says now;
// - an email no account signs in with: a new customer account (the email becomes its sign-in email, verified,
//   only when the provider says `email_verified: true`; otherwise it is kept as the contact email only);
// - an email an account already signs in with: linked only when the provider says `email_verified: true`
//   AND the account's email is verified on our side; otherwise refused with a sentence saying what to do.
//   A sign-up never confirmed with its code has no proven owner: the provider's verified email claims it
//   (its password voided), as a new sign-up would (sign-up.ts).
import type { Database, Kysely, Transaction } from "@pizza/db";
import { type Message, msg } from "../../i18n/message.ts";
import { isUniqueViolation } from "../../infra/db-errors.ts";
import type { OidcClaims } from "./oidc-clients.ts";

/** Never a hash of anything: no password verifies against it (the account signs in through its provider). */
const NO_PASSWORD = "!oidc";

export type AccountOutcome = { userId: string } | { refused: Message; conflict: boolean };

export async function accountForIdentity(
  db: Kysely<Database>,
  provider: { id: string; label: string },
  claims: OidcClaims,
): Promise<AccountOutcome> {
  try {
    return await db.transaction().execute((trx) => resolve(trx, provider, claims));
  } catch (error) {
    // Two first sign-ins of one subject (or one new email) at once: the second finds the first's rows.
    if (!isUniqueViolation(error, "user_identities_pkey") && !isUniqueViolation(error, "users_email_key"))
      throw error;
    return db.transaction().execute((trx) => resolve(trx, provider, claims));
  }
}

async function resolve(
  trx: Transaction<Database>,
  provider: { id: string; label: string },
  claims: OidcClaims,
): Promise<AccountOutcome> {
  const linked = await trx
    .selectFrom("user_identities")
    .select("user_id")
    .where("provider", "=", provider.id)
    .where("subject", "=", claims.subject)
    .executeTakeFirst();
  if (linked) return { userId: linked.user_id };
  if (!claims.email)
    return { refused: msg("auth.oidcNoEmail", { provider: provider.label }), conflict: false };

  const existing = await trx
    .selectFrom("users")
    .select(["id", "email_verified_at", "confirmed_at"])
    .where("email", "=", claims.email)
    .forUpdate()
    .executeTakeFirst();
  if (existing && existing.confirmed_at !== null) {
    if (!claims.emailVerified)
      return { refused: msg("auth.oidcIdpEmailUnverified", { provider: provider.label }), conflict: true };
    if (existing.email_verified_at === null)
      return { refused: msg("auth.oidcAccountExists", { provider: provider.label }), conflict: true };
    await link(trx, provider.id, claims, existing.id);
    return { userId: existing.id };
  }
  if (existing) {
    if (!claims.emailVerified)
      return { refused: msg("auth.oidcIdpEmailUnverified", { provider: provider.label }), conflict: true };
    await trx
      .updateTable("users")
      .set({
        password_hash: NO_PASSWORD,
        confirmed_at: new Date(),
        email_verified_at: new Date(),
        name: claims.name ?? nameFrom(claims.email),
        updated_at: new Date(),
      })
      .where("id", "=", existing.id)
      .execute();
    await link(trx, provider.id, claims, existing.id);
    return { userId: existing.id };
  }
  const created = await trx
    .insertInto("users")
    .values({
      email: claims.emailVerified ? claims.email : null,
      email_verified_at: claims.emailVerified ? new Date() : null,
      contact_email: claims.emailVerified ? null : claims.email,
      name: claims.name?.trim().slice(0, 100) || nameFrom(claims.email),
      password_hash: NO_PASSWORD,
      role: "customer",
      updated_at: new Date(),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await link(trx, provider.id, claims, created.id);
  return { userId: created.id };
}

async function link(trx: Transaction<Database>, provider: string, claims: OidcClaims, userId: string) {
  await trx
    .insertInto("user_identities")
    .values({ provider, subject: claims.subject, user_id: userId, email_at_link: claims.email ?? null })
    .execute();
}

/** "maria.rossi@example.com" → "maria.rossi": a name to start with when the provider gives none. */
const nameFrom = (email: string) => email.split("@")[0]!.slice(0, 100) || "Customer";
