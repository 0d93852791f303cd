// Issue 14 finding 2: per-IP limits must not trust a client's X-Forwarded-For. The header is believed
// only from the proxies TRUST_PROXY names; by default the socket's address is the client.
import { afterEach, describe, expect, it } from "vitest";
import { loadConfig } from "../env.ts";
import { parseTrustProxy } from "../env-http.ts";
import { LOGIN_LIMITS } from "../modules/auth/auth.service.ts";
import { backings, createTestPlatform, startTestServer, type TestPlatform } from "../testing/harness.ts";

const memory = backings.find((b) => !b.redis)!;

describe("X-Forwarded-For and the per-IP sign-in limit", () => {
  let t: TestPlatform | undefined;
  let server: Awaited<ReturnType<typeof startTestServer>> | undefined;
  afterEach(async () => {
    await server?.close();
    await t?.close();
  });

  async function start(env: Record<string, string> = {}) {
    t = await createTestPlatform(memory, { env });
    server = await startTestServer(t.platform);
    return server.url;
  }

  /** One wrong sign-in over HTTP with the given forwarded address; the HTTP status. */
  const attempt = async (url: string, i: number, forwardedFor: string) => {
    const res = await fetch(`${url}/trpc/auth.login`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-forwarded-for": forwardedFor },
      body: JSON.stringify({ email: `nobody${i}@example.com`, password: "Wrong-Password-1" }),
    });
    return res.status;
  };

  it("by default, rotating the header does not escape the limit", async () => {
    const url = await start();
    const statuses: number[] = [];
    for (let i = 0; i <= LOGIN_LIMITS.perIp; i++) statuses.push(await attempt(url, i, `203.0.113.${i}`));
    expect(statuses.slice(0, LOGIN_LIMITS.perIp).every((s) => s === 401)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
  });

  it("behind a trusted proxy, each forwarded client has its own limit, and a repeated one is limited", async () => {
    const url = await start({ TRUST_PROXY: "127.0.0.1" });
    for (let i = 0; i <= LOGIN_LIMITS.perIp; i++) expect(await attempt(url, i, `198.51.100.${i}`)).toBe(401);
    for (let i = 0; i < LOGIN_LIMITS.perIp; i++) expect(await attempt(url, i, "192.0.2.7")).toBe(401);
    expect(await attempt(url, 99, "192.0.2.7")).toBe(429);
  });
});

describe("TRUST_PROXY", () => {
  it.each([
    [undefined, false],
    ["off", false],
    ["2", 2],
    ["127.0.0.1, 10.0.0.0/8, ::1", ["127.0.0.1", "10.0.0.0/8", "::1"]],
  ])("%s → %j", (raw, expected) => {
    expect(parseTrustProxy(raw)).toEqual(expected);
  });

  it.each(["true", "all", "0.0.0.0/33", "10.0.0.0/8/1", "99"])("refuses %s at start", (raw) => {
    expect(() => loadConfig({ TRUST_PROXY: raw })).toThrow(/TRUST_PROXY/);
  });
});
