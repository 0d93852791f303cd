// Text messages through the platform on real PostgreSQL and Redis, against the Twilio stand-in: a queued
// text is retried through the delivery queue while the provider answers 500 and delivered once; a replayed
// event sends nothing twice; a refused text (Twilio 400) and a text over quota fail at once with the reason
// an admin sees; a phone sign-up's code reaches the provider, over quota the sign-up answers 429, and a
// premium-rate number gets a 400.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { failure } from "../../testing/assertions.ts";
import { anAdmin } from "../../testing/builders.ts";
import { createTestPlatform, type TestPlatform } from "../../testing/harness.ts";
import { randomIp } from "../../testing/sign-up.ts";
import { until } from "../../testing/signals.ts";
import { startTwilioStandIn, type TwilioStandIn } from "../../testing/twilio-stand-in.ts";
import { enqueueNotification, type QueuedMessage } from "./delivery-queue.ts";

describe("SMS through the delivery queue on real (PostgreSQL, Redis)", () => {
  let standIn: TwilioStandIn;
  let t: TestPlatform;
  beforeAll(async () => {
    standIn = await startTwilioStandIn();
    t = await createTestPlatform(
      { db: "postgres", redis: true },
      {
        seed: true,
        env: {
          SMS_PROVIDER_URL: standIn.url,
          SMS_ACCOUNT_SID: standIn.accountSid,
          SMS_AUTH_TOKEN: standIn.authToken,
          SMS_FROM: "+14155550100",
          SMS_PER_NUMBER_HOUR: "2",
          NOTIFY_RETRY_BASE_MS: "1",
          NOTIFY_MAX_ATTEMPTS: "5",
        },
      },
    );
  });
  afterAll(async () => {
    await t?.close();
    await standIn?.close();
  });

  let n = 0;
  const text = (to: string, over: Partial<QueuedMessage> = {}): QueuedMessage => ({
    eventId: crypto.randomUUID(),
    kind: "order_receipt",
    channel: "sms",
    recipient: to,
    locale: "en",
    subject: `Order #${++n} confirmed`,
    text: `Pizza: order #${n} confirmed, total $23.45. Pick it up at Downtown.`,
    ...over,
  });
  const row = (eventId: string) =>
    t.platform.db
      .selectFrom("notification_deliveries")
      .select(["status", "attempts", "last_error"])
      .where("event_id", "=", eventId)
      .executeTakeFirstOrThrow();
  /** Sweeps (as every node does on its timer) until the message's row is no longer pending. */
  const settle = (eventId: string) =>
    until(`delivery of ${eventId} settled`, async () => {
      await t.platform.services.notifications.sender.sweep();
      const r = await row(eventId);
      return r.status !== "pending" && r;
    });

  it("retries while the provider answers 500 and delivers the text once; a replayed event sends nothing", async () => {
    const m = text("+4915110000001");
    standIn.fail(2, 500);
    const requestsBefore = standIn.requests();
    expect(await enqueueNotification(t.platform.db, m)).toBe(true);
    expect(await settle(m.eventId)).toEqual({ status: "sent", attempts: 3, last_error: null });
    expect(standIn.requests() - requestsBefore).toBe(3);
    expect(standIn.received.filter((r) => r.to === "+4915110000001")).toEqual([
      expect.objectContaining({ body: m.text, from: "+14155550100", accountSid: standIn.accountSid }),
    ]);
    // The same event again: the queue already has its row, so nothing is queued or sent.
    expect(await enqueueNotification(t.platform.db, m)).toBe(false);
    const marker = text("+4915110000001");
    await enqueueNotification(t.platform.db, marker);
    await settle(marker.eventId);
    expect(standIn.received.filter((r) => r.to === "+4915110000001").map((r) => r.body)).toEqual([
      m.text,
      marker.text,
    ]);
  });

  it("fails a text the provider refuses (400) at the first attempt, and an admin sees why", async () => {
    const m = text("+4915110000002", { text: "x".repeat(1601) });
    await enqueueNotification(t.platform.db, m);
    expect(await settle(m.eventId)).toMatchObject({ status: "failed", attempts: 1 });
    const failed = await t.caller(await anAdmin(t)).notifications.failed();
    expect(failed.find((f) => f.eventId === m.eventId)).toMatchObject({
      channel: "sms",
      recipient: "+4915110000002",
      attempts: 1,
      lastError:
        "not retried: the SMS provider answered 400 (error 21617): The concatenated message body exceeds the 1600 character limit.",
    });
  });

  it("records a text over the number's quota as failed with the reason, without sending it", async () => {
    const [a, b, c] = [text("+4915110000003"), text("+4915110000003"), text("+4915110000003")];
    for (const m of [a, b, c]) await enqueueNotification(t.platform.db, m);
    for (const m of [a, b]) expect(await settle(m.eventId)).toMatchObject({ status: "sent" });
    expect(await settle(c.eventId)).toMatchObject({ status: "failed", attempts: 1 });
    const failed = await t.caller(await anAdmin(t)).notifications.failed();
    expect(failed.find((f) => f.eventId === c.eventId)?.lastError).toMatch(
      /^not retried: Too many text messages were sent to this phone number \(at most 2 an hour\)\./,
    );
    expect(standIn.received.filter((r) => r.to === "+4915110000003")).toHaveLength(2);
  });

  it("sends a phone sign-up's code through the provider, and answers 429 once the number's quota is spent", async () => {
    const phone = "+4915110000004";
    const register = () =>
      t
        .caller(null, randomIp())
        .auth.register({ phone, password: "correct horse battery staple", name: "Pia", locale: "de" });
    await expect(register()).resolves.toMatchObject({ status: "code_sent" });
    // The code is sent within the request: the answer comes after the provider accepted it.
    const got = standIn.received.find((r) => r.to === phone);
    expect(got?.body).toMatch(/^\d{6} ist Ihr Pizza-Code\. Er ist 10 Minuten gültig\.$/);
    await expect(register()).resolves.toMatchObject({ status: "code_sent" });
    const third = await failure(register());
    expect(third).toMatchObject({ code: "TOO_MANY_REQUESTS" });
    expect(third.message).toMatch(
      /^Too many text messages were sent to this phone number \(at most 2 an hour\)\./,
    );
    expect(standIn.received.filter((r) => r.to === phone)).toHaveLength(2);
  });

  it("answers a sign-up with a premium-rate number with a 400 in words, and texts nothing", async () => {
    const requests = standIn.requests();
    const refused = await failure(
      t
        .caller(null, randomIp())
        .auth.register({ phone: "+44 901 234 5678", password: "correct horse battery staple", name: "Pump" }),
    );
    expect(refused).toMatchObject({ code: "BAD_REQUEST" });
    expect(refused.message).toBe(
      "We cannot send text messages there: +449012345678 is a premium-rate number.",
    );
    expect(standIn.requests()).toBe(requests);
  });
});
