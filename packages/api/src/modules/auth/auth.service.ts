import { createHash, randomInt } from "node:crypto";
import { type Database, type Kysely, sql, type User } from "@pizza/db";
import { type CountryCode, parsePhoneNumberFromString } from "libphonenumber-js/max";
import { AppError, badRequest, conflict } from "../../errors.ts";
import type { Notifier } from "../../infra/notifier.ts";
import type { RateLimiter } from "../../infra/rate-limiter.ts";
import type {
  TAuthResponse,
  TGuestRequest,
  TLoginRequest,
  TPublicUser,
  TRegisterRequest,
} from "./auth.schemas.ts";
import { DUMMY_HASH, hashPassword, passwordWeakness, verifyPassword } from "./passwords.ts";
import {
  ACCESS_TOKEN_TTL_S,
  type AccessTokens,
  type AuthUser,
  hashToken,
  newRefreshToken,
  REFRESH_TOKEN_TTL_MS,
} from "./tokens.ts";

export const LOGIN_LIMITS = {
  /** Failed attempts on one account per window before it is locked for the rest of the window. */
  perAccount: 5,
  /** Attempts from one IP address per window, whatever the account. */
  perIp: 30,
  windowMs: 15 * 60 * 1000,
};
const CODE_TTL_MS = 10 * 60 * 1000;
const CODE_MAX_ATTEMPTS = 5;

const INVALID_CREDENTIALS = "The email, phone number or password is not correct.";

export interface AuthDeps {
  db: Kysely<Database>;
  tokens: AccessTokens;
  rateLimiter: RateLimiter;
  notifier: Notifier;
  onLoginAttempt?: (outcome: "ok" | "bad_credentials" | "rate_limited") => void;
}

type UserRow = Pick<
  User,
  | "id"
  | "email"
  | "phone"
  | "name"
  | "role"
  | "store_id"
  | "email_verified_at"
  | "phone_verified_at"
  | "is_guest"
>;
const USER_COLUMNS = [
  "id",
  "email",
  "phone",
  "name",
  "role",
  "store_id",
  "email_verified_at",
  "phone_verified_at",
  "is_guest",
] as const;

export function toPublicUser(u: UserRow): TPublicUser {
  return {
    id: u.id,
    email: u.email,
    phone: u.phone,
    name: u.name,
    role: u.role,
    storeId: u.store_id,
    emailVerified: u.email_verified_at !== null,
    phoneVerified: u.phone_verified_at !== null,
    guest: u.is_guest,
  };
}

export const GUEST_LIMITS = { perIp: 20, windowMs: 60 * 60 * 1000 };

/** E.164 form of a phone number typed any usual way; `country` helps with national formats. */
export function normalizePhone(raw: string, country?: string): string {
  const parsed = parsePhoneNumberFromString(raw, country as CountryCode | undefined);
  if (!parsed?.isValid()) {
    throw badRequest(
      raw.trim().startsWith("+") || country
        ? "That phone number is not valid."
        : "That phone number is not valid; include the country code, like +1 212 555 0100.",
      { field: "phone" },
    );
  }
  return parsed.number;
}

export class AuthService {
  constructor(private readonly deps: AuthDeps) {}

  async register(input: TRegisterRequest): Promise<TAuthResponse> {
    const phone = input.phone === undefined ? null : normalizePhone(input.phone, input.country);
    const weakness = passwordWeakness(input.password, { email: input.email, name: input.name });
    if (weakness) throw badRequest(weakness, { field: "password" });
    const passwordHash = await hashPassword(input.password);
    const { db } = this.deps;
    let user: UserRow;
    try {
      user = await db
        .insertInto("users")
        .values({
          email: input.email ?? null,
          phone,
          name: input.name,
          password_hash: passwordHash,
          role: "customer",
          locale: input.locale ?? null,
          updated_at: new Date(),
        })
        .returning(USER_COLUMNS)
        .executeTakeFirstOrThrow();
    } catch (error) {
      const constraint = uniqueViolation(error);
      if (constraint?.includes("email"))
        throw conflict("An account with this email address already exists.", { field: "email" });
      if (constraint?.includes("phone"))
        throw conflict("An account with this phone number already exists.", { field: "phone" });
      throw error;
    }
    if (user.email) await this.sendCode(user.id, "email", user.email);
    if (user.phone) await this.sendCode(user.id, "phone", user.phone);
    return this.issueSession(user, crypto.randomUUID());
  }

