// Issue 14 finding 6: every answer (the apps' HTML, their static assets, the API) carries security
// headers — a CSP that frames nothing in and runs only our scripts, nosniff, a Referrer-Policy, HSTS
// when served over TLS — CORS only for the origins CORS_ORIGINS names, and the operations endpoints
// keep their details to whoever holds METRICS_TOKEN.
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { loadConfig, repoRoot } from "../env.ts";
import { assertAppsBuilt } from "../testing/browser.ts";
import { backings, createTestPlatform, startTestServer, TEST_METRICS_TOKEN } from "../testing/harness.ts";

const memory = backings.find((b) => !b.redis)!;

interface AppServer {
  url: string;
  close(): Promise<void>;
}

/** The real server with the built apps on an empty embedded database (nothing here needs the menu). */
async function startAppServer(_backing: typeof memory, env: Record<string, string> = {}): Promise<AppServer> {
  assertAppsBuilt();
  const t = await createTestPlatform(memory, { env: { SERVE_APPS: "true", ...env } });
  const server = await startTestServer(t.platform);
  return {
    url: server.url,
    async close() {
      await server.close();
      await t.close();
    },
  };
}
/** fetch, with the body read (an unread body keeps the connection busy and the server from closing). */
async function get(url: string, init?: RequestInit): Promise<Response> {
  const res = await fetch(url, init);
  await res.clone().arrayBuffer();
  return res;
}
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/** The CSP's directives by name, e.g. { "script-src": ["'self'"] }. */
function csp(res: Response): Record<string, string[]> {
  const header = res.headers.get("content-security-policy");
  expect(header, "Content-Security-Policy").toBeTruthy();
  return Object.fromEntries(
    header!
      .split(";")
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map(([name, ...values]) => [name!, values]),
  );
}

/** The headers every answer carries, whatever served it. */
function expectSecurityHeaders(res: Response, what: string) {
  const policy = csp(res);
  expect(policy["frame-ancestors"], `${what}: frame-ancestors`).toEqual(["'none'"]);
  expect(policy["default-src"], `${what}: default-src`).toEqual(["'self'"]);
  expect(policy["object-src"], `${what}: object-src`).toEqual(["'none'"]);
  expect(policy["base-uri"], `${what}: base-uri`).toEqual(["'self'"]);
  for (const [name, values] of Object.entries(policy)) {
    expect(values, `${what}: ${name} allows no inline code or eval`).not.toContain("'unsafe-eval'");
    if (name.startsWith("script-src")) expect(values).not.toContain("'unsafe-inline'");
  }
  expect(res.headers.get("x-content-type-options"), `${what}: nosniff`).toBe("nosniff");
  expect(res.headers.get("referrer-policy"), `${what}: Referrer-Policy`).toBe("no-referrer");
  expect(res.headers.get("x-frame-options"), `${what}: X-Frame-Options`).toBe("DENY");
}

