// A busy Friday night on one store, through the real HTTP server, PostgreSQL and Redis: hundreds of
// simultaneous placeOrder calls (delivery and carryout, card and cash, some with a promo, some with
// counted stock) while earlier orders are changed and cancelled. Every answer must be an order or a
// clear 4xx — never a 500 — and the counters must equal what the live orders hold afterwards.
import { randomUUID } from "node:crypto";
import { sql } from "@pizza/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { aPizza, aSide, aStaff, NEAR, storeId } from "../../testing/builders.ts";
import { createTestPlatform, startTestServer, type TestPlatform } from "../../testing/harness.ts";
import { slotTallies } from "../../testing/kitchen-slots.ts";
import { until } from "../../testing/signals.ts";
import type { TPlaceOrderInput } from "./orders.schemas.ts";

const PLACES = 750;
const EARLIER = 60;
// Pizzas per slot (oven load): every order of the rush has two, so twelve orders a slot as before.
const CAPACITY = 24;
const STOCK = { tiramisu: 90, lava_cake: 45 } as const;
const PROMO = "CONTEND";
const PROMO_LIMIT = 120;

interface Answer {
  status: number;
  body: { result?: { data: { id: string } }; error?: { message: string; data?: { code: string } } };
}

describe("placeOrder under contention on one store (real PostgreSQL, Redis, HTTP)", () => {
  let t: TestPlatform;
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let store: string;

  beforeAll(async () => {
    t = await createTestPlatform({ db: "postgres", redis: true }, { seed: true });
    server = await startTestServer(t.platform);
    store = await storeId(t, "nyc-midtown");
    const staff = await aStaff(t, "nyc-midtown");
    const caller = t.caller(staff);
    await caller.store.setKitchenCapacity({ storeId: store, capacity: CAPACITY });
    for (const [item, stock] of Object.entries(STOCK)) {
      await caller.store.setAvailability({
        storeId: store,
        entity: "item",
        entityId: item,
        available: true,
        stock,
      });
    }
    await t.platform.db
      .insertInto("promo_codes")
      .values({ code: PROMO, kind: "fixed", amount: 100, usage_limit: PROMO_LIMIT })
      .execute();
  });
  afterAll(async () => {
    await server?.close();
    await t?.close();
  });

  /** Many distinct customers, each with its own token. */
  async function customers(n: number): Promise<string[]> {
    const rows = await t.platform.db
      .insertInto("users")
      .values(
        Array.from({ length: n }, () => ({
          email: `rush-${randomUUID()}@example.com`,
          phone: null,
          password_hash: "test-only",
          name: "Friday Rush",
          role: "customer" as const,
          store_id: null,
          locale: "en",
          updated_at: new Date(),
        })),
      )
      .returning(["id", "name"])
      .execute();
    return Promise.all(
      rows.map((r) => t.platform.tokens.sign({ id: r.id, role: "customer", storeId: null, name: r.name })),
    );
  }

  /** Order number i of the rush: a deterministic mix of everything placeOrder can do. */
  function orderOf(i: number): TPlaceOrderInput {
    const delivery = i % 2 === 0;
    const items = [aPizza(), aPizza({ itemId: "margherita" })];
    if (i % 5 === 0) items.push(aSide("tiramisu", "", 1 + (i % 2)));
    if (i % 7 === 0) items.push(aSide("lava_cake", "", 1));
    return {
      idempotencyKey: `rush-${randomUUID()}`,
      channel: delivery ? "delivery" : "carryout",
      paymentMethod: i % 3 === 0 ? "cash" : "card",
      storeId: store,
      ...(delivery
        ? { address: { line1: "1 Rush Street", city: "New York" }, location: NEAR["nyc-midtown"] }
        : {}),
      items,
      tip: i % 4 === 1 ? 200 : 0,
      ...(i % 4 === 0 ? { promoCode: PROMO } : {}),
      ...(i % 25 === 3 ? { scheduledFor: new Date(Date.now() + 3 * 3600_000).toISOString() } : {}),
    };
  }

  async function call(path: string, token: string, ip: string, body: unknown): Promise<Answer> {
    const res = await fetch(`${server.url}/trpc/${path}`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        authorization: `Bearer ${token}`,
        "x-forwarded-for": ip,
      },
      body: JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as Answer["body"] };
  }

  const ipOf = (i: number) => `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;

  it("updateOrder takes the counted stock before the promo, like placeOrder and cancel (one lock order)", async () => {
    const [token] = await customers(1);
    const placed = await call("order.placeOrder", token!, "10.200.0.1", {
      ...orderOf(1),
      channel: "carryout",
      paymentMethod: "cash",
      promoCode: PROMO,
      items: [aPizza(), aSide("tiramisu", "", 1)],
    });
    expect(placed.status, JSON.stringify(placed.body)).toBe(200);
    const orderId = placed.body.result!.data.id;
    let release!: () => void;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    let locked!: () => void;
    const stockLocked = new Promise<void>((resolve) => {
      locked = resolve;
    });
    // Another order's transaction holds the tiramisu count while this order is changed.
    const holder = t.platform.db.transaction().execute(async (trx) => {
      await sql`select 1 from store_stock where store_id = ${store} and entity_id = 'tiramisu' for update`.execute(
        trx,
      );
      locked();
      await held;
    });
    await stockLocked;
    const update = call("order.updateOrder", token!, "10.200.0.1", {
      orderId,
      items: [aPizza(), aSide("tiramisu", "", 2)],
    });
    try {
      // Wait until the update is blocked on a lock (a positive signal), then look at what it holds.
      await until("the update to wait for the stock row's lock", async () => {
        const waiting = await sql<{ n: number }>`
          select count(*)::int as n from pg_stat_activity
          where datname = current_database() and wait_event_type = 'Lock' and query ilike '%store_stock%'`.execute(
          t.platform.db,
        );
        return waiting.rows[0]!.n > 0;
      });
      // The promo row is free: the update waits for the stock before it touches the promo.
      const promoFree = await sql`select 1 from promo_codes where code = ${PROMO} for update nowait`
        .execute(t.platform.db)
        .then(
          () => true,
          (e: { code?: string }) => e.code,
        );
      expect(promoFree).toBe(true);
    } finally {
      release();
      await holder;
    }
    const updated = await update;
    expect(updated.status, JSON.stringify(updated.body)).toBe(200);
  });

  it(`answers ${PLACES} simultaneous orders (with changes and cancels) with orders or clear 4xx, and the counters add up`, async () => {
    // Earlier orders that are changed or cancelled during the rush (update and cancel take the same locks).
    const earlyTokens = await customers(EARLIER);
    const early = await Promise.all(
      earlyTokens.map((token, i) => call("order.placeOrder", token, ipOf(100_000 + i), orderOf(i * 4))),
    );
    for (const a of early) expect(a.status, JSON.stringify(a.body)).toBe(200);

    const tokens = await customers(PLACES);
    const rush: Promise<{ kind: string; answer: Answer }>[] = tokens.map(async (token, i) => ({
      kind: "place",
      answer: await call("order.placeOrder", token, ipOf(i), orderOf(i)),
    }));
    early.forEach((a, i) => {
      const orderId = a.body.result!.data.id;
      rush.push(
        (async () =>
          i % 2 === 0
            ? {
                kind: "cancel",
                answer: await call("order.cancelOrder", earlyTokens[i]!, ipOf(100_000 + i), {
                  orderId,
                  reason: "changed my mind",
                }),
              }
            : {
                kind: "update",
                answer: await call("order.updateOrder", earlyTokens[i]!, ipOf(100_000 + i), {
                  orderId,
                  items: [aPizza(), aSide("tiramisu", "", 1), aSide("lava_cake", "", 1)],
                  promoCode: i % 4 === 1 ? PROMO : null,
                }),
              })(),
      );
    });
    const answers = await Promise.all(rush);

    const byStatus = new Map<number, number>();
    for (const { answer } of answers) byStatus.set(answer.status, (byStatus.get(answer.status) ?? 0) + 1);
    const serverErrors = answers.filter(({ answer }) => answer.status >= 500);
    expect(
      serverErrors.map(({ kind, answer }) => `${kind} ${answer.status}: ${answer.body.error?.message}`),
      `statuses: ${JSON.stringify(Object.fromEntries(byStatus))}`,
    ).toEqual([]);
    for (const { kind, answer } of answers) {
      if (answer.status === 200) expect(answer.body.result?.data).toBeDefined();
      else {
        expect(answer.status, `${kind}: ${JSON.stringify(answer.body)}`).toBeGreaterThanOrEqual(400);
        expect(answer.status).toBeLessThan(500);
        expect(answer.body.error?.message).toMatch(/\w{3,}/);
      }
    }
    const placed = answers.filter(({ kind, answer }) => kind === "place" && answer.status === 200).length;
    // The store is busy, not broken: most of the rush got an order, and some slots filled.
    expect(placed).toBeGreaterThan(PLACES / 2);

    // Slot counters (oven load, pizzas) equal what the live orders claimed per slot, and never exceed the capacity.
    const slots = await slotTallies(t.platform.db, store);
    expect(slots.filter((r) => r.counted !== r.live)).toEqual([]);
    expect(Math.max(...slots.map((r) => r.counted))).toBeLessThanOrEqual(CAPACITY);
    expect(slots.some((r) => r.counted === CAPACITY)).toBe(true);

    // Stock = initial − what live orders hold.
    for (const [item, initial] of Object.entries(STOCK)) {
      const row = await sql<{ stock: number; held: number }>`
        select s.stock,
               (select coalesce(sum(r.quantity), 0)::int from stock_reservations r
                 join orders o on o.id = r.order_id and o.region_code = r.region_code
                 where r.store_id = s.store_id and r.entity = s.entity and r.entity_id = s.entity_id
                   and r.released_at is null and o.status <> 'cancelled') as held
        from store_stock s where s.store_id = ${store} and s.entity = 'item' and s.entity_id = ${item}`.execute(
        t.platform.db,
      );
      expect(row.rows[0], item).toBeDefined();
      expect(row.rows[0]!.stock + row.rows[0]!.held, item).toBe(initial);
    }

    // The promo's use count = its live redemptions.
    const promo = await sql<{ used_count: number; live: number }>`
      select p.used_count,
             (select count(*)::int from promo_redemptions r
               join orders o on o.id = r.order_id and o.region_code = r.region_code
               where r.promo_id = p.id and r.released_at is null and o.status <> 'cancelled') as live
      from promo_codes p where p.code = ${PROMO}`.execute(t.platform.db);
    expect(promo.rows[0]!.used_count).toBe(promo.rows[0]!.live);
    expect(promo.rows[0]!.used_count).toBeLessThanOrEqual(PROMO_LIMIT);
  }, 120_000);
});
