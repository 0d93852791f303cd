import { randomBytes } from "node:crypto";
import { sql } from "@pizza/db";
import { createTestDb, type DbHandle, seed } from "@pizza/db/testing";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { loadConfig } from "../../env.ts";
import { createRedis } from "../../infra/redis.ts";
import { createPlatform, type Platform } from "../../platform.ts";
import { createCaller } from "../../root.ts";
import { failure } from "../../testing/assertions.ts";
import { aCarryoutOrder, aPizza } from "../../testing/builders.ts";
import {
  backings,
  createTestPlatform,
  opsHeaders,
  startTestServer,
  type TestPlatform,
} from "../../testing/harness.ts";
import { createContextInner } from "../../trpc.ts";
import type { AuthUser } from "../auth/tokens.ts";
import { TEST_CARDS } from "../payments/gateway/payment-gateway.ts";
import { aCustomer, anOrder, FaultyReviewReads } from "./test-builders.ts";

/** Short timeouts so the faults show quickly: 150 ms per read, open after 3 failures, retry after 300 ms. */
const FAST_BREAKER = {
  NONCRITICAL_TIMEOUT_MS: "150",
  BREAKER_FAILURE_THRESHOLD: "3",
  BREAKER_HALF_OPEN_MS: "300",
};

/**
 * Waits until a reviews read succeeds again: once the fault is gone the breaker lets a trial read
 * through after its half-open delay, and that read closes it. Resolves with the page that got through.
 */
const untilReadsWork = (t: TestPlatform) =>
  vi.waitFor(() => t.caller(null).review.listForItem({ itemId: "margherita" }), {
    timeout: 5_000,
    interval: 50,
  });

