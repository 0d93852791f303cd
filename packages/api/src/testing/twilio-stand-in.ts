// A local stand-in for Twilio's Messages API, a real HTTP server on a free port, answering as Twilio's
// documentation says: POST /2010-04-01/Accounts/{AccountSid}/Messages.json with HTTP Basic auth
// (AccountSid:AuthToken) and a form-encoded To (E.164), From or MessagingServiceSid, and Body; 201 with the
// message resource (sid SM…, status "queued"), or the error JSON { code, message, more_info, status }:
// 20003 (401, bad credentials), 21211 (400, invalid To), 21602 (no Body), 21603 (no From), 21604 (no To),
// 21617 (Body over 1600 characters). `fail(n, status)` answers the next n requests with 500 or 429 (an
// outage, a throttle); `waitForCount` resolves when that many messages were accepted.
import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { parsePhoneNumberFromString } from "libphonenumber-js/max";
import { smsSegments } from "../modules/notifications/templates/sms-segments.ts";

export interface StandInMessage {
  sid: string;
  accountSid: string;
  to: string;
  from: string | undefined;
  messagingServiceSid: string | undefined;
  body: string;
}

export interface TwilioStandIn {
  /** http://127.0.0.1:<port>, for SMS_PROVIDER_URL. */
  url: string;
  accountSid: string;
  authToken: string;
  /** Messages accepted (201), in order. */
  received: StandInMessage[];
  /** Every request that reached the Messages endpoint, accepted or not. */
  requests(): number;
  /** The next `n` requests answer `status` (500: an outage, 429: too many requests). */
  fail(n: number, status: 500 | 503 | 429): void;
  waitForCount(n: number, timeoutMs?: number): Promise<StandInMessage[]>;
  close(): Promise<void>;
}

const sid = (prefix: string) => `${prefix}${randomBytes(16).toString("hex")}`;

function twilioError(res: ServerResponse, status: number, code: number, message: string): void {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify({ code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status }));
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

export async function startTwilioStandIn(
  credentials: { accountSid?: string; authToken?: string } = {},
): Promise<TwilioStandIn> {
  const accountSid = credentials.accountSid ?? sid("AC");
  const authToken = credentials.authToken ?? randomBytes(16).toString("hex");
  const received: StandInMessage[] = [];
  const waiters: Array<() => void> = [];
  let requests = 0;
  const failures: number[] = [];
  const expectedAuth = `Basic ${Buffer.from(`${accountSid}:${authToken}`).toString("base64")}`;

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const path = new URL(req.url ?? "/", "http://stand-in").pathname;
    const m = /^\/2010-04-01\/Accounts\/([^/]+)\/Messages\.json$/.exec(path);
    if (!m || req.method !== "POST")
      return twilioError(res, 404, 20404, `The requested resource ${path} was not found`);
    requests++;
    if (req.headers.authorization !== expectedAuth || decodeURIComponent(m[1]!) !== accountSid)
      return twilioError(res, 401, 20003, "Authenticate");
    const failWith = failures.shift();
    if (failWith === 429) return twilioError(res, 429, 20429, "Too Many Requests");
    if (failWith !== undefined)
      return twilioError(res, failWith, 20500, "An internal server error has occurred");
    if (!String(req.headers["content-type"]).startsWith("application/x-www-form-urlencoded"))
      return twilioError(res, 400, 21604, "A 'To' phone number is required.");
    const form = new URLSearchParams(await readBody(req));
    const to = form.get("To");
    const from = form.get("From") ?? undefined;
    const messagingServiceSid = form.get("MessagingServiceSid") ?? undefined;
    const body = form.get("Body") ?? "";
    if (!to) return twilioError(res, 400, 21604, "A 'To' phone number is required.");
    if (!/^\+[1-9]\d{1,14}$/.test(to) || !parsePhoneNumberFromString(to)?.isValid())
      return twilioError(res, 400, 21211, `Invalid 'To' Phone Number: ${to}`);
    if (!from && !messagingServiceSid)
      return twilioError(res, 400, 21603, "A 'From' phone number is required.");
    if (!body) return twilioError(res, 400, 21602, "Message body is required.");
    if (body.length > 1600)
      return twilioError(res, 400, 21617, "The concatenated message body exceeds the 1600 character limit.");
    const message: StandInMessage = { sid: sid("SM"), accountSid, to, from, messagingServiceSid, body };
    received.push(message);
    const now = new Date().toUTCString();
    res.writeHead(201, { "content-type": "application/json" });
    res.end(
      JSON.stringify({
        account_sid: accountSid,
        api_version: "2010-04-01",
        body,
        date_created: now,
        date_sent: null,
        date_updated: now,
        direction: "outbound-api",
        error_code: null,
        error_message: null,
        from: from ?? null,
        messaging_service_sid: messagingServiceSid ?? null,
        num_media: "0",
        num_segments: String(smsSegments(body).segments),
        price: null,
        price_unit: "USD",
        sid: message.sid,
        status: messagingServiceSid ? "accepted" : "queued",
        subresource_uris: { media: `/2010-04-01/Accounts/${accountSid}/Messages/${message.sid}/Media.json` },
        to,
        uri: `/2010-04-01/Accounts/${accountSid}/Messages/${message.sid}.json`,
      }),
    );
    for (const w of waiters.splice(0)) w();
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      twilioError(res, 500, 20500, `stand-in failure: ${String(error)}`);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    accountSid,
    authToken,
    received,
    requests: () => requests,
    fail(n, status) {
      for (let i = 0; i < n; i++) failures.push(status);
    },
    async waitForCount(n, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      while (received.length < n) {
        const left = deadline - Date.now();
        if (left <= 0)
          throw new Error(
            `the Twilio stand-in accepted ${received.length} messages, expected ${n} (${timeoutMs} ms)`,
          );
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, left);
          waiters.push(() => {
            clearTimeout(timer);
            resolve();
          });
        });
      }
      return received;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
