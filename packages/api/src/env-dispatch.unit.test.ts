import { describe, expect, it } from "vitest";
import { loadConfig } from "./env.ts";
import { refuseDispatchOffAlone, refuseEmbeddedDispatcher } from "./env-dispatch.ts";

const base = { NODE_ENV: "test", PGLITE_DIR: "memory://" };

describe("dispatch placement settings", () => {
  it("runs the engine on API nodes unless DISPATCH=off; leases of 4 s renewed every second", () => {
    expect(loadConfig(base).dispatch).toMatchObject({
      mode: "on",
      dispatcherPort: 3200,
      leaseTtlMs: 4000,
      leaseRenewMs: 1000,
    });
    expect(loadConfig({ ...base, DISPATCH: "off" }).dispatch.mode).toBe("off");
  });

  it("refuses a bad value in one line naming the variable", () => {
    expect(() => loadConfig({ ...base, DISPATCH: "maybe" })).toThrow(
      /^Invalid configuration: DISPATCH must be on or off \(got "maybe"\)$/,
    );
    expect(() =>
      loadConfig({ ...base, DISPATCH_LEASE_TTL_MS: "2000", DISPATCH_LEASE_RENEW_MS: "1500" }),
    ).toThrow(/DISPATCH_LEASE_RENEW_MS \(1500\) must be at most half of DISPATCH_LEASE_TTL_MS \(2000\)/);
  });

  it("a stand-alone dispatcher needs PostgreSQL and Redis, and says which is missing", () => {
    expect(refuseEmbeddedDispatcher({ databaseUrl: undefined, redis: undefined })).toMatch(
      /^npm run dispatcher needs DATABASE_URL and REDIS_URL \(or REDIS_CLUSTER_NODES\): /,
    );
    expect(refuseEmbeddedDispatcher({ databaseUrl: "postgres://x", redis: undefined })).toMatch(
      /^npm run dispatcher needs REDIS_URL \(or REDIS_CLUSTER_NODES\): /,
    );
    expect(refuseEmbeddedDispatcher({ databaseUrl: "postgres://x", redis: { url: "redis://x" } })).toBeNull();
  });

  it("an API node with DISPATCH=off on the embedded setup is refused: nobody would dispatch", () => {
    expect(refuseDispatchOffAlone(loadConfig({ ...base, DISPATCH: "off" }))).toMatch(
      /^Invalid configuration: DISPATCH=off needs DATABASE_URL and REDIS_URL/,
    );
    expect(refuseDispatchOffAlone(loadConfig(base))).toBeNull();
    const shared = { ...base, DATABASE_URL: "postgres://x", REDIS_URL: "redis://x", DISPATCH: "off" };
    expect(refuseDispatchOffAlone(loadConfig(shared))).toBeNull();
  });
});