describe.each(backings)("reviews degrade gracefully on $name", (backing) => {
  let t: TestPlatform;
  let customer: AuthUser;
  const reads = new FaultyReviewReads();

  beforeAll(async () => {
    t = await createTestPlatform(backing, { seed: true, env: FAST_BREAKER, reviewReads: reads });
    customer = await aCustomer(t.db.db, "Robin Reviewer");
    const order = await anOrder(t.db.db, customer, { items: ["margherita"] });
    await t.caller(customer).review.submitReview({
      orderId: order.orderId,
      items: [{ itemId: "margherita", rating: 5, text: "Lovely" }],
    });
  });
  afterAll(async () => {
    reads.fault = undefined;
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
      reads.fault = () => {
        faultCalls++;
        return fault();
      };

      for (let i = 0; i < 3; i++) {
        const result = await failure(t.caller(null).review.listForItem({ itemId: "margherita" }));
        expect(result.code).toBe("PRECONDITION_FAILED");
        expect(result.message).toMatch(/^Reviews are temporarily unavailable/);
      }
      const readiness = await t.platform.readiness();
      expect(readiness.breakers?.reviews).toBe("open");
      expect(await t.caller(null).review.availability()).toEqual({ enabled: true, state: "degraded" });
      expect(readiness.ready).toBe(true); // a non-critical dependency never makes the node unready

      // Open: answered at once, without touching the failing dependency.
      const callsWhenOpen = faultCalls;
      await failure(t.caller(null).review.listForItem({ itemId: "margherita" }));
      expect(await reviews.ratingSummaries(["margherita"])).toBeUndefined(); // the menu goes without ratings
      expect(faultCalls).toBe(callsWhenOpen);
      const metrics = await t.platform.metrics.registry.metrics();
      expect(metrics).toMatch(/circuit_breaker_state\{name="reviews"\} 1/);

      // Submitting is a write of the customer's own order: it is not behind the read breaker.
      const order = await anOrder(t.db.db, customer, { items: ["cola"] });
      await t.caller(customer).review.submitReview({ orderId: order.orderId, overall: { rating: 4 } });

      reads.fault = undefined;
      const page = await untilReadsWork(t);
      expect(page.reviews.length).toBeGreaterThanOrEqual(1);
      expect((await t.platform.readiness()).breakers?.reviews).toBe("closed");
      expect(await t.caller(null).review.availability()).toEqual({ enabled: true, state: "ok" });
      expect((await reviews.ratingSummaries(["margherita"]))?.margherita?.count).toBeGreaterThanOrEqual(1);
    },
  );

  it("says so over HTTP too: 412 with the message, breakers in /readyz and /metrics", async () => {
    const server = await startTestServer(t.platform);
    reads.fault = () => {
      throw new Error("down");
    };
    try {
      const input = encodeURIComponent(JSON.stringify({ itemId: "margherita" }));
      let res: Response | undefined;
      for (let i = 0; i < 3; i++) res = await fetch(`${server.url}/trpc/review.listForItem?input=${input}`);
      expect(res?.status).toBe(412);
      const body = (await res?.json()) as { error: { message: string; data: { code: string } } };
      expect(body.error.message).toMatch(/^Reviews are temporarily unavailable/);
      expect(body.error.data.code).toBe("PRECONDITION_FAILED");
      const ready = await fetch(`${server.url}/readyz`, { headers: opsHeaders });
      expect(ready.status).toBe(200);
      expect(((await ready.json()) as { breakers: Record<string, string> }).breakers.reviews).toBe("open");
      expect(await (await fetch(`${server.url}/metrics`, { headers: opsHeaders })).text()).toMatch(
        /circuit_breaker_state\{name="reviews"\} 1/,
      );
    } finally {
      reads.fault = undefined;
      await server.close();
      await untilReadsWork(t);
    }
  });

  it("serves menu ratings within ~300 ms even when the reviews store hangs", async () => {
    reads.fault = () => new Promise<never>(() => {});
    try {
      const started = performance.now();
      const result = await t.platform.services.reviews.ratingSummaries(["margherita"]);
      expect(result).toBeUndefined();
      expect(performance.now() - started).toBeLessThan(1_000);
    } finally {
      reads.fault = undefined;
      await untilReadsWork(t);
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
    expect(await t.caller(null).review.availability()).toEqual({ enabled: false, state: "off" });
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
        const result = await failure(t.caller(null).review.listForItem({ itemId: "margherita" }));
        expect(result.message).toMatch(/temporarily unavailable/);
      }
      expect(t.platform.resilience.states().reviews).toBe("open");
    } finally {
      release();
      await holder;
    }
    const page = await untilReadsWork(t);
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

  it("serves the menu, takes orders and payments with Redis down", async () => {
    const customer = await aCustomer(db.db);
    const caller = (user: AuthUser | null) => createCaller(createContextInner({ platform, user }));
    const midtown = (
      await db.db
        .selectFrom("stores")
        .select("id")
        .where("slug", "=", "nyc-midtown")
        .executeTakeFirstOrThrow()
    ).id;
    const menu = await caller(null).menu.getMenu({ storeId: midtown, locale: "en" });
    expect(menu.items.length).toBeGreaterThan(0);
    const placed = await caller(customer).order.placeOrder(aCarryoutOrder(midtown));
    expect(placed.status).toBe("placed");
    const byCard = await caller(customer).order.placeOrder(
      aCarryoutOrder(midtown, { paymentMethod: "card" }),
    );
    const paid = await caller(customer).payment.processPayment({
      orderId: byCard.id,
      method: { type: "test_card", number: TEST_CARDS.succeeds, expMonth: 12, expYear: 2099, cvc: "123" },
    });
    expect(paid.status).toBe("succeeded");
    expect(platform.resilience.states().cache).toBe("open");
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

describe.each(backings)("the menu and ordering degrade gracefully on $name", (backing) => {
  let t: TestPlatform;
  let customer: AuthUser;
  let midtown: string;
  const reads = new FaultyReviewReads();

  beforeAll(async () => {
    t = await createTestPlatform(backing, { seed: true, env: FAST_BREAKER, reviewReads: reads });
    customer = await aCustomer(t.db.db, "Olive Orderer");
    midtown = (
      await t.db.db
        .selectFrom("stores")
        .select("id")
        .where("slug", "=", "nyc-midtown")
        .executeTakeFirstOrThrow()
    ).id;
    const order = await anOrder(t.db.db, customer, { items: ["margherita"] });
    await t
      .caller(customer)
      .review.submitReview({ orderId: order.orderId, items: [{ itemId: "margherita", rating: 5 }] });
  });
  afterAll(async () => {
    reads.fault = undefined;
    await t?.close();
  });

  const freshMenu = async () => {
    await t.platform.services.menu.invalidateStore(midtown);
    return t.caller(null).menu.getMenu({ storeId: midtown, locale: "en" });
  };
  const margherita = (menu: Awaited<ReturnType<typeof freshMenu>>) =>
    menu.items.find((i) => i.id === "margherita");

  it("shows ratings on the menu; while reviews fail the menu comes without them and orders still go through; then they return", async () => {
    const before = await freshMenu();
    expect(margherita(before)?.rating).toEqual({ average: 5, count: 1 });
    expect(before.ratingsUnavailable).toBeUndefined();

    reads.fault = () => new Promise<never>(() => {});
    try {
      const degraded = await freshMenu();
      expect(degraded.ratingsUnavailable).toBe(true);
      expect(degraded.items.every((i) => i.rating === null)).toBe(true);
      expect(margherita(degraded)?.available).toBe(true);

      const placed = await t.caller(customer).order.placeOrder(aCarryoutOrder(midtown));
      expect(placed.status).toBe("placed");
      expect(placed.replayed).toBe(false);
      // …and paying by card too.
      const byCard = await t
        .caller(customer)
        .order.placeOrder(aCarryoutOrder(midtown, { paymentMethod: "card" }));
      expect(byCard.status).toBe("pending_payment");
      const paid = await t.caller(customer).payment.processPayment({
        orderId: byCard.id,
        method: { type: "test_card", number: TEST_CARDS.succeeds, expMonth: 12, expYear: 2099, cvc: "123" },
      });
      expect(paid.status).toBe("succeeded");
    } finally {
      reads.fault = undefined;
    }
    const after = await vi.waitFor(
      async () => {
        const menu = await freshMenu();
        expect(menu.ratingsUnavailable).toBeUndefined();
        return menu;
      },
      { timeout: 5_000, interval: 50 },
    );
    expect(margherita(after)?.rating).toEqual({ average: 5, count: 1 });
  });

  it("serves the last good menu with its age when the database read fails, still checks live stock at checkout, and recovers", async () => {
    const good = await freshMenu();
    expect(good.stale).toBeUndefined();
    await sql`alter table menu_categories rename to menu_categories_broken`.execute(t.db.db);
    try {
      for (let i = 0; i < 4; i++) {
        const stale = await freshMenu();
        expect(stale.stale?.ageMs).toBeGreaterThanOrEqual(0);
        expect(stale.items.map((x) => x.id)).toEqual(good.items.map((x) => x.id));
      }
      expect(t.platform.resilience.states()["menu-db"]).toBe("open");

      // The stale menu still shows pepperoni as available; checkout checks live stock and refuses it.
      await t.db.db
        .insertInto("store_stock")
        .values({ store_id: midtown, entity: "item", entity_id: "pepperoni", available: false })
        .onConflict((oc) => oc.columns(["store_id", "entity", "entity_id"]).doUpdateSet({ available: false }))
        .execute();
      expect((await freshMenu()).items.find((x) => x.id === "pepperoni")?.available).toBe(true);
      const refused = await failure(t.caller(customer).order.placeOrder(aCarryoutOrder(midtown)));
      expect(refused.code).toBe("CONFLICT");
      expect(refused.message).toMatch(/out of stock/);
      const placed = await t
        .caller(customer)
        .order.placeOrder(aCarryoutOrder(midtown, { items: [aPizza({ itemId: "margherita" })] }));
      expect(placed.status).toBe("placed");
    } finally {
      await sql`alter table menu_categories_broken rename to menu_categories`.execute(t.db.db);
      await t.db.db
        .updateTable("store_stock")
        .set({ available: true })
        .where("store_id", "=", midtown)
        .where("entity_id", "=", "pepperoni")
        .execute();
    }
    const recovered = await vi.waitFor(
      async () => {
        const menu = await freshMenu();
        expect(menu.stale).toBeUndefined();
        return menu;
      },
      { timeout: 5_000, interval: 50 },
    );
    expect(recovered.items.find((x) => x.id === "pepperoni")?.available).toBe(true);
    expect(t.platform.resilience.states()["menu-db"]).toBe("closed");
  });
});