describe("security headers", { timeout: 120_000 }, () => {
  let server: AppServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  }, 60_000);

  it("are on the apps' HTML, their static assets, the API and a 404; no HSTS over plain HTTP", async () => {
    server = await startAppServer(memory);
    const asset = readdirSync(join(repoRoot, "apps/customer-web/dist/assets")).find((f) => f.endsWith(".js"));
    const answers = {
      "customer HTML": await get(`${server.url}/`, { headers: { accept: "text/html" } }),
      "client route": await get(`${server.url}/track/123`, { headers: { accept: "text/html" } }),
      "driver HTML": await get(`${server.url}/driver/`, { headers: { accept: "text/html" } }),
      "store HTML": await get(`${server.url}/store/`, { headers: { accept: "text/html" } }),
      "static asset": await get(`${server.url}/assets/${asset}`),
      "service worker": await get(`${server.url}/driver/sw.js`),
      tRPC: await get(`${server.url}/trpc/health.status`),
      healthz: await get(`${server.url}/healthz`),
      "404": await get(`${server.url}/nope.json`),
    };
    for (const [what, res] of Object.entries(answers)) {
      expect(res.status, what).toBeLessThan(500);
      expectSecurityHeaders(res, what);
      expect(res.headers.get("strict-transport-security"), `${what}: HSTS over http`).toBeNull();
    }
    expect(answers["customer HTML"].status).toBe(200);
    expect(answers["static asset"].status).toBe(200);
    // Without Stripe configured, nothing of Stripe's is allowed.
    expect(JSON.stringify(csp(answers["customer HTML"]))).not.toContain("stripe");
  });

  it("send HSTS when the request came over TLS through a trusted proxy, not when anyone says so", async () => {
    server = await startAppServer(memory, { TRUST_PROXY: "127.0.0.1" });
    const viaTls = await fetch(`${server.url}/healthz`, { headers: { "x-forwarded-proto": "https" } });
    expect(viaTls.headers.get("strict-transport-security")).toMatch(/max-age=31536000; includeSubDomains/);
    const plain = await fetch(`${server.url}/healthz`);
    expect(plain.headers.get("strict-transport-security")).toBeNull();
    await server.close();

    // The same header from a peer TRUST_PROXY does not name is not believed.
    server = await startAppServer(memory);
    const spoofed = await fetch(`${server.url}/healthz`, { headers: { "x-forwarded-proto": "https" } });
    expect(spoofed.headers.get("strict-transport-security")).toBeNull();
  });

  it("send HSTS on every answer when PUBLIC_URL is https (a TLS terminator in front)", async () => {
    server = await startAppServer(memory, { PUBLIC_URL: "https://pizza.example" });
    const res = await fetch(`${server.url}/`, { headers: { accept: "text/html" } });
    expect(res.headers.get("strict-transport-security")).toMatch(/max-age=31536000/);
  });

  it("allow Stripe's script, frames and API only when Stripe is configured, plus CSP_CONNECT_SRC", async () => {
    server = await startAppServer(memory, {
      STRIPE_SECRET_KEY: "sk_test_x",
      STRIPE_WEBHOOK_SECRET: "whsec_x",
      STRIPE_PUBLISHABLE_KEY: "pk_test_x",
      CSP_CONNECT_SRC: "http://127.0.0.1:9999",
    });
    const policy = csp(await fetch(`${server.url}/`, { headers: { accept: "text/html" } }));
    expect(policy["script-src"]).toEqual(["'self'", "https://js.stripe.com", "https://*.js.stripe.com"]);
    expect(policy["frame-src"]).toEqual(
      expect.arrayContaining(["https://js.stripe.com", "https://hooks.stripe.com"]),
    );
    expect(policy["connect-src"]).toEqual(["'self'", "https://api.stripe.com", "http://127.0.0.1:9999"]);
  });

  it("CORS: no cross-origin reader by default; the CORS_ORIGINS allow-list only", async () => {
    server = await startAppServer(memory);
    const evil = await fetch(`${server.url}/trpc/health.status`, {
      headers: { origin: "https://evil.example" },
    });
    expect(evil.headers.get("access-control-allow-origin")).toBeNull();
    await server.close();

    server = await startAppServer(memory, { CORS_ORIGINS: "https://partner.example, https://ops.example" });
    const preflight = await fetch(`${server.url}/trpc/auth.login`, {
      method: "OPTIONS",
      headers: {
        origin: "https://partner.example",
        "access-control-request-method": "POST",
        "access-control-request-headers": "content-type,authorization",
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("access-control-allow-origin")).toBe("https://partner.example");
    const other = await fetch(`${server.url}/trpc/health.status`, {
      headers: { origin: "https://evil.example" },
    });
    expect(other.headers.get("access-control-allow-origin")).toBeNull();
  });
});

describe("operations endpoints", { timeout: 120_000 }, () => {
  let server: AppServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  }, 60_000);

  it("/metrics needs the bearer token; /readyz tells the public only ready or not", async () => {
    server = await startAppServer(memory);
    for (const headers of [{}, bearer("wrong-token-of-some-length"), { authorization: TEST_METRICS_TOKEN }]) {
      const res = await fetch(`${server.url}/metrics`, { headers });
      expect(res.status).toBe(401);
      expect(res.headers.get("www-authenticate")).toBe("Bearer");
      expect(await res.text()).not.toContain("http_request_duration_seconds");
    }
    const metrics = await fetch(`${server.url}/metrics`, { headers: bearer(TEST_METRICS_TOKEN) });
    expect(metrics.status).toBe(200);
    expect(await metrics.text()).toContain("http_request_duration_seconds");

    const ready = await fetch(`${server.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ ready: true });
    const details = await fetch(`${server.url}/readyz`, { headers: bearer(TEST_METRICS_TOKEN) });
    expect(await details.json()).toMatchObject({ ready: true, db: "pglite", checks: { db: "ok" } });
    const wrong = await fetch(`${server.url}/readyz`, { headers: bearer("wrong-token-of-some-length") });
    expect(await wrong.json()).toEqual({ ready: true });
  });

  it("without METRICS_TOKEN, /metrics is closed to everyone", async () => {
    server = await startAppServer(memory, { METRICS_TOKEN: "" });
    const res = await fetch(`${server.url}/metrics`, { headers: bearer("") });
    expect(res.status).toBe(401);
    expect(((await res.json()) as { message: string }).message).toMatch(/METRICS_TOKEN/);
  });

  it("refuses a short METRICS_TOKEN and a CORS origin that is not an origin at start", () => {
    expect(() => loadConfig({ METRICS_TOKEN: "short" })).toThrow(/METRICS_TOKEN/);
    expect(() => loadConfig({ CORS_ORIGINS: "*" })).toThrow(/CORS_ORIGINS/);
    expect(() => loadConfig({ CORS_ORIGINS: "https://a.example/path" })).toThrow(/CORS_ORIGINS/);
  });
});
