// One-time codes sent by email or SMS (sign-up confirmation, verification of a contact), and the quota on
// asking for them per email address / phone number. Texts are also counted per number and per country (a
// pumping attack rotates numbers within one premium range) by the SMS quota every text passes before it
// reaches the provider (infra/sms-quota.ts): over it, the request answers 429 from the send.
import { createHash, randomInt } from "node:crypto";
import { type Database, type Kysely, sql, type Transaction } from "@pizza/db";
import { parsePhoneNumberFromString } from "libphonenumber-js/max";
import type { Notifier } from "../../infra/notifier.ts";
import { type RateLimiter, tooManyRequests } from "../../infra/rate-limiter.ts";
import { verificationCodeMessage } from "../notifications/templates/verification-code.ts";
import { signUpNoticeSms, verificationCodeSms } from "../notifications/templates/verification-code-sms.ts";

const HOUR_MS = 60 * 60 * 1000;

/**
 * Sign-up and code limits (per hour). Sized for a chain: a household or office behind one address
 * signs up a few people, a carrier-grade NAT a few more, never 20 in an hour; a person asks for a code
 * at sign-up and twice more at most. Per-country SMS caps are the SMS quota's (SMS_PER_COUNTRY_*).
 */
export const SIGN_UP_LIMITS = {
  perIpPerHour: 20,
  resendPerIpPerHour: 20,
  confirmPerIpPerHour: 60,
  codesPerContactPerHour: 3,
};
export const CODE_TTL_MS = 10 * 60 * 1000;
export const CODE_MAX_ATTEMPTS = 5;

export type Channel = "email" | "phone";

export interface CodeDeps {
  db: Kysely<Database>;
  rateLimiter: RateLimiter;
  notifier: Notifier;
}

export function codeHash(userId: string, code: string) {
  return createHash("sha256").update(`${userId}:${code}`).digest("hex");
}

/** How an answer names where a code went without saying more than the asker typed: j•••@example.com, +1 ••• ••• ••87. */
export function maskContact(channel: Channel, target: string): string {
  if (channel === "email") {
    const at = target.lastIndexOf("@");
    return `${target.slice(0, 1)}•••${target.slice(at)}`;
  }
  const parsed = parsePhoneNumberFromString(target);
  return `+${parsed?.countryCallingCode ?? "?"} ••• ••• ••${target.slice(-2)}`;
}

export class Codes {
  constructor(private readonly deps: CodeDeps) {}

  /** Counts one code to `target` (an email address or number) before anything is sent or looked up; 429 when refused. */
  async admit(channel: Channel, target: string): Promise<void> {
    const { rateLimiter } = this.deps;
    const byContact = await rateLimiter.hit(
      `code:to:${target}`,
      SIGN_UP_LIMITS.codesPerContactPerHour,
      HOUR_MS,
    );
    if (!byContact.allowed)
      throw tooManyRequests(
        `Too many codes were sent to this ${channel === "email" ? "email address" : "phone number"}.`,
        byContact.retryAfterMs,
      );
  }

  /** A new code for `userId`'s `channel`, kept as a hash, sent to `target`. The newest code is the only one tried. */
  async send(userId: string, channel: Channel, target: string): Promise<void> {
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
    // Written in the account's language (en, de, ja; English when it has none).
    const user = await this.deps.db
      .selectFrom("users")
      .select("locale")
      .where("id", "=", userId)
      .executeTakeFirst();
    const words = { locale: user?.locale, code, minutes: CODE_TTL_MS / 60_000 };
    const { subject, text, html } =
      channel === "email" ? verificationCodeMessage(words) : { ...verificationCodeSms(words), html: "" };
    await this.deps.notifier.send({
      channel: channel === "email" ? "email" : "sms",
      kind: "verification_code",
      to: target,
      ...(user?.locale ? { locale: user.locale } : {}),
      subject,
      text,
      // A text message has no HTML part.
      ...(channel === "email" ? { html } : {}),
    });
  }

  /** Tells the owner of an existing account that someone tried to sign up with its address (no code, nothing changes). */
  async notice(channel: Channel, target: string): Promise<void> {
    if (channel === "phone") {
      // A text costs per segment: the short form (infra's SMS quota counts it like a code).
      await this.deps.notifier.send({ channel: "sms", to: target, ...signUpNoticeSms({ locale: null }) });
      return;
    }
    await this.deps.notifier.send({
      channel: "email",
      to: target,
      subject: "Someone tried to create an account with your address",
      text: "Someone tried to create a Pizza account with this email address, which already has one. If it was you, just sign in. If not, you can ignore this message: nothing was changed.",
    });
  }

  /**
   * Spends one try of the newest live code for `userId`'s `channel`, in its own conditional statement
   * (`attempts + 1 … where attempts < 5`) before the code is compared: a wrong code's try is never rolled
   * back with its error, and a burst gets at most five compared. Undefined when no code can be tried.
   */
  /** Marks a spent code used, once (in the caller's transaction); false when another request used it first. */
  async consume(trx: Transaction<Database>, codeId: string): Promise<boolean> {
    const consumed = await trx
      .updateTable("verification_codes")
      .set({ consumed_at: new Date() })
      .where("id", "=", codeId)
      .where("consumed_at", "is", null)
      .returning("id")
      .executeTakeFirst();
    return consumed !== undefined;
  }

  async spend(userId: string, channel: Channel) {
    const { db } = this.deps;
    return db
      .updateTable("verification_codes")
      .set({ attempts: sql`attempts + 1` })
      .where(
        "id",
        "=",
        db
          .selectFrom("verification_codes")
          .select("id")
          .where("user_id", "=", userId)
          .where("channel", "=", channel)
          .where("consumed_at", "is", null)
          .where("expires_at", ">", new Date())
          .orderBy("created_at", "desc")
          .limit(1),
      )
      .where("attempts", "<", CODE_MAX_ATTEMPTS)
      .returning(["id", "code_hash", "target"])
      .executeTakeFirst();
  }
}
