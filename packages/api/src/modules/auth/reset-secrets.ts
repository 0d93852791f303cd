// The single-use secrets behind "forgot password" and a guest's "create your account" link
// (`password_resets`, migration 0015): a random link token and, for a reset, a six-digit code. Only their
// SHA-256 is stored; each row is used at most once, a code is tried at most five times, and setting the
// new password voids every other secret of the account and revokes every session.
import { randomBytes, randomInt } from "node:crypto";
import type { Database, Kysely, PasswordResetPurpose, Transaction, VerificationChannel } from "@pizza/db";
import { sql } from "@pizza/db";
import { codeHash } from "./codes.ts";
import { hashPassword } from "./passwords.ts";
import { hashToken } from "./tokens.ts";

export const RESET_TTL_MS = 15 * 60 * 1000;
/** A receipt may be read days later; the link in it still works once, for a week. */
export const GUEST_CLAIM_TTL_MS = 7 * 24 * 60 * 60 * 1000;
export const RESET_MAX_ATTEMPTS = 5;

export interface NewSecret {
  /** The link token (base64url, 32 random bytes). */
  token: string;
  /** The six-digit code (resets only). */
  code?: string;
}

/** Writes a new secret for `userId`; a new reset voids the account's earlier, unused reset secrets. */
export async function createSecret(
  db: Kysely<Database> | Transaction<Database>,
  s: { userId: string; purpose: PasswordResetPurpose; channel: VerificationChannel; target: string },
): Promise<NewSecret> {
  const token = randomBytes(32).toString("base64url");
  const code = s.purpose === "reset" ? String(randomInt(0, 1_000_000)).padStart(6, "0") : undefined;
  const now = new Date();
  if (s.purpose === "reset")
    await db
      .updateTable("password_resets")
      .set({ consumed_at: now })
      .where("user_id", "=", s.userId)
      .where("purpose", "=", "reset")
      .where("consumed_at", "is", null)
      .execute();
  await db
    .insertInto("password_resets")
    .values({
      user_id: s.userId,
      purpose: s.purpose,
      channel: s.channel,
      target: s.target,
      code_hash: code === undefined ? null : codeHash(s.userId, code),
      token_hash: hashToken(token),
      expires_at: new Date(now.getTime() + (s.purpose === "reset" ? RESET_TTL_MS : GUEST_CLAIM_TTL_MS)),
    })
    .execute();
  return code === undefined ? { token } : { token, code };
}

/** The live secret a link token names (not used, not expired), without using it. */
export function secretByToken(db: Kysely<Database>, purpose: PasswordResetPurpose, token: string) {
  return db
    .selectFrom("password_resets")
    .select(["id", "user_id", "channel", "target"])
    .where("token_hash", "=", hashToken(token))
    .where("purpose", "=", purpose)
    .where("consumed_at", "is", null)
    .where("expires_at", ">", new Date())
    .executeTakeFirst();
}

/**
 * Spends one try of the account's newest live reset code, in its own statement before the code is
 * compared (like `Codes.spend`): a burst gets at most five compared. Undefined when no code can be tried.
 */
export function spendResetCode(db: Kysely<Database>, userId: string) {
  return db
    .updateTable("password_resets")
    .set({ attempts: sql`attempts + 1` })
    .where(
      "id",
      "=",
      db
        .selectFrom("password_resets")
        .select("id")
        .where("user_id", "=", userId)
        .where("purpose", "=", "reset")
        .where("consumed_at", "is", null)
        .where("expires_at", ">", new Date())
        .orderBy("created_at", "desc")
        .limit(1),
    )
    .where("attempts", "<", RESET_MAX_ATTEMPTS)
    .returning(["id", "user_id", "code_hash", "channel", "target"])
    .executeTakeFirst();
}

/**
 * Uses secret `secretId` and sets the account's new password, in one transaction: false (nothing
 * changed) when another request used the secret first or the account's contact changed since it was
 * sent. The contact the secret reached counts as verified (and a sign-up never confirmed, as
 * confirmed); every other live secret of the account is voided and every refresh token revoked.
 * `extra` sets more columns (a guest becoming a full account).
 */
export async function useSecretAndSetPassword(
  db: Kysely<Database>,
  s: { secretId: string; userId: string; channel: VerificationChannel; target: string; password: string },
  extra: { email?: string; is_guest?: false } = {},
): Promise<boolean> {
  const passwordHash = await hashPassword(s.password);
  return db.transaction().execute(async (trx) => {
    const now = new Date();
    const used = await trx
      .updateTable("password_resets")
      .set({ consumed_at: now })
      .where("id", "=", s.secretId)
      .where("consumed_at", "is", null)
      .where("expires_at", ">", now)
      .returning("id")
      .executeTakeFirst();
    if (!used) return false;
    const column = s.channel === "email" ? "email" : "phone";
    const updated = await trx
      .updateTable("users")
      .set({
        password_hash: passwordHash,
        ...(column === "email" ? { email_verified_at: now } : { phone_verified_at: now }),
        confirmed_at: sql`coalesce(confirmed_at, ${now})`,
        updated_at: now,
        ...extra,
      })
      .where("id", "=", s.userId)
      // A guest's receipt contact becomes its sign-in email here; a reset's contact must still be the account's.
      .$if(extra.email === undefined, (q) => q.where(column, "=", s.target))
      .returning("id")
      .executeTakeFirst();
    if (!updated) return false;
    await trx
      .updateTable("password_resets")
      .set({ consumed_at: now })
      .where("user_id", "=", s.userId)
      .where("consumed_at", "is", null)
      .execute();
    await trx
      .updateTable("refresh_tokens")
      .set({ revoked_at: now })
      .where("user_id", "=", s.userId)
      .where("revoked_at", "is", null)
      .execute();
    return true;
  });
}
