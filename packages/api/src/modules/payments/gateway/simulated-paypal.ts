import { createHmac, randomBytes, randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { crc32 } from "node:zlib";
import { type Funding, issue, type Reply, StandInOrders } from "./simulated-paypal-orders.ts";

/**
 * PayPal's REST API (OAuth 2.0 token, Orders v2, captures, refunds, webhook signature verification) and
 * the buyer's approval page, answered as PayPal documents them. Two uses:
 * - the tests' stand-in: `start()` serves it on a local port and the PayPal adapter is tested on the wire
 *   (faults, recorded requests, deliveries to post to /webhooks/paypal);
 * - the embedded default's simulated PayPal (`npm start` without PAYPAL_*): mounted on our own server
 *   under /simulated-paypal (simulated-paypal-routes.ts), its approval page loudly labelled simulated.
 * It checks what is sent: Basic credentials for the token, a live Bearer token on every call, a
 * `PayPal-Request-Id` on every POST that moves money (the first answer is replayed for a repeated id),
 * amounts in the currency's format. Orders and their money live in simulated-paypal-orders.ts.
 */

export interface PayPalRecordedRequest {
  method: string;
  path: string;
  requestId: string | null;
  authorization: string | null;
  body: unknown;
  replayed: boolean;
}

export interface PayPalFault {
  path?: RegExp;
  /** `500`: answer 500 doing nothing; `hang`: never answer; `lost_response`: execute, then drop the connection. */
  kind: "500" | "hang" | "lost_response";
}

/** A webhook delivery PayPal would make: the raw body and the transmission headers it signs it with. */
export interface PayPalDelivery {
  type: string;
  rawBody: string;
  headers: Record<string, string>;
}

const MONEY_POSTS = [/^\/v2\/checkout\/orders$/, /\/capture$/, /\/refund$/];

/** What one request gets: PayPal's answer, an HTML page or a redirect; or, as a fault, nothing at all. */
export type Exchange =
  | { status: number; headers: Record<string, string>; body: string }
  | { fault: "hang" | "lost_response" };

export interface SimulatedPayPalOptions {
  /** `simulated`: the embedded default's (says so on its page); `stand-in`: a test's. */
  label?: "stand-in" | "simulated";
  /** Where it is reached when mounted on our own server: `/simulated-paypal` (links stay relative to the app). */
  baseUrl?: string;
}

export class SimulatedPayPal {
  readonly requests: PayPalRecordedRequest[] = [];
  readonly faults: PayPalFault[] = [];
  readonly deliveries: PayPalDelivery[] = [];
  readonly clientId = `standin-client-${randomBytes(4).toString("hex")}`;
  readonly clientSecret = `standin-secret-${randomBytes(8).toString("hex")}`;
  readonly webhookId = `WH-STANDIN-${randomBytes(4).toString("hex").toUpperCase()}`;
  /** Seconds a token lives; a test shortens it to see the adapter fetch a new one. */
  tokenTtlSeconds = 32_400;
  tokensIssued = 0;
  private readonly tokens = new Map<string, number>();
  private readonly answers = new Map<string, Reply>();
  private readonly signingKey = randomBytes(32);
  private readonly hanging = new Set<ServerResponse>();
  private server: Server | undefined;
  port = 0;
  private readonly label: "stand-in" | "simulated";
  private readonly mountedAt: string | undefined;
  readonly orders = new StandInOrders(
    () => this.baseUrl,
    (type, resource) => this.deliver(type, resource),
  );

  constructor(options: SimulatedPayPalOptions = {}) {
    this.label = options.label ?? "stand-in";
    this.mountedAt = options.baseUrl?.replace(/\/$/, "");
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      void this.handle(req, res);
    });
    await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", resolve));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  async close(): Promise<void> {
    for (const res of this.hanging) res.destroy();
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }

  get baseUrl(): string {
    return this.mountedAt ?? `http://127.0.0.1:${this.port}`;
  }

  /** The buyer approving on PayPal's page (as the page's Approve button does). */
  approve(orderId: string, funding: Funding = "ok") {
    this.orders.approve(orderId, funding);
  }

  /** PayPal invalidating every token it issued (a rotated secret, a token revoked early). */
  revokeTokens() {
    this.tokens.clear();
  }

  capturesFor(orderId: string): number {
    return this.orders.capturesFor(orderId);
  }

  /** Deliveries made since `from`, for tests that post them to our webhook route. */
  deliveriesSince(from: number): PayPalDelivery[] {
    return this.deliveries.slice(from);
  }

  /** Signs as PayPal would (transmission id | time | webhook id | CRC32 of the body); only we can verify it. */
  private sign(id: string, time: string, rawBody: string, webhookId = this.webhookId): string {
    const crc = crc32(Buffer.from(rawBody));
    return createHmac("sha256", this.signingKey).update(`${id}|${time}|${webhookId}|${crc}`).digest("base64");
  }

  private deliver(type: string, resource: unknown) {
    const rawBody = JSON.stringify({
      id: `WH-${randomUUID()}`,
      event_version: "1.0",
      create_time: new Date().toISOString(),
      resource_type: type.startsWith("CHECKOUT")
        ? "checkout-order"
        : type.endsWith("REFUNDED")
          ? "refund"
          : "capture",
      event_type: type,
      summary: type,
      resource,
    });
    const id = randomUUID();
    const time = new Date().toISOString();
    this.deliveries.push({
      type,
      rawBody,
      headers: {
        "paypal-transmission-id": id,
        "paypal-transmission-time": time,
        "paypal-transmission-sig": this.sign(id, time, rawBody),
        "paypal-cert-url": `${this.baseUrl}/v1/notifications/certs/CERT-standin`,
        "paypal-auth-algo": "SHA256withRSA",
      },
    });
  }

  /** A delivery signed now for any body (a test re-dating or forging one). */
  signedHeaders(rawBody: string, time = new Date().toISOString()): Record<string, string> {
    const id = randomUUID();
    return {
      "paypal-transmission-id": id,
      "paypal-transmission-time": time,
      "paypal-transmission-sig": this.sign(id, time, rawBody),
      "paypal-cert-url": `${this.baseUrl}/v1/notifications/certs/CERT-standin`,
      "paypal-auth-algo": "SHA256withRSA",
    };
  }

  private async handle(req: IncomingMessage, res: ServerResponse) {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const answer = this.exchange(
      req.method ?? "GET",
      req.url ?? "/",
      req.headers,
      Buffer.concat(chunks).toString(),
    );
    if ("fault" in answer) {
      if (answer.fault === "hang") this.hanging.add(res);
      else res.destroy();
      return;
    }
    res.writeHead(answer.status, answer.headers);
    res.end(answer.body);
  }

  /** PayPal's API as a `fetch` for the adapter, in process (the embedded default): paths under the base URL. */
  readonly fetch = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const url = String(input);
    const path = url.startsWith(this.baseUrl) ? url.slice(this.baseUrl.length) : new URL(url).pathname;
    const headers = Object.fromEntries(new Headers(init?.headers).entries());
    const answer = this.exchange(
      init?.method ?? "GET",
      path || "/",
      headers,
      typeof init?.body === "string" ? init.body : "",
    );
    if ("fault" in answer) throw new TypeError("fetch failed");
    return new Response(answer.status === 204 ? null : answer.body, {
      status: answer.status,
      headers: answer.headers,
    });
  };

  /** One request, wherever it arrived (`path` relative to the base URL, query included). */
  exchange(
    method: string,
    path: string,
    headers: Record<string, string | string[] | undefined>,
    text: string,
  ): Exchange {
    const url = new URL(path, "http://paypal.local");
    const header = (name: string) => {
      const v = headers[name];
      return typeof v === "string" ? v : null;
    };
    if (url.pathname.startsWith("/checkoutnow")) return this.approvalPage(method, url, text);

    const record: PayPalRecordedRequest = {
      method,
      path: url.pathname,
      requestId: header("paypal-request-id"),
      authorization: header("authorization"),
      body: parseBody(text, header("content-type")),
      replayed: false,
    };
    this.requests.push(record);
    const faultIndex = this.faults.findIndex((f) => !f.path || f.path.test(url.pathname));
    const fault = faultIndex >= 0 ? this.faults.splice(faultIndex, 1)[0] : undefined;
    if (fault?.kind === "hang") return { fault: "hang" };
    if (fault?.kind === "500")
      return json(
        issue(500, "INTERNAL_SERVER_ERROR", "INTERNAL_SERVER_ERROR", "An internal server error occurred."),
      );
    const reply = this.answer(record, text);
    if (fault?.kind === "lost_response") return { fault: "lost_response" };
    return json(reply);
  }

  private answer(record: PayPalRecordedRequest, text: string): Reply {
    if (record.path === "/v1/oauth2/token") return this.token(record);
    const bearer = /^Bearer (.+)$/.exec(record.authorization ?? "")?.[1];
    const expires = bearer ? this.tokens.get(bearer) : undefined;
    if (!expires || expires < Date.now())
      return {
        status: 401,
        body: { error: "invalid_token", error_description: "Token signature verification failed" },
      };
    if (record.method === "POST" && MONEY_POSTS.some((p) => p.test(record.path)) && !record.requestId)
      return issue(
        400,
        "INVALID_REQUEST",
        "MISSING_REQUEST_ID",
        "Stand-in: every POST must carry PayPal-Request-Id.",
      );
    if (record.method === "POST" && record.path === "/v1/notifications/verify-webhook-signature")
      return this.verify(text);
    if (record.method !== "POST" || !record.requestId) return this.route(record);
    const key = `${record.path}|${record.requestId}`;
    const first = this.answers.get(key);
    if (first) {
      record.replayed = true;
      return first;
    }
    const reply = this.route(record);
    this.answers.set(key, reply);
    return reply;
  }

  private route(record: PayPalRecordedRequest): Reply {
    return (
      this.orders.route(record.method, record.path, (record.body ?? {}) as Record<string, unknown>) ??
      issue(404, "RESOURCE_NOT_FOUND", "INVALID_RESOURCE_ID", `No route ${record.method} ${record.path}.`)
    );
  }

  private token(record: PayPalRecordedRequest): Reply {
    const expected = `Basic ${Buffer.from(`${this.clientId}:${this.clientSecret}`).toString("base64")}`;
    if (
      record.authorization !== expected ||
      (record.body as Record<string, string>)?.grant_type !== "client_credentials"
    )
      return {
        status: 401,
        body: { error: "invalid_client", error_description: "Client Authentication failed" },
      };
    const token = `A21AA${randomBytes(24).toString("hex")}`;
    this.tokens.set(token, Date.now() + this.tokenTtlSeconds * 1000);
    this.tokensIssued += 1;
    return {
      status: 200,
      body: {
        scope: "https://uri.paypal.com/services/payments/payment",
        access_token: token,
        token_type: "Bearer",
        app_id: "APP-STANDIN",
        expires_in: this.tokenTtlSeconds,
        nonce: randomUUID(),
      },
    };
  }

  /** `/v1/notifications/verify-webhook-signature`: SUCCESS only for this webhook and the exact event signed. */
  private verify(text: string): Reply {
    const body = JSON.parse(text) as Record<string, unknown>;
    const raw = /"webhook_event":([\s\S]*)\}$/.exec(text)?.[1] ?? "";
    const ok =
      body.webhook_id === this.webhookId &&
      typeof body.transmission_id === "string" &&
      typeof body.transmission_time === "string" &&
      body.transmission_sig === this.sign(body.transmission_id, body.transmission_time, raw);
    return { status: 200, body: { verification_status: ok ? "SUCCESS" : "FAILURE" } };
  }

  /** PayPal's page where the buyer approves (or cancels) and is sent back to the merchant. */
  private approvalPage(method: string, url: URL, text: string): Exchange {
    const token = url.searchParams.get("token") ?? new URLSearchParams(text).get("token") ?? "";
    const order = this.orders.get(token);
    const simulated = this.label === "simulated";
    const title = simulated ? "Simulated PayPal" : "PayPal stand-in";
    if (!order) return html(404, page(title, "<p>This PayPal checkout does not exist.</p>"));
    if (method === "POST") {
      const choice = new URLSearchParams(text).get("choice");
      if (choice === "approve") this.orders.approve(order.id, "ok");
      const target = choice === "approve" ? order.returnUrl : order.cancelUrl;
      if (!target) return html(400, page(title, "<p>The merchant gave no return URL.</p>"));
      const back = new URL(target, "http://relative.local");
      back.searchParams.set("token", order.id);
      if (choice === "approve") back.searchParams.set("PayerID", "STANDINPAYER1");
      const location = target.startsWith("/") ? `${back.pathname}${back.search}` : back.toString();
      return { status: 303, headers: { location }, body: "" };
    }
    const amount = `${order.unit.amount.value} ${order.unit.amount.currency_code}`;
    const warning = simulated
      ? `<p class="warning"><strong>SIMULATED — this is not PayPal.</strong> No PayPal account is used and no money moves. This server has no PAYPAL_CLIENT_ID; see the payments README to use PayPal's sandbox.</p>`
      : `<p class="warning"><strong>Tests only: PayPal stand-in.</strong></p>`;
    return html(
      200,
      page(
        `${title}: approve ${amount}`,
        `${warning}<p>Pay <strong>${escapeHtml(amount)}</strong> to the pizza shop?</p>
<form method="post" action="${escapeHtml(new URL(this.baseUrl, "http://relative.local").pathname.replace(/\/$/, ""))}/checkoutnow"><input type="hidden" name="token" value="${escapeHtml(order.id)}">
<button name="choice" value="approve">Approve</button> <button name="choice" value="cancel">Cancel</button></form>`,
      ),
    );
  }
}

function parseBody(text: string, contentType: string | null): unknown {
  if (!text) return undefined;
  if (contentType?.includes("application/x-www-form-urlencoded"))
    return Object.fromEntries(new URLSearchParams(text));
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function json(reply: Reply): Exchange {
  return {
    status: reply.status,
    headers: { "content-type": "application/json", "paypal-debug-id": randomBytes(6).toString("hex") },
    body: reply.body === undefined ? "" : JSON.stringify(reply.body),
  };
}

function html(status: number, body: string): Exchange {
  return { status, headers: { "content-type": "text/html; charset=utf-8" }, body };
}

/** Plain HTML, no inline style or script: mounted on our server it is under the app's CSP. */
function page(title: string, main: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><link rel="icon" href="data:,"><title>${title}</title></head><body><main><h1>${title}</h1>${main}</main></body></html>`;
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
