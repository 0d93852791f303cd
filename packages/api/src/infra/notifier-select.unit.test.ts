// Where messages go by configuration: email and SMS to their own adapters through one router; texts to
// Twilio's API when its settings are given (all three or none), to the dev mailbox in development, to the
// log in tests; with real email and no SMS provider a loud warning, never a silent fallback. Every text
// passes the quota guard whatever its adapter.
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../env.ts";
import { captureLog } from "../testing/log-capture.ts";
import { DeliveryError, LogNotifier } from "./notifier.ts";
import { DevMailbox } from "./notifier-dev-mailbox.ts";
import { ChannelRouter, devMailboxOf } from "./notifier-router.ts";
import { selectNotifier } from "./notifier-select.ts";
import { TwilioSmsNotifier } from "./notifier-sms-twilio.ts";
import { SmtpNotifier } from "./notifier-smtp.ts";
import { memoryRateLimiter } from "./rate-limiter.ts";
import { SmsQuotaGuard } from "./sms-quota.ts";

const twilio = {
  SMS_ACCOUNT_SID: `AC${"0".repeat(32)}`,
  SMS_AUTH_TOKEN: "token-0123456789abcdef",
  SMS_FROM: "+14155550100",
};
const production = {
  NODE_ENV: "production",
  DATABASE_URL: "postgres://x/y",
  JWT_SECRET: "x".repeat(32),
  PAYMENTS: "simulated",
};

function select(env: Record<string, string>) {
  const { log, text } = captureLog();
  const router = selectNotifier(loadConfig({ PGLITE_DIR: "memory://", ...env }), log, memoryRateLimiter());
  const sms = router.channels.sms as SmsQuotaGuard;
  return { router, email: router.channels.email, sms, log: text };
}

describe("selectNotifier", () => {
  it("tests: email and texts to the one log notifier (its `sent` is the router's), texts behind the quota", async () => {
    const { router, email, sms } = select({ NODE_ENV: "test" });
    expect(email).toBeInstanceOf(LogNotifier);
    expect(sms).toBeInstanceOf(SmsQuotaGuard);
    expect(sms.inner).toBe(email);
    await router.send({ channel: "sms", to: "+4915112345678", subject: "s", text: "hallo" });
    await router.send({ channel: "email", to: "a@example.com", subject: "s", text: "hello" });
    expect(router.sent.map((m) => m.to)).toEqual(["+4915112345678", "a@example.com"]);
  });

  it("development: texts in the dev mailbox with the email (served at /dev/mail)", () => {
    const { router, email, sms, log } = select({ NODE_ENV: "development" });
    expect(email).toBeInstanceOf(DevMailbox);
    expect(sms.inner).toBe(email);
    expect(devMailboxOf(router)).toBe(email);
    expect(log()).toContain("text messages are kept in the dev mailbox too");
  });

  it("Twilio's settings: texts go to the SMS provider, email where NOTIFIER says", () => {
    const { router, email, sms, log } = select({
      ...production,
      NOTIFIER: "smtp",
      SMTP_URL: "smtp://m:587",
      ...twilio,
    });
    expect(email).toBeInstanceOf(SmtpNotifier);
    expect(sms.inner).toBeInstanceOf(TwilioSmsNotifier);
    expect(devMailboxOf(router)).toBeUndefined();
    expect(log()).toContain(
      "text messages are sent through the SMS provider at api.twilio.com from +14155550100",
    );
    (email as SmtpNotifier).close();
  });

  it("production with real email and no SMS provider says loudly that texts are NOT delivered, and logs no content", async () => {
    const { router, sms, log } = select({ ...production, NOTIFIER: "smtp", SMTP_URL: "smtp://m:587" });
    expect(log()).toMatch(/"level":40.*NO SMS PROVIDER: .*text messages .* are NOT delivered/);
    expect(sms.inner).toBeInstanceOf(LogNotifier);
    await router.send({ channel: "sms", to: "+4915112345678", subject: "s", text: "123456 is your code" });
    expect(log()).not.toContain("123456");
    expect(router.sent).toEqual([]);
    (router.channels.email as SmtpNotifier).close();
  });

  it("refuses some of Twilio's settings without the others, and a malformed one", () => {
    expect(() => loadConfig({ NODE_ENV: "test", SMS_ACCOUNT_SID: twilio.SMS_ACCOUNT_SID })).toThrow(
      ConfigError,
    );
    expect(() => loadConfig({ NODE_ENV: "test", ...twilio, SMS_FROM: undefined })).toThrow(/go together/);
    expect(() => loadConfig({ NODE_ENV: "test", ...twilio, SMS_ACCOUNT_SID: "AC123" })).toThrow(
      /SMS_ACCOUNT_SID must be a Twilio account sid/,
    );
    expect(() => loadConfig({ NODE_ENV: "test", SMS_COUNTRIES: "US;DE" })).toThrow(/SMS_COUNTRIES/);
    expect(loadConfig({ NODE_ENV: "test", SMS_COUNTRIES: "us, gb" }).sms.quota.homeCountries).toEqual([
      "US",
      "GB",
    ]);
  });

  it("a channel nobody configured refuses its messages permanently", async () => {
    const router = new ChannelRouter({});
    const error = await router
      .send({ channel: "sms", to: "+1", subject: "s", text: "t" })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DeliveryError);
    expect(error).toMatchObject({ retryable: false });
  });
});
