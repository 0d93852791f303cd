import { createServer, Socket as NetSocket, type Server, type Socket } from "node:net";
import pino from "pino";
import { Registry } from "prom-client";
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import { AppError } from "../errors.ts";
import { createTestRedis, TEST_REDIS_URL } from "../testing/harness.ts";
import { MemoryCache, RedisCache } from "./cache.ts";
import { createRedis } from "./redis.ts";
import { FailSoftCache, Resilience, UnavailableError } from "./resilience.ts";

const log = pino({ level: "silent" });
const settings = { timeoutMs: 100, failureThreshold: 3, halfOpenAfterMs: 150 };
const hang = () => new Promise<never>(() => {});
const boom = async (): Promise<never> => {
  throw new Error("boom");
};
/**
 * The breaker reopens for a trial after `halfOpenAfterMs` by the wall clock (Date.now): move the clock
 * on instead of waiting for it. Timers stay real, so timeouts and sockets behave as usual.
 */
function halfOpenTimePasses() {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(Date.now() + settings.halfOpenAfterMs + 1);
}
afterEach(() => {
  vi.useRealTimers();
});

describe("circuit breaker + timeout for non-critical calls", () => {
  it("returns the value when the call succeeds", async () => {
    const r = new Resilience({ settings, log });
    expect(await r.run("x", async () => 42)).toEqual({ ok: true, value: 42 });
    expect(await r.nonCritical("x", async () => "v")).toBe("v");
  });

  it("gives up on a hanging call after the timeout and says so", async () => {
    const r = new Resilience({ settings, log });
    const outcome = await r.run("slow", hang, { timeoutMs: 50 });
    expect(outcome).toMatchObject({ ok: false, reason: "timeout" });
    expect(await r.nonCritical("slow", hang, { timeoutMs: 20, fallback: "fallback" })).toBe("fallback");
  });

  it("opens after consecutive failures, short-circuits without calling, and closes again when the dependency recovers", async () => {
    const registry = new Registry();
    const r = new Resilience({ settings, log, registry });
    let calls = 0;
    let healthy = false;
    const dependency = async () => {
      calls++;
      if (!healthy) throw new Error("down");
      return "up";
    };
    for (let i = 0; i < 3; i++)
      expect(await r.run("dep", dependency)).toMatchObject({ ok: false, reason: "error" });
    expect(r.states()).toEqual({ dep: "open" });
    const before = calls;
    expect(await r.run("dep", dependency)).toMatchObject({ ok: false, reason: "open" });
    expect(calls).toBe(before); // not even tried

    const metrics = await registry.metrics();
    expect(metrics).toMatch(/circuit_breaker_state\{name="dep"\} 1/);
    expect(metrics).toMatch(/noncritical_calls_total\{name="dep",outcome="error"\} 3/);

    healthy = true;
    halfOpenTimePasses();
    expect(await r.run("dep", dependency)).toEqual({ ok: true, value: "up" });
    expect(r.states()).toEqual({ dep: "closed" });
  });

  it("passes domain errors through without counting them as failures", async () => {
    const r = new Resilience({ settings, log });
    for (let i = 0; i < 5; i++) {
      await expect(
        r.run("domain", async () => {
          throw new AppError("NOT_FOUND", "nope");
        }),
      ).rejects.toThrow("nope");
    }
    expect(r.states()).toEqual({ domain: "closed" });
  });

  it("keeps breakers apart: one failing dependency does not open another's", async () => {
    const r = new Resilience({ settings, log });
    for (let i = 0; i < 3; i++) await r.run("a", boom);
    expect(await r.run("b", async () => 1)).toEqual({ ok: true, value: 1 });
    expect(r.states()).toEqual({ a: "open", b: "closed" });
  });
});

describe("fail-soft cache", () => {
  it("turns failing reads into misses but still attempts every write, even with the breaker open", async () => {
    const r = new Resilience({ settings, log });
    const written: string[] = [];
    const flaky = {
      get: async () => {
        throw new Error("read timeout");
      },
      set: async (key: string) => {
        written.push(key);
      },
      delete: async (key: string) => {
        written.push(`-${key}`);
      },
      deletePrefix: async () => {
        throw new Error("down");
      },
      setFields: async (key: string) => {
        written.push(`fields:${key}`);
      },
      getField: async () => {
        throw new Error("read timeout");
      },
    };
    const cache = new FailSoftCache(flaky, r);
    for (let i = 0; i < 4; i++) expect(await cache.get("menu-gen:s1")).toBeUndefined();
    expect(r.states().cache).toBe("open");
    await cache.set("menu-gen:s1", "new-generation", 1000); // an invalidation: never skipped
    await cache.delete("menu:s1");
    await expect(cache.deletePrefix("menu:")).resolves.toBeUndefined();
    expect(written).toEqual(["menu-gen:s1", "-menu:s1"]);
  });
});

