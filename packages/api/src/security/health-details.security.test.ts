// Issue 14, finding 6 follow-up: /readyz keeps its details to METRICS_TOKEN, and so must the tRPC
// `health.status` the apps poll. The public learns ready or not (all the badge needs); an admin or the
// operations token sees the components, the database kind, the gateway and the breakers.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AuthUser } from "../modules/auth/tokens.ts";
import {
  backings,
  createTestPlatform,
  opsHeaders,
  startTestServer,
  type TestPlatform,
} from "../testing/harness.ts";

const real = backings.find((b) => b.redis)!;
const as = (role: AuthUser["role"]): AuthUser => ({
  id: crypto.randomUUID(),
  role,
  storeId: null,
  name: role,
});

describe("health.status details (finding 6)", () => {
  let t: TestPlatform;
  let server: Awaited<ReturnType<typeof startTestServer>>;
  const status = (headers: Record<string, string> = {}) =>
    fetch(`${server.url}/trpc/health.status`, { headers }).then(async (r) => ({
      status: r.status,
      text: await r.text(),
    }));

  beforeAll(async () => {
    t = await createTestPlatform(real);
    server = await startTestServer(t.platform);
  });
  afterAll(async () => {
    await server?.close();
    await t?.close();
  });

  it.each([
    ["anonymous", null],
    ["customer", as("customer")],
    ["staff", as("staff")],
    ["driver", as("driver")],
  ] as const)("%s learns only whether the API is ready", async (_who, user) => {
    expect(await t.caller(user).health.status()).toEqual({ ready: true });
  });

  it("over HTTP without the token: no database kind, no components, no breakers", async () => {
    const res = await status();
    expect(res.status).toBe(200);
    expect(res.text).toContain('"ready":true');
    expect(res.text).not.toMatch(/postgres|pglite|redis|checks|breakers|paymentGateway/);
    expect((await status({ authorization: "Bearer not-the-token" })).text).not.toMatch(/postgres|checks/);
  });

  it("an admin, or the operations token, sees the details", async () => {
    expect(await t.caller(as("admin")).health.status()).toMatchObject({
      ready: true,
      db: "postgres",
      checks: { db: "ok", redis: "ok" },
    });
    const res = await status(opsHeaders);
    expect(res.text).toMatch(/"db":"postgres"/);
    expect(res.text).toMatch(/"checks":\{"db":"ok","redis":"ok"\}/);
  });
});
