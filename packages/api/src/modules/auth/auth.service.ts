import type { Database, Kysely, User } from "@pizza/db";
import type { Logger } from "pino";
import { AppError, badRequest } from "../../errors.ts";
import { msg } from "../../i18n/message.ts";
import type { Notifier } from "../../infra/notifier.ts";
import { type RateLimiter, tooManyRequests } from "../../infra/rate-limiter.ts";
import type {
  TAuthResponse,
  TClaimGuestAccount,
  TConfirmSignUp,
  TGuestRequest,
  TLoginRequest,
  TPublicUser,
  TRegisterRequest,
  TResendSignUpCode,
  TSignUpAnswer,
} from "./auth.schemas.ts";
import { Codes, codeHash } from "./codes.ts";
import { createGuestAccount } from "./guest-checkout.ts";
import { claimGuestAccount } from "./guest-claim.ts";
import { OidcSignIn, oidcParts } from "./oidc-sign-in.ts";
import { type PasswordResetProcedures, passwordResetProcedures } from "./password-reset-wiring.ts";
import { DUMMY_HASH, verifyPassword } from "./passwords.ts";
import { normalizePhone, normalizePhoneOrRaw } from "./phone.ts";
import { SignUp } from "./sign-up.ts";
import {
  ACCESS_TOKEN_TTL_S,
  type AccessTokens,
  type AuthUser,
  hashToken,
  newRefreshToken,
  REFRESH_TOKEN_TTL_MS,
} from "./tokens.ts";

/**
 * Sign-in limits, each consumed before the password is checked (a burst cannot outrun its count):
 * attempts per IP address; failed attempts per account per hour (ASVS 2.2.1: at most 100); and per
 * account *and* network, 5 free failures, then growing delays (1 s, 2 s, 4 s … up to 15 minutes
 * between tries) instead of a lock-out — so someone guessing from elsewhere never locks the owner out.
 */
export const LOGIN_LIMITS = {
  perIp: 30,
  windowMs: 15 * 60 * 1000,
  perAccountPerHour: 100,
  freeFailures: 5,
  maxDelayMs: 15 * 60 * 1000,
};
const HOUR_MS = 60 * 60 * 1000;

const INVALID_CREDENTIALS = msg("auth.invalidCredentials");

export interface AuthDeps {
  db: Kysely<Database>;
  tokens: AccessTokens;
  rateLimiter: RateLimiter;
  notifier: Notifier;
  onLoginAttempt?: (outcome: "ok" | "bad_credentials" | "rate_limited") => void;
  /** Where the apps are served (PUBLIC_URL), for links in messages; none: codes only. */
  publicUrl?: string | undefined;
  log?: Logger;
  /** OpenID Connect providers (OIDC_PROVIDERS) and the secret the flow cookie's key derives from (JWT_SECRET). */
  oidc?: Parameters<typeof oidcParts>[0];
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

export { normalizePhone };

/** Sessions that just ended: one (a refresh-token family), or every session of a user. */
export type EndedSessions = { sessionId: string } | { userId: string };

export class AuthService {
  /** Called after sessions were revoked (logout, a stolen refresh token); must not throw. */
  readonly sessionsEnded: ((ended: EndedSessions) => void)[] = [];
  private readonly codes: Codes;
  private readonly signUp: SignUp;

  constructor(private readonly deps: AuthDeps) {
    this.codes = new Codes(deps);
    const common = {
      ...deps,
      codes: this.codes,
      normalizePhone,
      sessionFor: async (userId: string) =>
        this.issueSession(
          await deps.db
            .selectFrom("users")
            .select(USER_COLUMNS)
            .where("id", "=", userId)
            .executeTakeFirstOrThrow(),
          crypto.randomUUID(),
        ),
      sessionsEnded: (userId: string) => this.endSessions({ userId }),
    };
    this.signUp = new SignUp(common);
    const resets = passwordResetProcedures({ ...common, publicUrl: deps.publicUrl }, deps.log);
    this.requestPasswordReset = resets.requestPasswordReset;
    this.resetPassword = resets.resetPassword;
    this.claimGuest = (input) => claimGuestAccount(common, input);
    this.oidc = new OidcSignIn({ ...common, ...oidcParts(deps.oidc) });
  }

  /** Sign-in with an OpenID Connect provider (oidc-sign-in.ts); its routes are in oidc-routes.ts. */
  readonly oidc: OidcSignIn;

  /** "Forgot password" (password-reset-wiring.ts): the same answer whether or not the account exists. */
  readonly requestPasswordReset: PasswordResetProcedures["requestPasswordReset"];
  /** The reset's code or link sets a new password: every session revoked, the sign-in throttle cleared. */
  readonly resetPassword: PasswordResetProcedures["resetPassword"];

  /** A guest's receipt link sets a password and makes the account a full one (guest-claim.ts). */
  readonly claimGuest: (input: TClaimGuestAccount) => Promise<TAuthResponse>;

  /** Sign-up, step one (sign-up.ts): the same answer whether or not the contact has an account; no session. */
  register(input: TRegisterRequest, ip: string): Promise<TSignUpAnswer> {
    return this.signUp.register(input, ip);
  }

  /** Sign-up, step two: the code sent to the contact confirms the account and signs it in. */
  confirmSignUp(input: TConfirmSignUp, ip: string): Promise<TAuthResponse> {
    return this.signUp.confirm(input, ip);
  }

  resendSignUpCode(input: TResendSignUpCode, ip: string): Promise<TSignUpAnswer> {
    return this.signUp.resend(input, ip);
  }

