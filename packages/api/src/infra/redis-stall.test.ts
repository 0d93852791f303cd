// A Redis that stalls (SIGSTOP: connections stay open, nothing answers — as while it is paused, swapping
// or failing over) must slow ordering down, never stop it or take the nodes out of the load balancer.
// Found by the redis-pause drill (`npm run drill -- redis-pause`): limits waited for Redis forever, and
// /readyz, which required Redis, sent every node out of HAProxy's rotation at once (503 for everyone).
import { createTestDb, type DbHandle, seed } from "@pizza/db/testing";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPlatform, type Platform } from "../platform.ts";
import { createCaller } from "../root.ts";
import { aCarryoutOrder, aCustomer, storeId } from "../testing/builders.ts";
import { testConfig } from "../testing/harness.ts";
import { type OwnRedis, startOwnRedis } from "../testing/own-redis.ts";
import { createContextInner } from "../trpc.ts";
import { redisRateLimiter } from "./rate-limiter.ts";
import { createRedis } from "./redis.ts";

describe("while Redis stalls", () => {
  let own: OwnRedis;
  beforeAll(async () => {
    own = await startOwnRedis();
  });
  afterAll(async () => {
    await own.stop();
  });

  it("rate limits count in the node's own memory, and still refuse past the limit", async () => {
    const redis = createRedis(own.url, { keyPrefix: "stall:" });
    try {
      const limiter = redisRateLimiter(redis);
      await redis.ping();
      expect((await limiter.hit("k", 3, 60_000)).allowed).toBe(true);
      own.pause();
      const during = [];
      for (let i = 0; i < 4; i++) during.push(await limiter.hit("k", 3, 60_000));
      expect(during.map((d) => d.allowed)).toEqual([true, true, true, false]);
    } finally {
      own.resume();
      redis.disconnect();
    }
  });

  describe("the platform", () => {
    let db: DbHandle;
    let platform: Platform;
    beforeAll(async () => {
      db = await createTestDb("postgres");
      await seed(db.db);
      const config = testConfig({ PLACE_ORDER_LIMIT_PER_CUSTOMER: "5", PLACE_ORDER_LIMIT_PER_IP: "100" });
      platform = await createPlatform(config, {
        dbHandle: db,
        redis: createRedis(own.url, { keyPrefix: "stall-platform:" }),
        log: pino({ level: "silent" }),
      });
    });
    afterAll(async () => {
      own.resume();
      await platform.close();
      platform.redis?.disconnect();
      await db.close();
    });

    it("takes orders and stays ready (Redis named as down) until Redis answers again", async () => {
      const t = { platform, db };
      const customer = await aCustomer(t as never);
      const store = await storeId(t as never, "nyc-midtown");
      const caller = createCaller(createContextInner({ platform, user: customer, ip: "203.0.113.9" }));
      own.pause();
      try {
        const order = await caller.order.placeOrder(aCarryoutOrder(store));
        expect(order.status).toBe("placed");
        const readiness = await platform.readiness();
        expect(readiness.ready).toBe(true);
        expect(readiness.checks).toEqual({ db: "ok", redis: "down" });
      } finally {
        own.resume();
      }
      await expect
        .poll(async () => (await platform.readiness()).checks.redis, { timeout: 10_000 })
        .toBe("ok");
    });
  });
});
