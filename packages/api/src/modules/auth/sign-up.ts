// Registration without account enumeration (issue 14, finding 4): "sign up, then confirm the code".
// `register` answers the same for a new and an existing contact, with the password hashed either way:
// a new contact gets an unconfirmed account and a code; the owner of a confirmed account gets a notice
// instead (nothing changes); an account never confirmed has no proven owner, so the new sign-up
// replaces its password and name (no pre-hijacking). Only `confirmSignUp` gives a session.
import type { Database, Kysely } from "@pizza/db";
import { AppError, badRequest } from "../../errors.ts";
import { msg } from "../../i18n/message.ts";
import { type RateLimiter, tooManyRequests } from "../../infra/rate-limiter.ts";
import type {
  TAuthResponse,
  TConfirmSignUp,
  TRegisterRequest,
  TResendSignUpCode,
  TSignUpAnswer,
} from "./auth.schemas.ts";
import { type Channel, CODE_TTL_MS, type Codes, codeHash, maskContact, SIGN_UP_LIMITS } from "./codes.ts";
import { hashPassword, passwordWeakness } from "./passwords.ts";

const HOUR_MS = 60 * 60 * 1000;
const CODE_VOID = "That code has expired or was tried too often; ask for a new one.";

interface Contact {
  channel: Channel;
  column: "email" | "phone";
  target: string;
}

export interface SignUpDeps {
  db: Kysely<Database>;
  rateLimiter: RateLimiter;
  codes: Codes;
  normalizePhone(raw: string, country?: string): string;
  /** Issues the session of a user just confirmed (by id). */
  sessionFor(userId: string): Promise<TAuthResponse>;
}

export class SignUp {
  constructor(private readonly deps: SignUpDeps) {}

  async register(input: TRegisterRequest, ip: string): Promise<TSignUpAnswer> {
    await this.limitIp(
      `signup:ip:${ip}`,
      SIGN_UP_LIMITS.perIpPerHour,
      "Too many sign-ups from this network.",
    );
    const contact = this.contactOf(input);
    const weakness = passwordWeakness(input.password, { email: input.email, name: input.name });
    if (weakness) throw badRequest(weakness, { field: "password" });
    await this.deps.codes.admit(contact.channel, contact.target);
    const passwordHash = await hashPassword(input.password);
    const { db, codes } = this.deps;
    const fields = {
      name: input.name,
      password_hash: passwordHash,
      locale: input.locale ?? null,
      updated_at: new Date(),
    };
    const created = await db
      .insertInto("users")
      .values({ ...fields, [contact.column]: contact.target, role: "customer", confirmed_at: null })
      .onConflict((oc) => oc.doNothing())
      .returning("id")
      .executeTakeFirst();
    // Taken: by a sign-up nobody confirmed (replace it), or by a real account (tell its owner).
    const pending =
      created ??
      (await db
        .updateTable("users")
        .set(fields)
        .where(contact.column, "=", contact.target)
        .where("confirmed_at", "is", null)
        .where("is_guest", "=", false)
        .returning("id")
        .executeTakeFirst());
    if (pending) await codes.send(pending.id, contact.channel, contact.target);
    else await codes.notice(contact.channel, contact.target);
    return answer(contact);
  }

  /** Sends a pending sign-up a new code; answers the same (and sends nothing) for any other contact. */
  async resend(input: TResendSignUpCode, ip: string): Promise<TSignUpAnswer> {
    await this.limitIp(
      `signup:resend:ip:${ip}`,
      SIGN_UP_LIMITS.resendPerIpPerHour,
      "Too many codes requested from this network.",
    );
    const contact = this.contactOf(input);
    await this.deps.codes.admit(contact.channel, contact.target);
    const pending = await this.pendingUser(contact);
    if (pending) await this.deps.codes.send(pending.id, contact.channel, contact.target);
    return answer(contact);
  }

  /** The code sent at sign-up: right → the account is confirmed (and that contact verified) and signed in. */
  async confirm(input: TConfirmSignUp, ip: string): Promise<TAuthResponse> {
    await this.limitIp(
      `signup:confirm:ip:${ip}`,
      SIGN_UP_LIMITS.confirmPerIpPerHour,
      "Too many codes tried from this network.",
    );
    const contact = this.contactOf(input);
    const { db, codes } = this.deps;
    const pending = await this.pendingUser(contact);
    // The try is spent before the code is compared (see Codes.spend); unknown and confirmed contacts
    // answer like a spent code, so this does not tell whether an account exists either.
    const spent = pending ? await codes.spend(pending.id, contact.channel) : undefined;
    if (!pending || !spent || spent.target !== contact.target) throw badRequest(CODE_VOID, { field: "code" });
    if (spent.code_hash !== codeHash(pending.id, input.code))
      throw badRequest(msg("auth.codeWrong"), { field: "code" });
    await db.transaction().execute(async (trx) => {
      const consumed = await codes.consume(trx, spent.id);
      const now = new Date();
      const confirmed =
        consumed &&
        (await trx
          .updateTable("users")
          .set({
            confirmed_at: now,
            ...(contact.channel === "email" ? { email_verified_at: now } : { phone_verified_at: now }),
            updated_at: now,
          })
          .where("id", "=", pending.id)
          .where(contact.column, "=", contact.target)
          .where("confirmed_at", "is", null)
          .returning("id")
          .executeTakeFirst());
      if (!confirmed) throw badRequest(msg("auth.codeUsedSignIn"), { field: "code" });
    });
    return this.deps.sessionFor(pending.id);
  }

  private pendingUser(contact: Contact) {
    return this.deps.db
      .selectFrom("users")
      .select("id")
      .where(contact.column, "=", contact.target)
      .where("confirmed_at", "is", null)
      .where("is_guest", "=", false)
      .executeTakeFirst();
  }

  private contactOf(input: { email?: string; phone?: string; country?: string }): Contact {
    if (input.email !== undefined) return { channel: "email", column: "email", target: input.email };
    if (input.phone === undefined) throw new AppError("BAD_REQUEST", msg("auth.contactRequired"));
    return {
      channel: "phone",
      column: "phone",
      target: this.deps.normalizePhone(input.phone, input.country),
    };
  }

  private async limitIp(key: string, limit: number, message: string) {
    const decision = await this.deps.rateLimiter.hit(key, limit, HOUR_MS);
    if (!decision.allowed) throw tooManyRequests(message, decision.retryAfterMs);
  }
}

function answer(contact: Contact): TSignUpAnswer {
  return {
    status: "code_sent",
    channel: contact.channel,
    sentTo: maskContact(contact.channel, contact.target),
    expiresInSeconds: CODE_TTL_MS / 1000,
  };
}
