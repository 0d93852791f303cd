// The SMS adapter against the Twilio stand-in (a real HTTP server answering as Twilio documents): what is
// sent and with which credentials, and which failures are permanent (no retry) or retryable.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTwilioStandIn, type TwilioStandIn } from "../testing/twilio-stand-in.ts";
import { DeliveryError, isPermanentFailure, type Notification } from "./notifier.ts";
import { TwilioSmsNotifier } from "./notifier-sms-twilio.ts";

const FROM = "+14155550100";
const sms = (over: Partial<Notification> = {}): Notification => ({
  channel: "sms",
  kind: "verification_code",
  to: "+4915112345678",
  subject: "Ihr Bestätigungscode",
  text: "012345 ist Ihr Pizza-Code. Er ist 10 Minuten gültig.",
  ...over,
});

async function refusal(p: Promise<unknown>): Promise<DeliveryError> {
  const error = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DeliveryError);
  return error as DeliveryError;
}

describe("TwilioSmsNotifier against the Twilio stand-in", () => {
  let standIn: TwilioStandIn;
  let notifier: TwilioSmsNotifier;
  beforeAll(async () => {
    standIn = await startTwilioStandIn();
    notifier = new TwilioSmsNotifier({
      baseUrl: standIn.url,
      accountSid: standIn.accountSid,
      authToken: standIn.authToken,
      from: FROM,
    });
  });
  afterAll(async () => {
    await standIn?.close();
  });

  it("posts To, From and Body with the account's Basic auth, and answers Twilio's sid and status", async () => {
    const before = standIn.received.length;
    const answer = await notifier.sendSms(sms());
    expect(answer).toEqual({ sid: expect.stringMatching(/^SM[0-9a-f]{32}$/), status: "queued" });
    const [got] = standIn.received.slice(before);
    expect(got).toEqual({
      sid: answer.sid,
      accountSid: standIn.accountSid,
      to: "+4915112345678",
      from: FROM,
      messagingServiceSid: undefined,
      body: "012345 ist Ihr Pizza-Code. Er ist 10 Minuten gültig.",
    });
  });

  it("sends from a Messaging Service when SMS_FROM is an MG sid", async () => {
    const service = new TwilioSmsNotifier({
      baseUrl: `${standIn.url}/`,
      accountSid: standIn.accountSid,
      authToken: standIn.authToken,
      from: `MG${"a".repeat(32)}`,
    });
    const answer = await service.sendSms(sms({ text: "Pizza: ご注文#42を配達中です。" }));
    expect(answer.status).toBe("accepted");
    expect(standIn.received.at(-1)).toMatchObject({
      from: undefined,
      messagingServiceSid: `MG${"a".repeat(32)}`,
      body: "Pizza: ご注文#42を配達中です。",
    });
  });

  it("is refused with 401 (retryable: fixing the credentials lets queued messages go) on a wrong token", async () => {
    const wrong = new TwilioSmsNotifier({
      baseUrl: standIn.url,
      accountSid: standIn.accountSid,
      authToken: "not-the-token-0123456789",
      from: FROM,
    });
    const before = standIn.received.length;
    const error = await refusal(wrong.send(sms()));
    expect(error.message).toBe("the SMS provider answered 401 (error 20003): Authenticate");
    expect(error).toMatchObject({ retryable: true, providerCode: 20003 });
    expect(isPermanentFailure(error)).toBe(false);
    expect(standIn.received.length).toBe(before);
  });

  it("treats Twilio's 400s as permanent: an invalid number (21211), a body over 1600 characters (21617)", async () => {
    const invalid = await refusal(notifier.send(sms({ to: "+10000000000" })));
    expect(invalid).toMatchObject({ retryable: false, providerCode: 21211 });
    expect(invalid.message).toBe(
      "the SMS provider answered 400 (error 21211): Invalid 'To' Phone Number: +10000000000",
    );
    const long = await refusal(notifier.send(sms({ text: "x".repeat(1601) })));
    expect(long).toMatchObject({ retryable: false, providerCode: 21617 });
    expect(isPermanentFailure(long)).toBe(true);
  });

  it("refuses a number that is not E.164 before asking the provider, permanently", async () => {
    const before = standIn.requests();
    const error = await refusal(notifier.send(sms({ to: "0151 12345678" })));
    expect(error.retryable).toBe(false);
    expect(error.message).toContain("is not a phone number in E.164 form");
    expect(standIn.requests()).toBe(before);
  });

  it("treats 500, 429 and an unreachable provider as retryable", async () => {
    standIn.fail(1, 500);
    standIn.fail(1, 429);
    const outage = await refusal(notifier.send(sms()));
    expect(outage).toMatchObject({ retryable: true, providerCode: 20500 });
    const throttled = await refusal(notifier.send(sms()));
    expect(throttled).toMatchObject({ retryable: true, providerCode: 20429 });
    expect(throttled.message).toBe("the SMS provider answered 429 (error 20429): Too Many Requests");
    // The stand-in answers again after its two failures.
    await expect(notifier.sendSms(sms())).resolves.toMatchObject({ status: "queued" });

    const closed = await startTwilioStandIn();
    await closed.close();
    const down = new TwilioSmsNotifier({
      baseUrl: closed.url,
      accountSid: closed.accountSid,
      authToken: closed.authToken,
      from: FROM,
      timeoutMs: 2000,
    });
    const network = await refusal(down.send(sms()));
    expect(network.retryable).toBe(true);
    expect(network.message).toMatch(/^the SMS provider did not answer: /);
  });

  it("sends text messages only", async () => {
    await expect(notifier.send(sms({ channel: "email" }))).rejects.toThrow(/text messages only/);
  });
});
