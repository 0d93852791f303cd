import { GatewayError } from "./payment-gateway.ts";
import { ZPayPalError } from "./paypal-shapes.ts";

export interface PayPalClientOptions {
  clientId: string;
  clientSecret: string;
  /** `https://api-m.sandbox.paypal.com`, `https://api-m.paypal.com`, or a test's stand-in. */
  apiBase: string;
  /** Per-request timeout; a timeout is an unknown outcome the service reconciles. */
  timeoutMs?: number;
  /** The embedded default answers in process (simulated-paypal.ts); otherwise the global fetch. */
  fetch?: typeof fetch;
}

export interface PayPalRequest {
  method: "GET" | "POST" | "PATCH";
  path: string;
  /** Sent as JSON; a string is sent verbatim (a webhook event must reach PayPal byte for byte). */
  body?: unknown;
  /** `PayPal-Request-Id`: PayPal answers a repeated POST with this id with the first answer. */
  requestId?: string;
}

/** A PayPal answer that is not 2xx, with the issue PayPal names (`ORDER_NOT_APPROVED`, `INSTRUMENT_DECLINED`…). */
export class PayPalApiError extends GatewayError {
  constructor(
    readonly status: number,
    readonly issue: string | null,
    message: string,
  ) {
    super(
      status >= 500 || status === 429 ? "transient" : "invalid",
      status >= 500 ? "The payment gateway had a temporary error." : message,
      status === 404 ? "resource_missing" : (issue?.toLowerCase() ?? `http_${status}`),
    );
  }
}

/**
 * PayPal's REST API over fetch: an OAuth 2.0 client-credentials token (`/v1/oauth2/token`) kept until a
 * minute before it expires (a 401 drops it and the call is made once more: a refused token did nothing),
 * `PayPal-Request-Id` on the POSTs that move money, and failures in the port's terms: 5xx/429 and a refused
 * connection are transient, a timeout or a dropped answer unknown, any other 4xx invalid.
 */
export class PayPalClient {
  private token: { value: string; expiresAt: number } | null = null;
  private tokenRequest: Promise<string> | null = null;

  constructor(private readonly options: PayPalClientOptions) {}

  async call<T>(request: PayPalRequest): Promise<T> {
    const first = await this.send(request, await this.accessToken());
    if (first.status !== 401) return this.read<T>(first);
    this.token = null;
    return this.read<T>(await this.send(request, await this.accessToken()));
  }

  private accessToken(): Promise<string> {
    if (this.token && Date.now() < this.token.expiresAt) return Promise.resolve(this.token.value);
    this.tokenRequest ??= this.fetchToken().finally(() => {
      this.tokenRequest = null;
    });
    return this.tokenRequest;
  }

  private async fetchToken(): Promise<string> {
    const basic = Buffer.from(`${this.options.clientId}:${this.options.clientSecret}`).toString("base64");
    const res = await this.fetch("/v1/oauth2/token", {
      method: "POST",
      headers: { authorization: `Basic ${basic}`, "content-type": "application/x-www-form-urlencoded" },
      body: "grant_type=client_credentials",
    });
    if (res.status === 401) {
      throw new GatewayError("invalid", "PayPal refused the client id and secret.", "invalid_client");
    }
    const body = (await this.read<{ access_token: string; expires_in: number }>(res)) as {
      access_token?: unknown;
      expires_in?: unknown;
    };
    if (typeof body.access_token !== "string" || typeof body.expires_in !== "number") {
      throw new GatewayError("transient", "PayPal answered the token request without a token.", "no_token");
    }
    // Renew a minute early (or halfway for a short-lived token) so a call never starts with a dying token.
    const margin = Math.min(60, body.expires_in / 2) * 1000;
    this.token = { value: body.access_token, expiresAt: Date.now() + body.expires_in * 1000 - margin };
    return body.access_token;
  }

  private send(request: PayPalRequest, token: string): Promise<Response> {
    const body =
      request.body === undefined
        ? undefined
        : typeof request.body === "string"
          ? request.body
          : JSON.stringify(request.body);
    return this.fetch(request.path, {
      method: request.method,
      headers: {
        authorization: `Bearer ${token}`,
        "content-type": "application/json",
        // The full order (links, captures) in every answer.
        prefer: "return=representation",
        ...(request.requestId ? { "paypal-request-id": request.requestId } : {}),
      },
      ...(body === undefined ? {} : { body }),
    });
  }

  private async fetch(path: string, init: RequestInit): Promise<Response> {
    try {
      // The base may carry a path (the simulated PayPal is mounted under /simulated-paypal).
      return await (this.options.fetch ?? fetch)(`${this.options.apiBase.replace(/\/$/, "")}${path}`, {
        ...init,
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 20_000),
      });
    } catch (error) {
      const code = (error as { cause?: { code?: string } }).cause?.code;
      // Refused before anything was sent: nothing happened at PayPal, the same request may be sent again.
      if (code === "ECONNREFUSED") {
        throw new GatewayError(
          "transient",
          "The payment gateway could not be reached.",
          "connection_refused",
          {
            cause: error,
          },
        );
      }
      throw new GatewayError("unknown", "The payment gateway did not answer.", "connection_error", {
        cause: error,
      });
    }
  }

  private async read<T>(res: Response): Promise<T> {
    let text: string;
    try {
      text = await res.text();
    } catch (error) {
      throw new GatewayError("unknown", "The payment gateway's answer was cut off.", "connection_error", {
        cause: error,
      });
    }
    const json: unknown = text ? safeJson(text) : {};
    if (res.ok) return json as T;
    const error = ZPayPalError.safeParse(json);
    const issue = error.success ? (error.data.details?.[0]?.issue ?? error.data.name ?? null) : null;
    const message =
      (error.success ? (error.data.details?.[0]?.description ?? error.data.message) : undefined) ??
      `PayPal answered ${res.status}.`;
    throw new PayPalApiError(res.status, issue, message);
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return {};
  }
}