  /** Guest checkout (guest-checkout.ts): a new customer account every time, signed in at once. */
  async guest(input: TGuestRequest, ip: string): Promise<TAuthResponse> {
    return this.issueSession(
      await createGuestAccount(this.deps, input, ip, USER_COLUMNS),
      crypto.randomUUID(),
    );
  }

  async login(input: TLoginRequest, ip: string): Promise<TAuthResponse> {
    const { db } = this.deps;
    const identifier = input.email ?? normalizePhoneOrRaw(input.phone!, input.country);
    const pairKey = `login:pair:${identifier}:${ip}`;
    await this.admitLogin(identifier, ip, pairKey);
    const row = await db
      .selectFrom("users")
      .select([...USER_COLUMNS, "password_hash", "confirmed_at"])
      .where(input.email !== undefined ? "email" : "phone", "=", identifier)
      .executeTakeFirst();
    const ok = await verifyPassword(row?.password_hash ?? DUMMY_HASH, input.password);
    if (!row || !ok) {
      this.deps.onLoginAttempt?.("bad_credentials");
      throw new AppError("UNAUTHORIZED", INVALID_CREDENTIALS);
    }
    const { rateLimiter } = this.deps;
    await Promise.all([
      rateLimiter.reset(`login:acct:${identifier}`),
      rateLimiter.reset(pairKey),
      rateLimiter.reset(`gate:${pairKey}`),
    ]);
    // Only after the right password, so this tells nothing to someone who does not know it.
    if (row.confirmed_at === null) {
      const channel = input.email !== undefined ? "email" : "phone";
      throw new AppError("FORBIDDEN", msg("auth.confirmFirst", { channel }), {
        reason: "unconfirmed",
        channel,
      });
    }
    // Staff of a region that signs in through the company's provider: never with a password (oidc-sign-in.ts).
    const idp = await this.oidc.requiredProvider(row.id);
    if (idp)
      throw new AppError("FORBIDDEN", msg("auth.staffUseIdp", { provider: idp.label }), { reason: "idp" });
    this.deps.onLoginAttempt?.("ok");
    return this.issueSession(row, crypto.randomUUID());
  }

  /** Counts this attempt against every sign-in limit before the password is looked at; throws 429 when one refuses. */
  private async admitLogin(identifier: string, ip: string, pairKey: string): Promise<void> {
    const { rateLimiter } = this.deps;
    const refuse = (retryAfterMs: number) => {
      this.deps.onLoginAttempt?.("rate_limited");
      return tooManyRequests(
        "Too many sign-in attempts. Wait a little, or use “Forgot password?” to set a new password now.",
        retryAfterMs,
      );
    };
    const [byIp, byAccount, byPair] = await Promise.all([
      rateLimiter.hit(`login:ip:${ip}`, LOGIN_LIMITS.perIp, LOGIN_LIMITS.windowMs),
      rateLimiter.hit(`login:acct:${identifier}`, LOGIN_LIMITS.perAccountPerHour, HOUR_MS),
      // A plain count of this account's attempts from this address (the limit is never reached).
      rateLimiter.hit(pairKey, Number.MAX_SAFE_INTEGER, HOUR_MS),
    ]);
    if (!byIp.allowed || !byAccount.allowed)
      throw refuse(Math.max(byIp.retryAfterMs, byAccount.retryAfterMs));
    const beyond = byPair.count - LOGIN_LIMITS.freeFailures;
    if (beyond > 0) {
      const delayMs = Math.min(1000 * 2 ** (beyond - 1), LOGIN_LIMITS.maxDelayMs);
      const gate = await rateLimiter.gate(pairKey, delayMs);
      if (!gate.allowed) throw refuse(gate.retryAfterMs);
    }
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
      throw new AppError("UNAUTHORIZED", msg("auth.sessionEnded"));
    }
    const user = await db
      .selectFrom("users")
      .select(USER_COLUMNS)
      .where("id", "=", spent.user_id)
      .executeTakeFirst();
    if (!user) throw new AppError("UNAUTHORIZED", msg("auth.sessionEnded"));
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
      this.endSessions({ userId: user.id });
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
    if (!target) throw badRequest(msg("auth.nothingToVerify", { channel }));
    const decision = await this.deps.rateLimiter.hit(`verify:send:${user.id}`, 5, 60 * 60 * 1000);
    if (!decision.allowed) throw tooManyRequests("Too many codes requested.", decision.retryAfterMs);
    await this.codes.admit(channel, target);
    await this.codes.send(user.id, channel, target);
    return { sentTo: target };
  }

  /**
   * Checks a code. Each try is spent first, in its own statement (a conditional `attempts + 1 … where
   * attempts < 5`), so a wrong code's count is never rolled back with its error and a burst of tries at
   * once gets at most five checked; after five the code is void, the right one included.
   */
  async verify(user: AuthUser, channel: "email" | "phone", code: string): Promise<TPublicUser> {
    const { db } = this.deps;
    const spent = await this.codes.spend(user.id, channel);
    if (!spent) throw badRequest(msg("auth.codeVoid"));
    if (spent.code_hash !== codeHash(user.id, code)) throw badRequest(msg("auth.codeWrong"));
    return db.transaction().execute(async (trx) => {
      if (!(await this.codes.consume(trx, spent.id))) throw badRequest(msg("auth.codeUsedAskNew"));
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
      sessionId: familyId,
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
    this.endSessions({ sessionId: familyId });
  }

  /** Tells whoever listens (the realtime server: it disconnects that session's sockets on every node). */
  private endSessions(ended: EndedSessions) {
    for (const listener of this.sessionsEnded) listener(ended);
  }
}
