// One contract for both cache stores (in process, and Redis shared by every node — one server or a
// Redis Cluster): each behaviour is asserted identically on all three.
import { beforeAll, describe, expect, it } from "vitest";
import { redisPerTopology, redisTopologies } from "../testing/test-redis.ts";
import { type Cache, MemoryCache, RedisCache } from "./cache.ts";

const redis = redisPerTopology();

/** Polls `get` until the key is gone (the positive signal of expiry), at most `withinMs`. */
async function waitUntilGone(cache: Cache, key: string, withinMs: number): Promise<number> {
  const started = Date.now();
  while ((await cache.get(key)) !== undefined) {
    if (Date.now() - started > withinMs) throw new Error(`${key} still cached after ${withinMs} ms`);
    await new Promise((r) => setTimeout(r, 10));
  }
  return Date.now() - started;
}

const stores: { name: string; make: () => Cache }[] = [
  { name: "memory", make: () => new MemoryCache() },
  ...redisTopologies.map((t) => ({
    name: t.name,
    make: () => new RedisCache(redis(t.topology).redis, "cache-contract:"),
  })),
];

describe.each(stores)("cache on $name", ({ make }) => {
  let cache: Cache;
  let k = 0;
  const ns = () => `c${Date.now()}:${k++}:`;
  beforeAll(() => {
    cache = make();
  });

  it("a key never set is a miss", async () => {
    expect(await cache.get(`${ns()}absent`)).toBeUndefined();
  });

  it("returns what was set, byte for byte (empty string and non-ASCII included)", async () => {
    const p = ns();
    const values = ["plain", "", '{"price":12.5,"name":"Käse-Pizza 🍕"}', "東京\n\ttab"];
    await Promise.all(values.map((v, i) => cache.set(`${p}${i}`, v, 60_000)));
    for (const [i, v] of values.entries()) expect(await cache.get(`${p}${i}`)).toBe(v);
  });

  it("set overwrites the value and restarts the TTL", async () => {
    const key = `${ns()}k`;
    await cache.set(key, "old", 60_000);
    await cache.set(key, "new", 200);
    expect(await cache.get(key)).toBe("new");
    await waitUntilGone(cache, key, 5_000);
    await cache.set(key, "again", 60_000);
    expect(await cache.get(key)).toBe("again");
  });

  it("an entry lives until its TTL and is gone after it", async () => {
    const p = ns();
    const setAt = Date.now();
    await cache.set(`${p}short`, "v", 250);
    await cache.set(`${p}long`, "v", 60_000);
    expect(await cache.get(`${p}short`)).toBe("v");
    await waitUntilGone(cache, `${p}short`, 5_000);
    // Not before its TTL (a few ms of clock granularity allowed), and the longer entry is untouched.
    expect(Date.now() - setAt).toBeGreaterThanOrEqual(240);
    expect(await cache.get(`${p}long`)).toBe("v");
  });

  it("setFields writes many fields of one entry, keeps the others, and the entry expires whole", async () => {
    const key = `${ns()}hash`;
    await cache.setFields(
      key,
      new Map([
        ["d1", "a"],
        ["d2", "東京"],
      ]),
      60_000,
    );
    await cache.setFields(key, new Map([["d2", "b"]]), 300);
    expect(await cache.getField(key, "d1")).toBe("a");
    expect(await cache.getField(key, "d2")).toBe("b");
    expect(await cache.getField(key, "d3")).toBeUndefined();
    const started = Date.now();
    while ((await cache.getField(key, "d1")) !== undefined) {
      if (Date.now() - started > 5_000) throw new Error("the entry outlived its TTL");
      await new Promise((r) => setTimeout(r, 10));
    }
  });

  it("delete removes one key; deleting a missing key is a no-op", async () => {
    const p = ns();
    await cache.set(`${p}a`, "1", 60_000);
    await cache.set(`${p}b`, "2", 60_000);
    await cache.delete(`${p}a`);
    await cache.delete(`${p}never-set`);
    expect(await cache.get(`${p}a`)).toBeUndefined();
    expect(await cache.get(`${p}b`)).toBe("2");
  });

  it("deletePrefix removes every key under the prefix (more than one SCAN page) and nothing else", async () => {
    const p = ns();
    const many = Array.from({ length: 1_200 }, (_, i) => `${p}store:1:menu:${i}`);
    await Promise.all(many.map((key) => cache.set(key, "m", 60_000)));
    await cache.set(`${p}store:10:menu:0`, "other store", 60_000);
    await cache.set(`${p}store:2:menu:0`, "other store", 60_000);
    await cache.set(`${p}store:1`, "the prefix without its colon", 60_000);
    await cache.deletePrefix(`${p}store:1:`);
    const left = await Promise.all(many.map((key) => cache.get(key)));
    expect(left.filter((v) => v !== undefined)).toEqual([]);
    expect(await cache.get(`${p}store:10:menu:0`)).toBe("other store");
    expect(await cache.get(`${p}store:2:menu:0`)).toBe("other store");
    expect(await cache.get(`${p}store:1`)).toBe("the prefix without its colon");
  });

  it("deletePrefix with no matching key is a no-op", async () => {
    const p = ns();
    await cache.set(`${p}kept`, "v", 60_000);
    await cache.deletePrefix(`${p}nothing-here:`);
    expect(await cache.get(`${p}kept`)).toBe("v");
  });

  it("a key set again after delete is a fresh entry", async () => {
    const key = `${ns()}k`;
    await cache.set(key, "1", 60_000);
    await cache.delete(key);
    expect(await cache.get(key)).toBeUndefined();
    await cache.set(key, "2", 60_000);
    expect(await cache.get(key)).toBe("2");
  });
});

describe.each(redisTopologies)("RedisCache namespaces on $name", ({ topology }) => {
  it("two caches with different prefixes on one client do not see or delete each other's keys", async () => {
    const a = new RedisCache(redis(topology).redis, "ns-a:");
    const b = new RedisCache(redis(topology).redis, "ns-b:");
    await a.set("k", "from a", 60_000);
    await b.set("k", "from b", 60_000);
    expect(await a.get("k")).toBe("from a");
    await b.deletePrefix("");
    expect(await b.get("k")).toBeUndefined();
    expect(await a.get("k")).toBe("from a");
  });
});
