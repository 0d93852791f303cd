import { createHmac, randomBytes, randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { crc32 } from "node:zlib";
import { type Funding, issue, type Reply, StandInOrders } from "./paypal-stand-in-orders.ts";

/**
 * A local HTTP server that answers like PayPal's REST API (OAuth 2.0 token, Orders v2, captures,
 * refunds, webhook signature verification) and shows the buyer's approval page, so the PayPal adapter is
 * tested on the wire with no call leaving the machine. It checks what is sent: Basic credentials for the
 * token, a live Bearer token on every call, a `PayPal-Request-Id` on every POST that moves money (the
 * first answer is replayed for a repeated id, as PayPal documents), amounts in the currency's format.
 * Orders and their money live in paypal-stand-in-orders.ts.
 */

export interface PayPalRecordedRequest {
  method: string;
  path: string;
  requestId: string | null;
  authorization: string | null;
  body: unknown;
  replayed: boolean;
}

export interface PayPalStandInFault {
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

export class PayPalStandIn {
  readonly requests: PayPalRecordedRequest[] = [];
  readonly faults: PayPalStandInFault[] = [];
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
  readonly orders = new StandInOrders(
    () => this.baseUrl,
    (type, resource) => this.deliver(type, resource),
  );

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
    return `http://127.0.0.1:${this.port}`;
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
    const text = Buffer.concat(chunks).toString();
    const url = new URL(req.url ?? "/", this.baseUrl);
    const header = (name: string) => {
      const v = req.headers[name];
      return typeof v === "string" ? v : null;
    };
    const method = req.method ?? "GET";
    if (url.pathname.startsWith("/checkoutnow")) return this.approvalPage(method, url, text, res);

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
    if (fault?.kind === "hang") {
      this.hanging.add(res);
      return;
    }
    if (fault?.kind === "500")
      return send(
        res,
        issue(500, "INTERNAL_SERVER_ERROR", "INTERNAL_SERVER_ERROR", "An internal server error occurred."),
      );
    const reply = this.answer(record, text);
    if (fault?.kind === "lost_response") {
      res.destroy();
      return;
    }
    send(res, reply);
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
  private approvalPage(method: string, url: URL, text: string, res: ServerResponse) {
    const token = url.searchParams.get("token") ?? new URLSearchParams(text).get("token") ?? "";
    const order = this.orders.get(token);
    if (!order)
      return sendHtml(res, 404, page("Order not found", "<p>This PayPal checkout does not exist.</p>"));
    if (method === "POST") {
      const choice = new URLSearchParams(text).get("choice");
      if (choice === "approve") this.orders.approve(order.id, "ok");
      const target = choice === "approve" ? order.returnUrl : order.cancelUrl;
      if (!target)
        return sendHtml(res, 400, page("No return URL", "<p>The merchant gave no return URL.</p>"));
      const back = new URL(target);
      back.searchParams.set("token", order.id);
      if (choice === "approve") back.searchParams.set("PayerID", "STANDINPAYER1");
      res.writeHead(303, { location: back.toString() });
      res.end();
      return;
    }
    const amount = `${order.unit.amount.value} ${order.unit.amount.currency_code}`;
    sendHtml(
      res,
      200,
      page(
        "Pay with PayPal",
        `<p>PayPal stand-in (tests only). Pay <strong>${escapeHtml(amount)}</strong> to the pizza shop?</p>
<form method="post" action="/checkoutnow"><input type="hidden" name="token" value="${escapeHtml(order.id)}">
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

function send(res: ServerResponse, reply: Reply) {
  res.writeHead(reply.status, {
    "content-type": "application/json",
    "paypal-debug-id": randomBytes(6).toString("hex"),
  });
  res.end(reply.body === undefined ? "" : JSON.stringify(reply.body));
}

function sendHtml(res: ServerResponse, status: number, html: string) {
  res.writeHead(status, { "content-type": "text/html; charset=utf-8" });
  res.end(html);
}

function page(title: string, main: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title}</title>
<style>body{font:18px system-ui;margin:0;padding:1rem;background:#f5f7fa;color:#111}main{max-width:28rem;margin:auto;background:#fff;padding:1.5rem;border-radius:8px}
button{font:inherit;padding:.75rem 1.5rem;margin:.25rem;border-radius:24px;border:1px solid #003087}button[value=approve]{background:#003087;color:#fff}</style>
</head><body><main><h1>${title}</h1>${main}</main></body></html>`;
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
