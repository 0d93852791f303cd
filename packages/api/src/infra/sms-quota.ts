// The one place SMS quotas are enforced (no SMS pumping): every text passes `SmsQuotaGuard` right before
// it is handed to the provider, whoever sent it (a sign-up code now, a queued receipt later). Limits per
// number (an hour, a day) and per country (an hour for all; a day, stricter for countries the regions do
// not serve), counted with rate-limiter-flexible on Redis when REDIS_URL is set. A refusal is a 429
// AppError that is also permanent: a request that sends a code answers 429 with Retry-After, and the
// delivery queue records a queued message failed with the reason, without retrying it. A queued message's
// retries (after a provider error) are counted once: its id opens a one-day gate the first time.
import { AppError } from "../errors.ts";
import type { Notification, Notifier } from "./notifier.ts";
import { type RateLimiter, tooManyRequests } from "./rate-limiter.ts";
import { smsDestination } from "./sms-number.ts";

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

export interface SmsQuotaLimits {
  perNumberHour: number;
  perNumberDay: number;
  /** Texts to one country per hour, whatever the country (the brake on a fast pumping run). */
  perCountryHour: number;
  /** Texts per day to a country the regions serve (`homeCountries`)… */
  perCountryDay: number;
  /** …and to any other country. */
  perOtherCountryDay: number;
  /** ISO codes of the countries served (SMS_COUNTRIES). */
  homeCountries: readonly string[];
}

/** A refusal that is both a clear 4xx for the person waiting and a permanent failure for the queue. */
function refusal(error: AppError): AppError & { retryable: false } {
  return Object.assign(error, { retryable: false as const });
}

export class SmsQuota {
  constructor(
    private readonly limiter: RateLimiter,
    private readonly limits: SmsQuotaLimits,
  ) {}

  /** Counts one text to `message.to` against every limit, or throws (429 over quota, 400 for a number that takes no texts). */
  async admit(message: Pick<Notification, "to" | "id">): Promise<void> {
    const destination = smsDestination(message.to);
    if ("problem" in destination)
      throw refusal(
        new AppError("BAD_REQUEST", `We cannot send text messages there: ${destination.problem}.`),
      );
    // A retry of a queued message that was admitted before is not counted again.
    if (message.id && !(await this.limiter.gate(`sms:admitted:${message.id}`, DAY_MS)).allowed) return;
    const l = this.limits;
    const home = l.homeCountries.includes(destination.country);
    const checks = [
      { key: `sms:number:h:${destination.e164}`, limit: l.perNumberHour, windowMs: HOUR_MS, on: "number" },
      { key: `sms:number:d:${destination.e164}`, limit: l.perNumberDay, windowMs: DAY_MS, on: "number" },
      {
        key: `sms:country:h:${destination.country}`,
        limit: l.perCountryHour,
        windowMs: HOUR_MS,
        on: "country",
      },
      {
        key: `sms:country:d:${destination.country}`,
        limit: home ? l.perCountryDay : l.perOtherCountryDay,
        windowMs: DAY_MS,
        on: "country",
      },
    ] as const;
    for (const c of checks) {
      const decision = await this.limiter.hit(c.key, c.limit, c.windowMs);
      if (decision.allowed) continue;
      const per = `${c.limit} ${c.windowMs === HOUR_MS ? "an hour" : "a day"}`;
      const sentence =
        c.on === "number"
          ? `Too many text messages were sent to this phone number (at most ${per}).`
          : `We cannot send more text messages to +${destination.callingCode} numbers right now (at most ${per} to ${destination.country}).`;
      throw refusal(
        tooManyRequests(sentence, decision.retryAfterMs, {
          reason: `sms_quota_${c.on}`,
          limit: c.limit,
          window: c.windowMs === HOUR_MS ? "hour" : "day",
          country: destination.country,
        }),
      );
    }
  }
}

/** The SMS channel behind its quota: nothing reaches `inner` (the provider, the dev mailbox, the log) unadmitted. */
export class SmsQuotaGuard implements Notifier {
  constructor(
    readonly inner: Notifier,
    private readonly quota: SmsQuota,
  ) {}

  async send(message: Notification): Promise<void> {
    await this.quota.admit(message);
    await this.inner.send(message);
  }
}
