import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { StandInCustomers } from "./stripe-stand-in-customers.ts";
import { StandInIntents } from "./stripe-stand-in-intents.ts";
import type { Reply } from "./stripe-stand-in-replies.ts";
import { StandInWebhooks } from "./stripe-stand-in-webhooks.ts";

/**
 * A local HTTP server that answers like Stripe's API for the calls the payments module makes, so the
 * real `stripe` SDK can be tested with `host`, `port` and `protocol: "http"` and no call leaves the
 * machine. It records what the SDK sends (Idempotency-Key header, form body) and honours idempotency
 * keys as Stripe does: the first answer for a key is replayed, a key reused with other parameters is
 * refused, a key whose first request is still running gets a 409. What it answers lives beside it:
 * PaymentIntents and refunds (stripe-stand-in-intents.ts), Customers and saved cards
 * (stripe-stand-in-customers.ts), the events Stripe would send (stripe-stand-in-webhooks.ts).
 */

export interface RecordedRequest {
  method: string;
  path: string;
  idempotencyKey: string | null;
  authorization: string | null;
  body: Record<string, unknown>;
  replayed: boolean;
}

export interface StandInFault {
  /** Matches the request path (`/v1/payment_intents/pi_x/confirm`…); any path when omitted. */
  path?: RegExp;
  /** `500`: answer 500 without doing anything; `hang`: never answer; `lost_response`: execute, then drop the connection. */
  kind: "500" | "hang" | "lost_response";
}

/** Parses Stripe's form encoding (`metadata[order_id]=…&expand[0]=…`) into nested objects and arrays. */
export function parseStripeForm(text: string): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(text)) {
    const parts = key.split(/\[|\]\[|\]/).filter((p) => p !== "");
    let node: Record<string, unknown> = root;
    parts.forEach((part, i) => {
      if (i === parts.length - 1) node[part] = value;
      else {
        node[part] ??= {};
        node = node[part] as Record<string, unknown>;
      }
    });
  }
  const arrays = (v: unknown): unknown => {
    if (v === null || typeof v !== "object") return v;
    const o = v as Record<string, unknown>;
    const keys = Object.keys(o);
    if (keys.length > 0 && keys.every((k) => /^\d+$/.test(k)))
      return keys.sort((a, b) => +a - +b).map((k) => arrays(o[k]));
    return Object.fromEntries(keys.map((k) => [k, arrays(o[k])]));
  };
  return arrays(root) as Record<string, unknown>;
}

export class StripeStandIn {
  readonly requests: RecordedRequest[] = [];
  readonly faults: StandInFault[] = [];
  private readonly webhooks = new StandInWebhooks();
  /** Events Stripe would have sent (Stripe's JSON); tests sign and deliver them. */
  readonly events = this.webhooks.events;
  /** Customers and their saved cards (stripe-stand-in-customers.ts). */
  readonly customers = new StandInCustomers();
  private readonly intents = new StandInIntents(this.customers, this.webhooks);
  private readonly idempotency = new Map<string, { fingerprint: string; reply: Reply }>();
  private readonly inFlight = new Set<string>();
  private readonly hanging = new Set<ServerResponse>();
  private server: Server | undefined;
  port = 0;

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

  /** SDK options that point the real `stripe` client here. */
  get sdkOptions() {
    return { host: "127.0.0.1", port: this.port, protocol: "http" as const };
  }

  /** How many times money actually moved for an intent (a succeeded charge). */
  chargesFor(intentId: string): number {
    return this.intents.get(intentId)?.latest_charge ? 1 : 0;
  }

  intent(intentId: string) {
    return this.intents.get(intentId);
  }

  /** The customer completing (or failing) 3-D Secure in Stripe.js. */
  completeAction(intentId: string, approve: boolean) {
    this.intents.completeAction(intentId, approve);
  }