  /**
   * Guest checkout: a new customer account every time, flagged as guest, with no password and no
   * sign-in identity (its email/phone columns stay empty; the receipt contact is kept apart). So a
   * guest who types the email of an existing account gets an account of their own and never that
   * one's orders, addresses or tokens. Counted per IP, as it creates accounts without a password.
   */
  async guest(input: TGuestRequest, ip: string): Promise<TAuthResponse> {
    const decision = await this.deps.rateLimiter.hit(
      `guest:ip:${ip}`,
      GUEST_LIMITS.perIp,
      GUEST_LIMITS.windowMs,
    );
    if (!decision.allowed) {
      throw new AppError(
        "TOO_MANY_REQUESTS",
        `Too many guest checkouts from this network. Try again in ${Math.ceil(decision.retryAfterMs / 60_000)} minute(s), or create an account.`,
        { retryAfterMs: decision.retryAfterMs },
      );
    }
    const phone = input.phone === undefined ? null : normalizePhone(input.phone, input.country);
    const user = await this.deps.db
      .insertInto("users")
      .values({
        email: null,
        phone: null,
        contact_email: input.email ?? null,
        contact_phone: phone,
        is_guest: true,
        name: input.name,
        // Not a hash of anything: no password ever verifies against it.
        password_hash: "!guest",
        role: "customer",
        locale: input.locale ?? null,
        updated_at: new Date(),
      })
      .returning(USER_COLUMNS)
      .executeTakeFirstOrThrow();
    return this.issueSession(user, crypto.randomUUID());
  }

  async login(input: TLoginRequest, ip: string): Promise<TAuthResponse> {
    const { rateLimiter, db } = this.deps;
    const identifier = input.email ?? normalizePhoneOrRaw(input.phone!, input.country);
    const accountKey = `login:acct:${identifier}`;
    const ipDecision = await rateLimiter.hit(`login:ip:${ip}`, LOGIN_LIMITS.perIp, LOGIN_LIMITS.windowMs);
    const account = await rateLimiter.peek(accountKey);
    const accountBlocked = account.count >= LOGIN_LIMITS.perAccount;
    if (!ipDecision.allowed || accountBlocked) {
      this.deps.onLoginAttempt?.("rate_limited");
      const retryAfterMs = Math.max(ipDecision.retryAfterMs, accountBlocked ? account.retryAfterMs : 0);
      throw new AppError(
        "TOO_MANY_REQUESTS",
        `Too many sign-in attempts. Try again in ${Math.ceil(retryAfterMs / 60_000)} minute(s).`,
        { retryAfterMs },
      );
    }
    const row = await db
      .selectFrom("users")
      .select([...USER_COLUMNS, "password_hash"])
      .where(input.email !== undefined ? "email" : "phone", "=", identifier)
      .executeTakeFirst();
    const ok = await verifyPassword(row?.password_hash ?? DUMMY_HASH, input.password);
    if (!row || !ok) {
      await rateLimiter.hit(accountKey, LOGIN_LIMITS.perAccount, LOGIN_LIMITS.windowMs);
      this.deps.onLoginAttempt?.("bad_credentials");
      throw new AppError("UNAUTHORIZED", INVALID_CREDENTIALS);
    }
    await rateLimiter.reset(accountKey);
    this.deps.onLoginAttempt?.("ok");
    return this.issueSession(row, crypto.randomUUID());
  }

  /**
   * Rotates a refresh token: the presented one is spent and a new one of the same family is issued.
   * Presenting a spent token again means it leaked (or a client raced itself): the whole family is revoked.
   */
  async refresh(refreshToken: string): Promise<TAuthResponse> {
    const { db } = this.deps;
    const tokenHash = hashToken(refreshToken);
    const spent = await db
      .updateTable("refresh_tokens")
      .set({ used_at: new Date() })
      .where("token_hash", "=", tokenHash)
      .where("used_at", "is", null)
      .where("revoked_at", "is", null)
      .where("expires_at", ">", new Date())
      .returning(["user_id", "family_id"])
      .executeTakeFirst();
    if (!spent) {
      const known = await db
        .selectFrom("refresh_tokens")
        .select("family_id")
        .where("token_hash", "=", tokenHash)
        .executeTakeFirst();
      if (known) await this.revokeFamily(known.family_id);
      throw new AppError("UNAUTHORIZED", "Your session has ended. Please sign in again.");
    }
    const user = await db
      .selectFrom("users")
      .select(USER_COLUMNS)
      .where("id", "=", spent.user_id)
      .executeTakeFirst();
    if (!user) throw new AppError("UNAUTHORIZED", "Your session has ended. Please sign in again.");
    return this.issueSession(user, spent.family_id);
  }

  /** Ends the session of the given refresh token, or every session of the user when none is given. */
  async logout(user: AuthUser, refreshToken?: string): Promise<{ ok: true }> {
    const { db } = this.deps;
    if (refreshToken) {
      const row = await db
        .selectFrom("refresh_tokens")
        .select("family_id")
        .where("token_hash", "=", hashToken(refreshToken))
        .where("user_id", "=", user.id)
        .executeTakeFirst();
      if (row) await this.revokeFamily(row.family_id);
    } else {
      await db
        .updateTable("refresh_tokens")
        .set({ revoked_at: new Date() })
        .where("user_id", "=", user.id)
        .where("revoked_at", "is", null)
        .execute();
    }
    return { ok: true };
  }

