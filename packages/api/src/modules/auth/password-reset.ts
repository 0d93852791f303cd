// "Forgot password" (issue 17): a six-digit code (and, by email, a link) sent to the account's email or
// phone; the code or the link sets a new password once, within 15 minutes. The request answers the same
// whether or not an account has that contact, and is counted per IP and per contact (and per SMS country,
// through `Codes.admit`) before anything is looked up. Setting the password revokes every session and
// clears the sign-in throttle of the account, so the same flow unlocks an account that failed sign-ins
// have slowed down.
import type { Database, Kysely, Role } from "@pizza/db";
import type { Logger } from "pino";
import { badRequest } from "../../errors.ts";
import { msg } from "../../i18n/message.ts";
import type { Notifier } from "../../infra/notifier.ts";
import { type RateLimiter, tooManyRequests } from "../../infra/rate-limiter.ts";
import { passwordResetMessage } from "../notifications/templates/password-reset.ts";
import type {
  TAuthResponse,
  TPasswordResetAnswer,
  TRequestPasswordReset,
  TResetPassword,
} from "./auth.schemas.ts";
import { type Channel, type Codes, codeHash, maskContact } from "./codes.ts";
import { passwordWeakness } from "./passwords.ts";
import { normalizePhoneOrRaw } from "./phone.ts";
import {
  createSecret,
  RESET_TTL_MS,
  secretByToken,
  spendResetCode,
  useSecretAndSetPassword,
} from "./reset-secrets.ts";

const HOUR_MS = 60 * 60 * 1000;
export const RESET_LIMITS = { requestsPerIpPerHour: 20, completePerIpPerHour: 60 };
const CODE_VOID = msg("auth.codeVoid");
const LINK_VOID = msg("auth.resetLinkVoid");

export interface PasswordResetDeps {
  db: Kysely<Database>;
  rateLimiter: RateLimiter;
  notifier: Notifier;
  codes: Codes;
  normalizePhone(raw: string, country?: string): string;
  /** Where the apps are served (PUBLIC_URL); without it the message has the code only. */
  publicUrl: string | undefined;
  log?: Logger | undefined;
  sessionFor(userId: string): Promise<TAuthResponse>;
  /** Every session of the account was revoked (the realtime server drops its sockets). */
  sessionsEnded(userId: string): void;
}

/** The set-new-password screen of the app the account uses; the token in the fragment stays out of logs. */
export function resetLink(publicUrl: string, role: Role, token: string): string {
  const app = role === "driver" ? "/driver/" : role === "customer" ? "/reset-password" : "/store/";
  return `${publicUrl.replace(/\/$/, "")}${app}#reset=${token}`;
}

export class PasswordResets {
  constructor(private readonly deps: PasswordResetDeps) {}

  async request(input: TRequestPasswordReset, ip: string): Promise<TPasswordResetAnswer> {
    await this.limitIp(
      `reset:ip:${ip}`,
      RESET_LIMITS.requestsPerIpPerHour,
      "Too many password resets from this network.",
    );
    const channel: Channel = input.email !== undefined ? "email" : "phone";
    const target = input.email ?? this.deps.normalizePhone(input.phone!, input.country);
    // Counted for every contact typed, known or not, so a 429 says nothing about an account either.
    await this.deps.codes.admit(channel, target);
    const user = await this.deps.db
      .selectFrom("users")
      .select(["id", "role", "locale"])
      .where(channel, "=", target)
      .where("is_guest", "=", false)
      .executeTakeFirst();
    // Sent in the background: an unknown contact answers as fast as a known one.
    if (user) void this.send({ ...user, channel, target });
    return {
      status: "sent",
      channel,
      sentTo: maskContact(channel, target),
      expiresInSeconds: RESET_TTL_MS / 1000,
    };
  }