  private async handle(req: IncomingMessage, res: ServerResponse) {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const url = new URL(req.url ?? "/", "http://stand-in");
    const body =
      req.method === "GET"
        ? parseStripeForm(url.searchParams.toString())
        : parseStripeForm(Buffer.concat(chunks).toString());
    const header = (name: string) => {
      const v = req.headers[name];
      return typeof v === "string" ? v : null;
    };
    const record: RecordedRequest = {
      method: req.method ?? "GET",
      path: url.pathname,
      idempotencyKey: header("idempotency-key"),
      authorization: header("authorization"),
      body,
      replayed: false,
    };
    this.requests.push(record);
    // Stripe.js calls from the page (another origin): CORS as api.stripe.com answers it.
    res.setHeader("Access-Control-Allow-Origin", "*");
    if (req.method === "OPTIONS") {
      res.writeHead(204, {
        "Access-Control-Allow-Methods": "GET, POST",
        "Access-Control-Allow-Headers": "Authorization, Content-Type",
      });
      res.end();
      return;
    }

    const faultIndex = this.faults.findIndex((f) => !f.path || f.path.test(url.pathname));
    const fault = faultIndex >= 0 ? this.faults.splice(faultIndex, 1)[0] : undefined;
    if (fault?.kind === "hang") {
      this.hanging.add(res);
      return;
    }
    if (fault?.kind === "500") {
      return send(res, {
        status: 500,
        body: { error: { type: "api_error", message: "Stand-in: temporary error." } },
      });
    }
    // Stripe.js in the browser, with the publishable key.
    if (record.authorization?.startsWith("Bearer pk_")) {
      return send(res, this.intents.browserRoute(req.method ?? "GET", url.pathname, body));
    }
    if (!record.authorization?.startsWith("Bearer sk_")) {
      return send(res, {
        status: 401,
        body: { error: { type: "invalid_request_error", message: "Invalid API Key provided." } },
      });
    }

    const key = record.idempotencyKey;
    const reply =
      key && req.method === "POST"
        ? this.once(key, record, body)
        : this.route(req.method ?? "GET", url.pathname, body);
    if (fault?.kind === "lost_response") {
      res.destroy();
      return;
    }
    send(res, reply, record.replayed);
  }

  /**
   * A POST with an Idempotency-Key, as Stripe honours it: the first answer replayed (marked on `record`),
   * other parameters refused, a request while the first is still running refused with 409.
   */
  private once(key: string, record: RecordedRequest, body: Record<string, unknown>): Reply {
    const fingerprint = `${record.path}:${JSON.stringify(body)}`;
    const cached = this.idempotency.get(key);
    if (cached) {
      if (cached.fingerprint === fingerprint) {
        record.replayed = true;
        return cached.reply;
      }
      return {
        status: 400,
        body: {
          error: {
            type: "idempotency_error",
            message: `Keys for idempotent requests can only be used with the same parameters they were first used with.`,
          },
        },
      };
    }
    if (this.inFlight.has(key)) {
      return {
        status: 409,
        body: {
          error: {
            type: "idempotency_error",
            code: "idempotency_key_in_use",
            message: "There is currently another in-progress request using this Stripe-Idempotency-Key.",
          },
        },
      };
    }
    this.inFlight.add(key);
    try {
      const reply = this.route(record.method, record.path, body);
      this.idempotency.set(key, { fingerprint, reply });
      return reply;
    } finally {
      this.inFlight.delete(key);
    }
  }

  private route(method: string, path: string, body: Record<string, unknown>): Reply {
    return (
      this.customers.route(method, path, body) ??
      this.intents.route(method, path, body) ?? {
        status: 404,
        body: {
          error: { type: "invalid_request_error", message: `Unrecognized request URL (${method}: ${path}).` },
        },
      }
    );
  }
}

function send(res: ServerResponse, reply: Reply, replayed = false) {
  res.writeHead(reply.status, {
    "content-type": "application/json",
    "request-id": `req_${randomBytes(8).toString("hex")}`,
    ...(replayed ? { "idempotent-replayed": "true" } : {}),
  });
  res.end(JSON.stringify(reply.body));
}
