import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "./env.ts";
import {
  backings,
  createTestPlatform,
  opsHeaders,
  startTestServer,
  type TestPlatform,
} from "./testing/harness.ts";
import { lastCodeSentTo } from "./testing/sign-up.ts";

describe.each(backings)("HTTP server on $name", (backing) => {
  let t: TestPlatform;
  let server: Awaited<ReturnType<typeof startTestServer>>;
  beforeAll(async () => {
    t = await createTestPlatform(backing);
    server = await startTestServer(t.platform);
  });
  afterAll(async () => {
    await server?.close();
    await t?.close();
  });

  // biome-ignore lint/suspicious/noExplicitAny: response shapes are asserted field by field below
  type Json = any;
  const rpc = async (path: string, body: unknown, token?: string) => {
    const res = await fetch(`${server.url}/trpc/${path}`, {
      method: "POST",
      headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: typeof body === "string" ? body : JSON.stringify(body),
    });
    return {
      status: res.status,
      body: (await res.json()) as { result?: { data: Json }; error?: { message: string; data: Json } },
    };
  };
  const get = async (path: string, token?: string) => {
    const res = await fetch(`${server.url}/trpc/${path}`, {
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });
    return {
      status: res.status,
      body: (await res.json()) as { result?: { data: Json }; error?: { message: string } },
    };
  };

  it("answers /healthz, /readyz (its components with the operations token), and /metrics", async () => {
    const health = await fetch(`${server.url}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: "ok" });
    const ready = await fetch(`${server.url}/readyz`, { headers: opsHeaders });
    expect(ready.status).toBe(200);
    const readiness = (await ready.json()) as { db: string; redis?: string };
    expect(readiness.db).toBe(backing.db);
    if (backing.redis) expect(readiness.redis).toBe("ok");
    else expect(readiness.redis).toBeUndefined();
    // Which card gateway is live: the simulation here (no Stripe keys in tests).
    expect((readiness as { paymentGateway?: string }).paymentGateway).toBe("simulated");
    const metrics = await (await fetch(`${server.url}/metrics`, { headers: opsHeaders })).text();
    expect(metrics).toContain("http_request_duration_seconds");
  });

  it("carries a request id back to the caller", async () => {
    const res = await fetch(`${server.url}/healthz`, { headers: { "x-request-id": "abc-123" } });
    expect(res.headers.get("x-request-id")).toBe("abc-123");
  });

  it("register → confirm → login → profile → update profile → refresh → logout over plain HTTP", async () => {
    const email = `http${Date.now()}@example.com`;
    const reg = await rpc("auth.register", { email, password: "Plain-Http-123", name: "Http Person" });
    expect(reg.status).toBe(200);
    const confirmed = await rpc("auth.confirmSignUp", { email, code: lastCodeSentTo(t, email) });
    expect(confirmed.status).toBe(200);
    const login = await rpc("auth.login", { email, password: "Plain-Http-123" });
    expect(login.status).toBe(200);
    const { accessToken, refreshToken } = login.body.result!.data;

    const profile = await get("user.profile", accessToken);
    expect(profile.body.result!.data.email).toBe(email);

    const updated = await rpc(
      "user.updateProfile",
      {
        name: "Http P.",
        addresses: [
          { label: "Home", line1: "1 Main St", city: "New York", lat: 40.75, lng: -73.98 },
          { label: "Work", line1: "2 Side St", city: "New York", lat: 40.76, lng: -73.97, isDefault: true },
        ],
      },
      accessToken,
    );
    expect(updated.status).toBe(200);
    const data = updated.body.result!.data;
    expect(data.name).toBe("Http P.");
    expect(data.addresses).toHaveLength(2);
    expect(data.defaultAddressId).toBe(data.addresses.find((a: { label: string }) => a.label === "Work").id);

    // Dropping an address and keeping the other by id.
    const kept = data.addresses.find((a: { label: string }) => a.label === "Home");
    const trimmed = await rpc(
      "user.updateProfile",
      { addresses: [{ ...kept, isDefault: true }] },
      accessToken,
    );
    expect(trimmed.body.result!.data.addresses.map((a: { id: string }) => a.id)).toEqual([kept.id]);
    expect(trimmed.body.result!.data.defaultAddressId).toBe(kept.id);

    const refreshed = await rpc("auth.refresh", { refreshToken });
    expect(refreshed.status).toBe(200);
    const next = refreshed.body.result!.data;
    const out = await rpc("auth.logout", { refreshToken: next.refreshToken }, next.accessToken);
    expect(out.status).toBe(200);
    const after = await rpc("auth.refresh", { refreshToken: next.refreshToken });
    expect(after.status).toBe(401);
  });

  it("answers malformed JSON, wrong types and bad tokens with 4xx and a readable message", async () => {
    const malformed = await rpc("auth.login", "{not json");
    expect(malformed.status).toBe(400);
    const wrongType = await rpc("auth.register", { email: 12, password: true, name: null });
    expect(wrongType.status).toBe(400);
    expect(wrongType.body.error!.message).toMatch(/email|password|name/);
    expect(wrongType.body.error!.data.zodError).not.toBeNull();
    const badAddress = await rpc(
      "user.updateProfile",
      { addresses: [{ label: "x", line1: "y", city: "z", lat: 200, lng: 0 }] },
      "nope",
    );
    expect(badAddress.status).toBe(401);
    const noSession = await get("user.profile");
    expect(noSession.status).toBe(401);
    expect(noSession.body.error!.message).toBe("Please sign in to continue.");
  });

  it("refuses an out-of-range address and keeps the profile unchanged", async () => {
    const email = `range${Date.now()}@example.com`;
    await rpc("auth.register", { email, password: "Plain-Http-123", name: "Range" });
    const reg = await rpc("auth.confirmSignUp", { email, code: lastCodeSentTo(t, email) });
    const token = reg.body.result!.data.accessToken;
    const bad = await rpc(
      "user.updateProfile",
      { name: "Changed", addresses: [{ label: "x", line1: "y", city: "z", lat: 200, lng: 0 }] },
      token,
    );
    expect(bad.status).toBe(400);
    expect(bad.body.error!.message).toMatch(/Latitude must be between -90 and 90/);
    const profile = await get("user.profile", token);
    expect(profile.body.result!.data.name).toBe("Range");
  });
});

describe("configuration", () => {
  it("names the variable that is wrong", () => {
    expect(() => loadConfig({ PORT: "eighty" })).toThrow(/PORT/);
    expect(() => loadConfig({ DATABASE_URL: "mysql://x" })).toThrow(/DATABASE_URL must be a postgres/);
    expect(() => loadConfig({ NODE_ENV: "production", DATABASE_URL: "postgres://x/y" })).toThrow(
      /JWT_SECRET/,
    );
  });

  it("refuses production without Stripe keys unless PAYMENTS=simulated is set explicitly", () => {
    const base = { PGLITE_DIR: "memory://", JWT_SECRET: "x".repeat(32) };
    const prod = { ...base, NODE_ENV: "production", DATABASE_URL: "postgres://x/y", NOTIFIER: "log" };
    expect(() => loadConfig(prod)).toThrow(
      /STRIPE_SECRET_KEY \(and STRIPE_WEBHOOK_SECRET\) are required in production; set PAYMENTS=simulated/,
    );
    expect(loadConfig({ ...prod, PAYMENTS: "simulated" })).toMatchObject({
      payments: "simulated",
      stripe: undefined,
    });
    const keys = { STRIPE_SECRET_KEY: "sk_test_1", STRIPE_WEBHOOK_SECRET: "whsec_1" };
    expect(loadConfig({ ...prod, ...keys })).toMatchObject({
      payments: "stripe",
      stripe: { secretKey: "sk_test_1" },
    });
    // The explicit choice wins over keys that happen to be in the environment.
    expect(loadConfig({ ...prod, ...keys, PAYMENTS: "simulated" })).toMatchObject({
      payments: "simulated",
      stripe: undefined,
    });
    expect(() => loadConfig({ ...base, PAYMENTS: "stripe" })).toThrow(
      /PAYMENTS=stripe needs STRIPE_SECRET_KEY/,
    );
    expect(() => loadConfig({ ...base, PAYMENTS: "fake" })).toThrow(/PAYMENTS must be stripe or simulated/);
    // Outside production the simulation stays the embedded default.
    expect(loadConfig(base)).toMatchObject({ payments: "simulated" });
  });
});