  /** Sets the new password with the link's token or the contact's code; answers a new session. */
  async complete(input: TResetPassword, ip: string): Promise<TAuthResponse> {
    await this.limitIp(
      `reset:complete:ip:${ip}`,
      RESET_LIMITS.completePerIpPerHour,
      "Too many codes tried from this network.",
    );
    const secret = input.token !== undefined ? await this.byToken(input.token) : await this.byCode(input);
    const user = await this.deps.db
      .selectFrom("users")
      .select(["id", "email", "phone", "name"])
      .where("id", "=", secret.user_id)
      .executeTakeFirstOrThrow();
    const weakness = passwordWeakness(input.password, { email: user.email ?? undefined, name: user.name });
    if (weakness) throw badRequest(weakness, { field: "password" });
    const done = await useSecretAndSetPassword(this.deps.db, {
      secretId: secret.id,
      userId: user.id,
      channel: secret.channel,
      target: secret.target,
      password: input.password,
    });
    if (!done) throw badRequest(input.token !== undefined ? LINK_VOID : CODE_VOID, { field: "code" });
    this.deps.sessionsEnded(user.id);
    await this.clearSignInThrottle([user.email, user.phone], ip);
    return this.deps.sessionFor(user.id);
  }

  private async byToken(token: string) {
    const secret = await secretByToken(this.deps.db, "reset", token);
    if (!secret) throw badRequest(LINK_VOID, { field: "token" });
    return secret;
  }

  private async byCode(input: TResetPassword) {
    const channel: Channel = input.email !== undefined ? "email" : "phone";
    const target = input.email ?? normalizePhoneOrRaw(input.phone!, input.country);
    const user = await this.deps.db
      .selectFrom("users")
      .select("id")
      .where(channel, "=", target)
      .where("is_guest", "=", false)
      .executeTakeFirst();
    // Unknown contacts answer like a spent code: this does not tell whether an account exists.
    const spent = user ? await spendResetCode(this.deps.db, user.id) : undefined;
    if (!user || !spent || spent.target !== target) throw badRequest(CODE_VOID, { field: "code" });
    if (spent.code_hash !== codeHash(user.id, input.code!))
      throw badRequest(msg("auth.codeWrong"), { field: "code" });
    return spent;
  }

  private async send(user: {
    id: string;
    role: Role;
    locale: string | null;
    channel: Channel;
    target: string;
  }) {
    const { db, notifier, publicUrl } = this.deps;
    try {
      const secret = await createSecret(db, { userId: user.id, purpose: "reset", ...user });
      const message = passwordResetMessage({
        locale: user.locale,
        code: secret.code!,
        minutes: RESET_TTL_MS / 60_000,
        link:
          publicUrl && user.channel === "email" ? resetLink(publicUrl, user.role, secret.token) : undefined,
      });
      await notifier.send({
        channel: user.channel === "email" ? "email" : "sms",
        kind: "password_reset",
        to: user.target,
        ...(user.locale ? { locale: user.locale } : {}),
        subject: message.subject,
        // A text message is the short text alone (one segment), with no HTML part.
        ...(user.channel === "email" ? { text: message.text, html: message.html } : { text: message.sms }),
      });
    } catch (error) {
      this.deps.log?.error({ err: error }, "the password reset message could not be sent");
    }
  }

  /** Forgets the failed sign-ins of the account's identifiers: per account, and from this network. */
  private async clearSignInThrottle(identifiers: (string | null)[], ip: string) {
    const { rateLimiter } = this.deps;
    const keys = identifiers
      .filter((id): id is string => id !== null)
      .flatMap((id) => [`login:acct:${id}`, `login:pair:${id}:${ip}`, `gate:login:pair:${id}:${ip}`]);
    await Promise.all(keys.map((key) => rateLimiter.reset(key)));
  }

  private async limitIp(key: string, limit: number, message: string) {
    const decision = await this.deps.rateLimiter.hit(key, limit, HOUR_MS);
    if (!decision.allowed) throw tooManyRequests(message, decision.retryAfterMs);
  }
}
