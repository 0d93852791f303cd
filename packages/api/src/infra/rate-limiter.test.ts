// One contract for both rate-limiter stores (in process, and Redis shared by every node — one server or
// a Redis Cluster).
import { Redis } from "ioredis";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { until } from "../testing/signals.ts";
import { type RedisTopology, redisPerTopology, redisTopologies } from "../testing/test-redis.ts";
import { memoryRateLimiter, type RateLimiter, redisRateLimiter } from "./rate-limiter.ts";

const redis = redisPerTopology();

// In process the window ends by the wall clock: move it on (timers stay real).
const memoryWindowEnds = async (_id: string, ms: number) => {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(Date.now() + ms + 1);
};
// Redis ends it by its own clock, expiring the key: wait for the key to be gone.
const redisWindowEnds = (topology: RedisTopology) => async (id: string) => {
  const client = redis(topology).redis;
  await until("Redis to expire the window's key", async () => (await client.exists(`rl:${id}`)) === 0);
};
afterEach(() => {
  vi.useRealTimers();
});

const stores: {
  name: string;
  make: () => RateLimiter;
  /** How a test gets past the end of `id`'s window without sleeping through it. */
  windowEnds: (id: string, ms: number) => Promise<void>;
}[] = [
  { name: "memory", make: () => memoryRateLimiter(), windowEnds: memoryWindowEnds },
  ...redisTopologies.map((t) => ({
    name: t.name,
    make: () => redisRateLimiter(redis(t.topology).redis),
    windowEnds: redisWindowEnds(t.topology),
  })),
];

describe.each(stores)("rate limiter on $name", ({ make, windowEnds }) => {
  let limiter: RateLimiter;
  let k = 0;
  const key = () => `contract:${Date.now()}:${k++}`;
  beforeAll(() => {
    limiter = make();
  });

  it("counts a burst atomically: exactly `limit` of 100 concurrent hits pass", async () => {
    const id = key();
    const decisions = await Promise.all(Array.from({ length: 100 }, () => limiter.hit(id, 10, 60_000)));
    expect(decisions.filter((d) => d.allowed)).toHaveLength(10);
    const refused = decisions.filter((d) => !d.allowed);
    expect(refused.every((d) => d.retryAfterMs > 0 && d.retryAfterMs <= 60_000)).toBe(true);
    expect(Math.max(...decisions.map((d) => d.count))).toBe(100);
  });

  it("opens a new window when the old one ends", async () => {
    const id = key();
    expect((await limiter.hit(id, 1, 1000)).allowed).toBe(true);
    const refused = await limiter.hit(id, 1, 1000);
    expect(refused.allowed).toBe(false);
    await windowEnds(id, refused.retryAfterMs);
    expect((await limiter.hit(id, 1, 1000)).allowed).toBe(true);
  });

  it("a gate lets exactly one of many concurrent callers through", async () => {
    const id = key();
    const decisions = await Promise.all(Array.from({ length: 20 }, () => limiter.gate(id, 60_000)));
    expect(decisions.filter((d) => d.allowed)).toHaveLength(1);
  });

  it("reset forgets the count", async () => {
    const id = key();
    await limiter.hit(id, 1, 60_000);
    expect((await limiter.hit(id, 1, 60_000)).allowed).toBe(false);
    await limiter.reset(id);
    expect((await limiter.hit(id, 1, 60_000)).allowed).toBe(true);
  });

  it("reset forgets the count under every limit the key was counted with", async () => {
    const id = key();
    for (const limit of [1, 2, 5]) {
      let refused = false;
      for (let i = 0; i <= limit && !refused; i++) refused = !(await limiter.hit(id, limit, 60_000)).allowed;
      expect(refused, `limit ${limit} reached`).toBe(true);
    }
    await limiter.reset(id);
    for (const limit of [1, 2, 5]) expect((await limiter.hit(id, limit, 60_000)).allowed).toBe(true);
  });
});

describe.each(redisTopologies)("rate limiter on $name: reset", ({ topology }) => {
  it("sends one DEL for the key however many limits counted it (they share one Redis key)", async () => {
    const client = redis(topology).redis;
    const limiter = redisRateLimiter(client);
    const id = `reset-once:${Date.now()}`;
    for (const limit of [1, 2, 3, 4]) await limiter.hit(id, limit, 60_000);
    const del = vi.spyOn(client, "del");
    try {
      await limiter.reset(id);
      expect(del).toHaveBeenCalledTimes(1);
    } finally {
      del.mockRestore();
    }
    expect((await limiter.hit(id, 1, 60_000)).allowed).toBe(true);
  });
});

describe("rate limiter on Redis while Redis is unreachable", () => {
  it("keeps counting in this node's memory instead of failing the request", async () => {
    const dead = new Redis("redis://127.0.0.1:1", { lazyConnect: true, maxRetriesPerRequest: 0 });
    dead.on("error", () => undefined);
    try {
      const limiter = redisRateLimiter(dead);
      const decisions = await Promise.all(Array.from({ length: 30 }, () => limiter.hit("down", 10, 60_000)));
      expect(decisions.filter((d) => d.allowed)).toHaveLength(10);
    } finally {
      dead.disconnect();
    }
  });
});