describe("last good value", () => {
  it("serves the last good copy with its age when the live read fails, for a bounded time, then recovers", async () => {
    let now = 1_000_000;
    const r = new Resilience({ settings, log, cache: new MemoryCache(() => now), now: () => now });
    const fresh = await r.withLastGood("menu:store-1", async () => ({ items: ["margherita"] }), {
      maxStaleMs: 60_000,
    });
    expect(fresh).toMatchObject({ value: { items: ["margherita"] }, stale: false, ageMs: 0 });

    now += 30_000;
    const stale = await r.withLastGood("menu:store-1", boom, { maxStaleMs: 60_000 });
    expect(stale).toMatchObject({ value: { items: ["margherita"] }, stale: true, ageMs: 30_000 });

    now += 31_000; // older than maxStaleMs: no copy is better than a too-old one
    await expect(r.withLastGood("menu:store-1", boom, { maxStaleMs: 60_000 })).rejects.toBeInstanceOf(
      UnavailableError,
    );
    // Another key never had a good value.
    await expect(r.withLastGood("menu:store-2", boom, { maxStaleMs: 60_000 })).rejects.toBeInstanceOf(
      UnavailableError,
    );

    now += settings.halfOpenAfterMs + 1;
    halfOpenTimePasses();
    const recovered = await r.withLastGood("menu:store-1", async () => ({ items: ["pepperoni"] }), {
      maxStaleMs: 60_000,
    });
    expect(recovered).toMatchObject({ value: { items: ["pepperoni"] }, stale: false });
  });

  it("serves a copy quickly when the live read hangs", async () => {
    const r = new Resilience({ settings, log });
    await r.withLastGood("menu:s", async () => "good", { maxStaleMs: 60_000 });
    const out = await r.withLastGood("menu:s", hang, { maxStaleMs: 60_000, timeoutMs: 50 });
    expect(out).toMatchObject({ value: "good", stale: true });
  });

  it("rethrows domain errors instead of hiding them behind a stale copy", async () => {
    const r = new Resilience({ settings, log });
    await r.withLastGood("menu:s", async () => "good", { maxStaleMs: 60_000 });
    await expect(
      r.withLastGood(
        "menu:s",
        async () => {
          throw new AppError("NOT_FOUND", "That store does not exist.");
        },
        { maxStaleMs: 60_000 },
      ),
    ).rejects.toBeInstanceOf(AppError);
  });

  describe("with Redis", () => {
    const cleanups: (() => Promise<void> | void)[] = [];
    afterAll(async () => {
      for (const c of cleanups) await c();
    });

    it("shares the copy through Redis, so another node can serve it", async () => {
      const { redis, cleanup } = await createTestRedis();
      cleanups.push(cleanup);
      const nodeA = new Resilience({ settings, log, cache: new RedisCache(redis) });
      const nodeB = new Resilience({ settings, log, cache: new RedisCache(redis) });
      await nodeA.withLastGood("menu:shared", async () => ({ v: 1 }), { maxStaleMs: 60_000 });
      const out = await nodeB.withLastGood("menu:shared", boom, { maxStaleMs: 60_000 });
      expect(out).toMatchObject({ value: { v: 1 }, stale: true });
    });

    it("keeps working with Redis down: fresh reads pass, the in-process copy still serves, and the cache breaker opens", async () => {
      const dead = createRedis("redis://127.0.0.1:1");
      dead.on("error", () => {});
      cleanups.push(() => dead.disconnect());
      const r = new Resilience({ settings, log, cache: new RedisCache(dead) });
      for (let i = 0; i < 4; i++) {
        expect(await r.withLastGood("menu:x", async () => i, { maxStaleMs: 60_000 })).toMatchObject({
          value: i,
          stale: false,
        });
      }
      const out = await r.withLastGood("menu:x", boom, { maxStaleMs: 60_000 });
      expect(out).toMatchObject({ value: 3, stale: true });
      expect(r.states().cache).toBe("open");
    });

    it("a fail-soft cache turns Redis going away into misses, and uses Redis again once it is back", async () => {
      // A TCP proxy in front of the real Redis: closing it is "Redis down", reopening it is recovery.
      const target = new URL(TEST_REDIS_URL);
      const sockets = new Set<Socket>();
      let proxy: Server | undefined;
      const openProxy = (port: number) =>
        new Promise<number>((resolve) => {
          proxy = createServer((client) => {
            const upstream = new NetSocket();
            upstream.connect(Number(target.port || 6379), target.hostname);
            client.pipe(upstream).pipe(client);
            for (const s of [client, upstream]) {
              sockets.add(s);
              s.on("error", () => {});
              s.on("close", () => sockets.delete(s));
            }
          });
          proxy.listen(port, "127.0.0.1", () => resolve((proxy!.address() as { port: number }).port));
        });
      const closeProxy = () =>
        new Promise<void>((resolve) => {
          for (const s of sockets) s.destroy();
          proxy!.close(() => resolve());
        });

      const port = await openProxy(0);
      const { redis: direct, prefix, cleanup } = await createTestRedis();
      cleanups.push(cleanup);
      const client = createRedis(`redis://127.0.0.1:${port}`, { keyPrefix: prefix });
      client.on("error", () => {});
      cleanups.push(() => client.disconnect());
      const r = new Resilience({ settings, log });
      const cache = new FailSoftCache(new RedisCache(client), r);

      await cache.set("k", "v1", 60_000);
      expect(await cache.get("k")).toBe("v1");

      await closeProxy();
      for (let i = 0; i < 4; i++) expect(await cache.get("k")).toBeUndefined();
      // Writes are still attempted (an invalidation must not be skipped), and fail without throwing;
      // ioredis may replay one from its offline queue once the connection is back.
      await cache.set("other", "during the outage", 60_000);
      expect(r.states().cache).toBe("open");

      await openProxy(port);
      await new Promise<void>((resolve) => {
        if (client.status === "ready") resolve();
        else client.once("ready", () => resolve());
      });
      halfOpenTimePasses();
      expect(await cache.get("k")).toBe("v1");
      expect(r.states().cache).toBe("closed");
      expect(await direct.get("cache:k")).toBe("v1");
      await closeProxy();
    });
  });
});
