// Text messages through Twilio's REST API (or anything that answers like it, such as the tests' stand-in):
// POST {SMS_PROVIDER_URL}/2010-04-01/Accounts/{AccountSid}/Messages.json, form-encoded To, From (or
// MessagingServiceSid when SMS_FROM is an MG… sid) and Body, HTTP Basic auth AccountSid:AuthToken.
// Twilio's JSON errors ({ code, message, status }) become DeliveryErrors: a refused message (400 21211
// invalid number, 21610 unsubscribed…) is permanent; 429, 5xx, a timeout or a network error is retried by
// the delivery queue, and so is 401 (our credentials: fixing them lets the queued messages go).
import type { Notification, Notifier } from "./notifier.ts";
import { DeliveryError } from "./notifier.ts";

export interface TwilioSettings {
  /** https://api.twilio.com (SMS_PROVIDER_URL) */
  baseUrl: string;
  accountSid: string;
  authToken: string;
  /** An E.164 sender number, or a Messaging Service sid (MG…). */
  from: string;
  timeoutMs?: number;
}

/** What Twilio answers when it accepted a message (the fields we use). */
export interface TwilioMessage {
  sid: string;
  status: string;
}

const E164 = /^\+[1-9]\d{1,14}$/;

export class TwilioSmsNotifier implements Notifier {
  private readonly url: string;
  private readonly authorization: string;

  constructor(private readonly settings: TwilioSettings) {
    const base = settings.baseUrl.replace(/\/+$/, "");
    this.url = `${base}/2010-04-01/Accounts/${encodeURIComponent(settings.accountSid)}/Messages.json`;
    this.authorization = `Basic ${Buffer.from(`${settings.accountSid}:${settings.authToken}`).toString("base64")}`;
  }

  async send(message: Notification): Promise<void> {
    await this.sendSms(message);
  }

  /** Sends one text and answers Twilio's message sid and status; throws a DeliveryError otherwise. */
  async sendSms(message: Notification): Promise<TwilioMessage> {
    if (message.channel !== "sms")
      throw new Error(`the SMS notifier sends text messages only, not ${message.channel}`);
    // The shape only: whether the number exists is the provider's answer (21211), from fresher data than ours.
    if (!E164.test(message.to))
      throw new DeliveryError(`"${message.to}" is not a phone number in E.164 form (+14155550100)`, false);
    const form = new URLSearchParams({ To: message.to, Body: message.text });
    form.set(this.settings.from.startsWith("MG") ? "MessagingServiceSid" : "From", this.settings.from);
    let response: Response;
    try {
      response = await fetch(this.url, {
        method: "POST",
        headers: {
          authorization: this.authorization,
          "content-type": "application/x-www-form-urlencoded",
          accept: "application/json",
        },
        body: form.toString(),
        signal: AbortSignal.timeout(this.settings.timeoutMs ?? 15_000),
      });
    } catch (error) {
      throw new DeliveryError(`the SMS provider did not answer: ${describe(error)}`, true);
    }
    const body = (await response.json().catch(() => undefined)) as Record<string, unknown> | undefined;
    if (response.ok && typeof body?.sid === "string")
      return { sid: body.sid, status: typeof body.status === "string" ? body.status : "queued" };
    throw providerError(response.status, body);
  }
}

/** Twilio's error JSON ({ code, message, more_info, status }) as a DeliveryError, permanent or not by status. */
function providerError(status: number, body: Record<string, unknown> | undefined): DeliveryError {
  const code = typeof body?.code === "number" || typeof body?.code === "string" ? body.code : undefined;
  const text = typeof body?.message === "string" ? body.message : "no error message";
  const retryable = status === 401 || status === 408 || status === 429 || status >= 500 || status < 400;
  return new DeliveryError(
    `the SMS provider answered ${status}${code === undefined ? "" : ` (error ${code})`}: ${text}`,
    retryable,
    code,
  );
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as { cause?: unknown }).cause;
    return cause instanceof Error ? `${error.message} (${cause.message})` : error.message;
  }
  return String(error);
}
