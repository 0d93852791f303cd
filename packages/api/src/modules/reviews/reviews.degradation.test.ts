import { randomBytes } from "node:crypto";
import { sql } from "@pizza/db";
import { createTestDb, type DbHandle, seed } from "@pizza/db/testing";
import { TRPCError } from "@trpc/server";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../env.ts";
import { createRedis } from "../../infra/redis.ts";
import { createPlatform, type Platform } from "../../platform.ts";
import { createCaller } from "../../root.ts";
import { backings, createTestPlatform, type TestPlatform } from "../../testing/harness.ts";
import { createContextInner } from "../../trpc.ts";
import type { AuthUser } from "../auth/tokens.ts";
import { aCustomer, anOrder } from "./test-builders.ts";

/** Short timeouts so the faults show quickly: 150 ms per read, open after 3 failures, retry after 300 ms. */
const FAST_BREAKER = {
  NONCRITICAL_TIMEOUT_MS: "150",
  BREAKER_FAILURE_THRESHOLD: "3",
  BREAKER_HALF_OPEN_MS: "300",
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function failure(promise: Promise<unknown>): Promise<TRPCError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error, "expected the call to fail").toBeInstanceOf(TRPCError);
  return error as TRPCError;
}

async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; result: T }> {
  const started = performance.now();
  const result = await fn();
  return { ms: performance.now() - started, result };
}

describe.each(backings)("reviews degrade gracefully on $name", (backing) => {
  let t: TestPlatform;
  let customer: AuthUser;

  beforeAll(async () => {
    t = await createTestPlatform(backing, { seed: true, env: FAST_BREAKER });
    customer = await aCustomer(t.db.db, "Robin Reviewer");
    const order = await anOrder(t.db.db, customer, { items: ["margherita"] });
    await t.caller(customer).review.submitReview({
      orderId: order.orderId,
      items: [{ itemId: "margherita", rating: 5, text: "Lovely" }],
    });
  });
  afterAll(async () => {
    t.platform.services.reviews.injectReadFault(undefined);
    await t?.close();
  });

  it.each([
    ["hangs", () => new Promise<never>(() => {})],
    [
      "throws",
      () => {
        throw new Error("relation reviews is broken");
      },
    ],
  ])(
    "when the reviews read %s: answers 'temporarily unavailable' fast, opens the breaker, and recovers once the fault is gone",
    async (_label, fault) => {
      const reviews = t.platform.services.reviews;
      let faultCalls = 0;
      reviews.injectReadFault(() => {
        faultCalls++;
        return fault();
      });

      for (let i = 0; i < 3; i++) {
        const { ms, result } = await timed(() =>
          failure(t.caller(null).review.listForItem({ itemId: "margherita" })),
        );
        expect(result.code).toBe("PRECONDITION_FAILED");
        expect(result.message).toMatch(/^Reviews are temporarily unavailable/);
        expect(ms).toBeLessThan(1_000);
      }
      const readiness = await t.platform.readiness();
      expect(readiness.breakers?.reviews).toBe("open");
      expect(readiness.ready).toBe(true); // a non-critical dependency never makes the node unready

      // Open: answered at once, without touching the failing dependency.
      const callsWhenOpen = faultCalls;
      const { ms } = await timed(() => failure(t.caller(null).review.listForItem({ itemId: "margherita" })));
      expect(ms).toBeLessThan(100);
      expect(await reviews.ratingSummaries(["margherita"])).toBeUndefined(); // the menu goes without ratings
      expect(faultCalls).toBe(callsWhenOpen);
      const metrics = await t.platform.metrics.registry.metrics();
      expect(metrics).toMatch(/circuit_breaker_state\{name="reviews"\} 1/);

      // Submitting is a write of the customer's own order: it is not behind the read breaker.
      const order = await anOrder(t.db.db, customer, { items: ["cola"] });
      await t.caller(customer).review.submitReview({ orderId: order.orderId, overall: { rating: 4 } });

      reviews.injectReadFault(undefined);
      await sleep(350);
      const page = await t.caller(null).review.listForItem({ itemId: "margherita" });
      expect(page.reviews.length).toBeGreaterThanOrEqual(1);
      expect((await t.platform.readiness()).breakers?.reviews).toBe("closed");
      expect((await reviews.ratingSummaries(["margherita"]))?.["margherita"]?.count).toBeGreaterThanOrEqual(
        1,
      );
    },
  );

  it("serves menu ratings within ~300 ms even when the reviews store hangs", async () => {
    const reviews = t.platform.services.reviews;
    reviews.injectReadFault(() => new Promise<never>(() => {}));
    try {
      const { ms, result } = await timed(() => reviews.ratingSummaries(["margherita"]));
      expect(result).toBeUndefined();
      expect(ms).toBeLessThan(600);
    } finally {
      reviews.injectReadFault(undefined);
      await sleep(350);
    }
  });
});

