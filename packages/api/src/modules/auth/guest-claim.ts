// A guest becomes a full account (issue 17): the receipt sent to a guest's email carries a single-use
// link (a week long, see reset-secrets.ts); opening it and setting a password makes that email the
// account's sign-in email, verified (the link reached it), and the account no longer a guest. Orders,
// addresses and the name stay. An email that already signs in to another account is not taken over.
import type { Database, Kysely, Transaction } from "@pizza/db";
import { badRequest, conflict } from "../../errors.ts";
import { msg } from "../../i18n/message.ts";
import { isUniqueViolation } from "../../infra/db-errors.ts";
import type { TAuthResponse, TClaimGuestAccount } from "./auth.schemas.ts";
import { passwordWeakness } from "./passwords.ts";
import { createSecret, secretByToken, useSecretAndSetPassword } from "./reset-secrets.ts";

const LINK_VOID = msg("auth.claimLinkVoid");
const EMAIL_TAKEN = msg("auth.emailTaken");

/**
 * The "create your account" link for a guest's receipt, written in the caller's transaction (the
 * receipt consumer's); undefined for an account that is not a guest or has no contact email.
 */
export async function guestClaimLink(
  db: Kysely<Database> | Transaction<Database>,
  userId: string,
  publicUrl: string | undefined,
): Promise<string | undefined> {
  if (!publicUrl) return undefined;
  const guest = await db
    .selectFrom("users")
    .select("contact_email")
    .where("id", "=", userId)
    .where("is_guest", "=", true)
    .executeTakeFirst();
  if (!guest?.contact_email) return undefined;
  const { token } = await createSecret(db, {
    userId,
    purpose: "guest_claim",
    channel: "email",
    target: guest.contact_email,
  });
  return `${publicUrl.replace(/\/$/, "")}/create-account#token=${token}`;
}

export async function claimGuestAccount(
  deps: {
    db: Kysely<Database>;
    sessionFor(userId: string): Promise<TAuthResponse>;
    sessionsEnded(userId: string): void;
  },
  input: TClaimGuestAccount,
): Promise<TAuthResponse> {
  const { db } = deps;
  const secret = await secretByToken(db, "guest_claim", input.token);
  const guest =
    secret &&
    (await db
      .selectFrom("users")
      .select(["id", "name"])
      .where("id", "=", secret.user_id)
      .where("is_guest", "=", true)
      .executeTakeFirst());
  if (!secret || !guest) throw badRequest(LINK_VOID, { field: "token" });
  const weakness = passwordWeakness(input.password, { email: secret.target, name: guest.name });
  if (weakness) throw badRequest(weakness, { field: "password" });
  const taken = await db
    .selectFrom("users")
    .select("id")
    .where("email", "=", secret.target)
    .executeTakeFirst();
  if (taken) throw conflict(EMAIL_TAKEN);
  try {
    const done = await useSecretAndSetPassword(
      db,
      {
        secretId: secret.id,
        userId: guest.id,
        channel: "email",
        target: secret.target,
        password: input.password,
      },
      { email: secret.target, is_guest: false },
    );
    if (!done) throw badRequest(LINK_VOID, { field: "token" });
  } catch (error) {
    if (isUniqueViolation(error, "email")) throw conflict(EMAIL_TAKEN);
    throw error;
  }
  deps.sessionsEnded(guest.id);
  return deps.sessionFor(guest.id);
}