  async requestVerification(user: AuthUser, channel: "email" | "phone"): Promise<{ sentTo: string }> {
    const row = await this.deps.db
      .selectFrom("users")
      .select(["email", "phone"])
      .where("id", "=", user.id)
      .executeTakeFirstOrThrow();
    const target = channel === "email" ? row.email : row.phone;
    if (!target)
      throw badRequest(
        `Your account has no ${channel === "email" ? "email address" : "phone number"} to verify.`,
      );
    const decision = await this.deps.rateLimiter.hit(`verify:send:${user.id}`, 5, 60 * 60 * 1000);
    if (!decision.allowed)
      throw new AppError("TOO_MANY_REQUESTS", "Too many codes requested; wait a while before asking again.");
    await this.sendCode(user.id, channel, target);
    return { sentTo: target };
  }

  /**
   * Checks a code. Each try is spent first, in its own statement (a conditional `attempts + 1 … where
   * attempts < 5`), so a wrong code's count is never rolled back with its error and a burst of tries at
   * once gets at most five checked; after five the code is void, the right one included.
   */
  async verify(user: AuthUser, channel: "email" | "phone", code: string): Promise<TPublicUser> {
    const { db } = this.deps;
    const spent = await db
      .updateTable("verification_codes")
      .set({ attempts: sql`attempts + 1` })
      .where(
        "id",
        "=",
        db
          .selectFrom("verification_codes")
          .select("id")
          .where("user_id", "=", user.id)
          .where("channel", "=", channel)
          .where("consumed_at", "is", null)
          .where("expires_at", ">", new Date())
          .orderBy("created_at", "desc")
          .limit(1),
      )
      .where("attempts", "<", CODE_MAX_ATTEMPTS)
      .returning(["id", "code_hash", "target"])
      .executeTakeFirst();
    if (!spent) throw badRequest("That code has expired or was tried too often; ask for a new one.");
    if (spent.code_hash !== codeHash(user.id, code)) throw badRequest("That code is not correct.");
    return db.transaction().execute(async (trx) => {
      const consumed = await trx
        .updateTable("verification_codes")
        .set({ consumed_at: new Date() })
        .where("id", "=", spent.id)
        .where("consumed_at", "is", null)
        .returning("id")
        .executeTakeFirst();
      if (!consumed) throw badRequest("That code has already been used; ask for a new one.");
      return toPublicUser(
        await trx
          .updateTable("users")
          .set(channel === "email" ? { email_verified_at: new Date() } : { phone_verified_at: new Date() })
          .where("id", "=", user.id)
          .where(channel, "=", spent.target)
          .returning(USER_COLUMNS)
          .executeTakeFirstOrThrow(),
      );
    });
  }

  private async sendCode(userId: string, channel: "email" | "phone", target: string) {
    const code = String(randomInt(0, 1_000_000)).padStart(6, "0");
    await this.deps.db
      .insertInto("verification_codes")
      .values({
        user_id: userId,
        channel,
        target,
        code_hash: codeHash(userId, code),
        expires_at: new Date(Date.now() + CODE_TTL_MS),
      })
      .execute();
    await this.deps.notifier.send({
      channel: channel === "email" ? "email" : "sms",
      to: target,
      subject: "Your verification code",
      text: `Your Pizza verification code is ${code}. It expires in 10 minutes.`,
    });
  }

  private async issueSession(user: UserRow, familyId: string): Promise<TAuthResponse> {
    const refresh = newRefreshToken();
    await this.deps.db
      .insertInto("refresh_tokens")
      .values({
        user_id: user.id,
        family_id: familyId,
        token_hash: refresh.hash,
        expires_at: new Date(Date.now() + REFRESH_TOKEN_TTL_MS),
      })
      .execute();
    const accessToken = await this.deps.tokens.sign({
      id: user.id,
      role: user.role,
      storeId: user.store_id,
      name: user.name,
    });
    return {
      accessToken,
      refreshToken: refresh.token,
      expiresIn: ACCESS_TOKEN_TTL_S,
      user: toPublicUser(user),
    };
  }

  private async revokeFamily(familyId: string) {
    await this.deps.db
      .updateTable("refresh_tokens")
      .set({ revoked_at: new Date() })
      .where("family_id", "=", familyId)
      .where("revoked_at", "is", null)
      .execute();
  }
}

function normalizePhoneOrRaw(raw: string, country?: string): string {
  // Sign-in must not reveal whether a number is valid-but-unknown; an unparsable one simply matches nobody.
  try {
    return normalizePhone(raw, country);
  } catch {
    return raw;
  }
}

function codeHash(userId: string, code: string) {
  return createHash("sha256").update(`${userId}:${code}`).digest("hex");
}

/** The violated unique constraint's name for PostgreSQL (23505) on either driver, else undefined. */
export function uniqueViolation(error: unknown): string | undefined {
  const e = error as { code?: string; constraint?: string; detail?: string; message?: string };
  if (e?.code !== "23505") return undefined;
  return e.constraint ?? e.detail ?? e.message ?? "unique";
}