describe.each(backings)("the reviews feature switch on $name", (backing) => {
  let t: TestPlatform;
  beforeAll(async () => {
    t = await createTestPlatform(backing, { seed: true, env: { REVIEWS_ENABLED: "false" } });
  });
  afterAll(async () => {
    await t?.close();
  });

  it("turns reviews off by configuration: calls say so, the menu gets no ratings", async () => {
    const customer = await aCustomer(t.db.db);
    const order = await anOrder(t.db.db, customer, {});
    const submit = await failure(
      t.caller(customer).review.submitReview({ orderId: order.orderId, overall: { rating: 5 } }),
    );
    expect(submit.code).toBe("PRECONDITION_FAILED");
    expect(submit.message).toMatch(/turned off/);
    const list = await failure(t.caller(null).review.listForItem({ itemId: "margherita" }));
    expect(list.message).toMatch(/turned off/);
    expect(await t.platform.services.reviews.ratingSummaries(["margherita"])).toBeUndefined();
    expect(t.platform.features.isEnabled("reviews")).toBe(false);
  });
});

describe("a locked reviews table on PostgreSQL", () => {
  let t: TestPlatform;
  beforeAll(async () => {
    t = await createTestPlatform({ db: "postgres", redis: true }, { seed: true, env: FAST_BREAKER });
  });
  afterAll(async () => {
    await t?.close();
  });

  it("times the reads out instead of queueing behind the lock, and recovers when the lock goes", async () => {
    let release!: () => void;
    const released = new Promise<void>((r) => {
      release = r;
    });
    let locked!: () => void;
    const lockTaken = new Promise<void>((r) => {
      locked = r;
    });
    const holder = t.db.db.transaction().execute(async (trx) => {
      await sql`lock table reviews in access exclusive mode`.execute(trx);
      locked();
      await released;
    });
    await lockTaken;
    try {
      for (let i = 0; i < 3; i++) {
        const { ms, result } = await timed(() =>
          failure(t.caller(null).review.listForItem({ itemId: "margherita" })),
        );
        expect(result.message).toMatch(/temporarily unavailable/);
        expect(ms).toBeLessThan(1_000);
      }
      expect(t.platform.resilience.states().reviews).toBe("open");
    } finally {
      release();
      await holder;
    }
    await sleep(350);
    const page = await t.caller(null).review.listForItem({ itemId: "margherita" });
    expect(page.reviews).toEqual([]);
    expect(t.platform.resilience.states().reviews).toBe("closed");
  });
});

describe("Redis down", () => {
  let platform: Platform;
  let db: DbHandle;
  beforeAll(async () => {
    db = await createTestDb("postgres");
    await seed(db.db);
    const dead = createRedis("redis://127.0.0.1:1");
    const config = loadConfig({
      NODE_ENV: "test",
      JWT_SECRET: randomBytes(32).toString("hex"),
      SEED_DEMO: "false",
      SERVE_APPS: "false",
      LOG_LEVEL: "silent",
      ...FAST_BREAKER,
    });
    platform = await createPlatform(config, { dbHandle: db, redis: dead, log: pino({ level: "silent" }) });
    dead.on("error", () => {});
  });
  afterAll(async () => {
    await platform?.close();
    platform?.redis?.disconnect();
    await db?.close();
  });

  it("keeps reviews and ratings working, and readiness names Redis as the broken part", async () => {
    const customer = await aCustomer(db.db);
    const order = await anOrder(db.db, customer, { items: ["margherita"] });
    const caller = (user: AuthUser | null) => createCaller(createContextInner({ platform, user }));
    await caller(customer).review.submitReview({
      orderId: order.orderId,
      items: [{ itemId: "margherita", rating: 4 }],
    });
    const page = await caller(null).review.listForItem({ itemId: "margherita" });
    expect(page.summary).toEqual({ average: 4, count: 1 });
    expect(await platform.services.reviews.ratingSummaries(["margherita"])).toEqual({
      margherita: { average: 4, count: 1 },
    });
    const readiness = await platform.readiness();
    expect(readiness.checks.redis).toBe("down");
  });
});
