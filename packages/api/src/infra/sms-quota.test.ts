// The SMS quotas on real Redis (shared by every node) and in process: per number (an hour, a day), per
// country (an hour; a day, stricter outside the countries served), a queued message's retry counted once,
// premium-rate numbers refused, and the guard keeping a refused text from the provider.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppError } from "../errors.ts";
import { createTestRedis } from "../testing/harness.ts";
import { isPermanentFailure, type Notification, type Notifier } from "./notifier.ts";
import { memoryRateLimiter, type RateLimiter, redisRateLimiter } from "./rate-limiter.ts";
import { SmsQuota, SmsQuotaGuard, type SmsQuotaLimits } from "./sms-quota.ts";

const limits: SmsQuotaLimits = {
  perNumberHour: 3,
  perNumberDay: 5,
  perCountryHour: 100,
  perCountryDay: 8,
  perOtherCountryDay: 2,
  homeCountries: ["DE", "US"],
};

async function outcome(p: Promise<void>): Promise<string> {
  return p.then(
    () => "sent",
    (e: AppError) => `${e.code}: ${e.message}`,
  );
}

const stores: Array<{ name: string; make(): Promise<{ limiter: RateLimiter; close(): Promise<void> }> }> = [
  {
    name: "Redis",
    async make() {
      const r = await createTestRedis();
      return { limiter: redisRateLimiter(r.redis), close: r.cleanup };
    },
  },
  { name: "memory", make: async () => ({ limiter: memoryRateLimiter(), close: async () => {} }) },
];

describe.each(stores)("SMS quotas on $name", (store) => {
  let limiter: RateLimiter;
  let close: () => Promise<void>;
  beforeAll(async () => {
    ({ limiter, close } = await store.make());
  });
  afterAll(async () => {
    await close?.();
  });

  it("stops the fourth text to one number within the hour, with a 429 that the queue does not retry", async () => {
    const quota = new SmsQuota(limiter, limits);
    const results = [];
    for (let i = 0; i < 4; i++) results.push(await outcome(quota.admit({ to: "+4915111111111" })));
    expect(results.slice(0, 3)).toEqual(["sent", "sent", "sent"]);
    expect(results[3]).toMatch(
      /^TOO_MANY_REQUESTS: Too many text messages were sent to this phone number \(at most 3 an hour\)\. Please try again in (59|60) minutes\.$/,
    );
    const error = await quota.admit({ to: "+4915111111111" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(isPermanentFailure(error)).toBe(true);
    expect((error as AppError).details).toMatchObject({ reason: "sms_quota_number", window: "hour" });
    // Another number is not affected.
    expect(await outcome(quota.admit({ to: "+4915122222222" }))).toBe("sent");
  });

  it("stops a number at its daily cap even when each hour is within its own", async () => {
    const quota = new SmsQuota(limiter, { ...limits, perNumberHour: 100, homeCountries: ["FR"] });
    const results = [];
    for (let i = 0; i < 6; i++) results.push(await outcome(quota.admit({ to: "+33612345678" })));
    expect(results.filter((r) => r === "sent")).toHaveLength(5);
    expect(results[5]).toMatch(/at most 5 a day/);
  });

  it("caps a country served at its daily limit and any other country at the stricter one", async () => {
    const quota = new SmsQuota(limiter, limits);
    // Great Britain is not served: 2 a day, whatever the numbers (a pumping run rotates them).
    const gb = [];
    for (const n of ["+447400000001", "+447400000002", "+447400000003"])
      gb.push(await outcome(quota.admit({ to: n })));
    expect(gb.slice(0, 2)).toEqual(["sent", "sent"]);
    expect(gb[2]).toMatch(
      /^TOO_MANY_REQUESTS: We cannot send more text messages to \+44 numbers right now \(at most 2 a day to GB\)\./,
    );
    // The United States is served: 8 a day (the +1 numbers of the Caribbean count as their own countries).
    const us = [];
    for (let i = 0; i < 9; i++) us.push(await outcome(quota.admit({ to: `+1718555${String(1000 + i)}` })));
    expect(us.filter((r) => r === "sent")).toHaveLength(8);
    expect(us[8]).toMatch(/at most 8 a day to US/);
    expect(await outcome(quota.admit({ to: "+18762345678" }))).toBe("sent"); // Jamaica
  });

  it("caps a country per hour too", async () => {
    const quota = new SmsQuota(limiter, {
      ...limits,
      perCountryHour: 2,
      perCountryDay: 100,
      homeCountries: ["JP"],
    });
    const jp = [];
    for (const n of ["+819012345671", "+819012345672", "+819012345673"])
      jp.push(await outcome(quota.admit({ to: n })));
    expect(jp[2]).toMatch(/\+81 numbers right now \(at most 2 an hour to JP\)/);
  });

  it("counts a queued message once however often it is retried", async () => {
    const quota = new SmsQuota(limiter, limits);
    const id = crypto.randomUUID();
    for (let i = 0; i < 5; i++) expect(await outcome(quota.admit({ to: "+4915133333333", id }))).toBe("sent");
    expect(await outcome(quota.admit({ to: "+4915133333333" }))).toBe("sent");
    expect(await outcome(quota.admit({ to: "+4915133333333" }))).toBe("sent");
    expect(await outcome(quota.admit({ to: "+4915133333333" }))).toMatch(/^TOO_MANY_REQUESTS/);
  });

  it("refuses premium-rate and invalid numbers with a 400 that is not retried", async () => {
    const quota = new SmsQuota(limiter, limits);
    expect(await outcome(quota.admit({ to: "+449012345678" }))).toBe(
      "BAD_REQUEST: We cannot send text messages there: +449012345678 is a premium-rate number.",
    );
    expect(await outcome(quota.admit({ to: "+10000000000" }))).toMatch(
      /^BAD_REQUEST: .*not a valid phone number/,
    );
    expect(isPermanentFailure(await quota.admit({ to: "12345" }).catch((e: unknown) => e))).toBe(true);
  });

  it("keeps a refused text from the adapter behind the guard", async () => {
    const handed: Notification[] = [];
    const inner: Notifier = { send: async (m) => void handed.push(m) };
    const guard = new SmsQuotaGuard(inner, new SmsQuota(limiter, { ...limits, perNumberHour: 1 }));
    const text: Notification = { channel: "sms", to: "+4915144444444", subject: "s", text: "hello" };
    await guard.send(text);
    await expect(guard.send(text)).rejects.toMatchObject({ code: "TOO_MANY_REQUESTS" });
    expect(handed).toHaveLength(1);
  });
});
