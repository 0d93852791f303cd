// Known orders at fixed local times for the reports' tests and the store console's e2e: the week of
// Monday 2026-11-02 at Midtown Manhattan (America/New_York, EST = UTC−5 that week), one order at
// Williamsburg, one at Berlin Mitte (EUR), and two Midtown orders just outside the week that only a
// UTC reading of the days would count. The figures they must give are in `MIDTOWN_WEEK` below.
import type { Database, Kysely, OrderStatus } from "@pizza/db";

/** The week the fixture fills, as a report filter's dates. */
export const FIXTURE_WEEK = { from: "2026-11-02", to: "2026-11-08" } as const;

interface OrderSpec {
  store: string;
  channel: "delivery" | "carryout";
  total: number;
  /** Local wall-clock times of each status ("2026-11-02 12:00"), in the order's store's zone. */
  history: [OrderStatus, string][];
  promised: string;
  promo?: number;
  reward?: { discount: number; points: number };
  /** What deals took off the order's lines (`orders.deal_discount`). */
  deal?: number;
  delivery?: { assigned: string; delivered: string };
  reviews?: { rating: number; at: string; hidden?: boolean; target?: "overall" | "driver" }[];
}

const ZONES: Record<string, { offset: string; region: string; currency: string }> = {
  "nyc-midtown": { offset: "-05:00", region: "us", currency: "USD" },
  "nyc-williamsburg": { offset: "-05:00", region: "us", currency: "USD" },
  "ber-mitte": { offset: "+01:00", region: "de", currency: "EUR" },
};

const M = "nyc-midtown";
const ORDERS: OrderSpec[] = [
  {
    store: M,
    channel: "delivery",
    total: 2000,
    promised: "2026-11-02 12:45",
    history: [
      ["placed", "2026-11-02 12:00"],
      ["preparing", "2026-11-02 12:02"],
      ["baking", "2026-11-02 12:05"],
      ["quality_check", "2026-11-02 12:15"],
      ["ready", "2026-11-02 12:17"],
      ["out_for_delivery", "2026-11-02 12:20"],
      ["delivered", "2026-11-02 12:40"],
    ],
    delivery: { assigned: "2026-11-02 12:18", delivered: "2026-11-02 12:40" },
    reviews: [{ rating: 5, at: "2026-11-02 13:00" }],
  },
  {
    store: M,
    channel: "delivery",
    total: 3000,
    promised: "2026-11-02 13:15",
    history: [
      ["placed", "2026-11-02 12:30"],
      ["preparing", "2026-11-02 12:34"],
      ["baking", "2026-11-02 12:40"],
      ["quality_check", "2026-11-02 12:50"],
      ["ready", "2026-11-02 12:52"],
      ["out_for_delivery", "2026-11-02 12:55"],
      ["delivered", "2026-11-02 13:25"],
    ],
    // Assigned while the first was still on the road (one trip): busy time counts the overlap once.
    delivery: { assigned: "2026-11-02 12:35", delivered: "2026-11-02 13:25" },
    reviews: [{ rating: 2, at: "2026-11-02 23:30" }],
  },
  {
    store: M,
    channel: "carryout",
    total: 1500,
    promised: "2026-11-02 23:50",
    history: [
      ["placed", "2026-11-02 23:30"],
      ["preparing", "2026-11-02 23:31"],
      ["baking", "2026-11-02 23:35"],
      ["quality_check", "2026-11-02 23:45"],
      ["ready", "2026-11-02 23:46"],
      ["picked_up", "2026-11-02 23:55"],
    ],
  },
  {
    store: M,
    channel: "delivery",
    total: 2500,
    promised: "2026-11-04 18:45",
    history: [
      ["placed", "2026-11-04 18:00"],
      ["cancelled", "2026-11-04 18:05"],
    ],
  },
  {
    store: M,
    channel: "delivery",
    total: 4000,
    promised: "2026-11-05 19:45",
    promo: 500,
    reward: { discount: 300, points: 150 },
    deal: 700,
    history: [
      ["placed", "2026-11-05 19:00"],
      ["preparing", "2026-11-05 19:01"],
      ["baking", "2026-11-05 19:03"],
      ["quality_check", "2026-11-05 19:13"],
      ["ready", "2026-11-05 19:14"],
      ["out_for_delivery", "2026-11-05 19:20"],
      ["delivered", "2026-11-05 19:50"],
    ],
    delivery: { assigned: "2026-11-05 19:15", delivered: "2026-11-05 19:50" },
    reviews: [
      { rating: 4, at: "2026-11-05 20:00" },
      { rating: 1, at: "2026-11-05 20:01", hidden: true, target: "driver" },
    ],
  },
  // Outside the week in New York, inside it in UTC (2026-11-02 04:50Z and 2026-11-09 05:10Z... the
  // second is outside either way, the first only locally).
  {
    store: M,
    channel: "carryout",
    total: 999,
    promised: "2026-11-01 23:59",
    history: [["placed", "2026-11-01 23:50"]],
  },
  {
    store: M,
    channel: "carryout",
    total: 777,
    promised: "2026-11-09 00:30",
    history: [["placed", "2026-11-09 00:10"]],
  },
  {
    store: "nyc-williamsburg",
    channel: "carryout",
    total: 1000,
    promised: "2026-11-03 10:30",
    history: [["placed", "2026-11-03 10:00"]],
  },
  {
    store: "ber-mitte",
    channel: "carryout",
    total: 1800,
    promised: "2026-11-03 12:30",
    history: [["placed", "2026-11-03 12:00"]],
  },
];

/** The driver's shifts at Midtown: 4 h on Monday and 3 h on Thursday. */
const SHIFTS: [string, string][] = [
  ["2026-11-02 11:00", "2026-11-02 15:00"],
  ["2026-11-05 18:00", "2026-11-05 21:00"],
];

const at = (store: string, local: string) => new Date(`${local.replace(" ", "T")}:00${ZONES[store]!.offset}`);

async function idOf(db: Kysely<Database>, table: "stores", slug: string): Promise<string> {
  return (await db.selectFrom(table).select("id").where("slug", "=", slug).executeTakeFirstOrThrow()).id;
}

async function aUser(db: Kysely<Database>, name: string, role: "customer" | "driver") {
  const tag = Math.random().toString(36).slice(2, 10);
  return db
    .insertInto("users")
    .values({
      email: `${role}-${tag}@example.com`,
      phone: null,
      password_hash: "test-only",
      name,
      role,
      store_id: null,
      locale: null,
      updated_at: new Date(),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
}

/** Writes the fixture (needs the demo chain seeded); returns the driver's id. Run it once per database. */
export async function seedReportFixture(db: Kysely<Database>, driverName = "Rita Reports"): Promise<string> {
  const customer = await aUser(db, "Report Customer", "customer");
  const driver = await aUser(db, driverName, "driver");
  const midtown = await idOf(db, "stores", M);
  await db.insertInto("drivers").values({ user_id: driver.id, home_store_id: midtown }).execute();
  const promo = await db.selectFrom("promo_codes").select("id").executeTakeFirstOrThrow();
  for (const [n, o] of ORDERS.entries())
    await insertOrder(db, o, n, { customer: customer.id, driver: driver.id, promo: promo.id });
  for (const [start, end] of SHIFTS)
    await db
      .insertInto("driver_shifts")
      .values({ driver_id: driver.id, store_id: midtown, started_at: at(M, start), ended_at: at(M, end) })
      .execute();
  return driver.id;
}

async function insertOrder(
  db: Kysely<Database>,
  o: OrderSpec,
  n: number,
  who: { customer: string; driver: string; promo: string },
): Promise<void> {
  const zone = ZONES[o.store]!;
  const storeId = await idOf(db, "stores", o.store);
  const placed = at(o.store, o.history[0]![1]);
  const status = o.history[o.history.length - 1]![0];
  const discount = (o.promo ?? 0) + (o.reward?.discount ?? 0) + (o.deal ?? 0);
  const row = await db
    .insertInto("orders")
    .values({
      region_code: zone.region,
      store_id: storeId,
      customer_id: who.customer,
      channel: o.channel,
      status,
      version: o.history.length,
      payment_method: "cash",
      currency: zone.currency,
      subtotal: o.total + discount,
      discount,
      deal_discount: o.deal ?? 0,
      tax_included: true,
      total: o.total,
      idempotency_key: `report-fixture-${n}`,
      promised_at: at(o.store, o.promised),
      created_at: placed,
      updated_at: placed,
      ...(o.channel === "delivery" ? { lat: 40.76, lng: -73.98 } : {}),
      ...(o.promo ? { promo_code_id: who.promo } : {}),
      ...(o.reward ? { reward_id: "report-fixture-reward", reward_points: o.reward.points } : {}),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  const region_code = zone.region;
  let from: OrderStatus | null = null;
  for (const [i, [to, local]] of o.history.entries()) {
    await db
      .insertInto("order_status_history")
      .values({
        order_id: row.id,
        region_code,
        from_status: from,
        to_status: to,
        version: i + 1,
        at: at(o.store, local),
      })
      .execute();
    from = to;
  }
  if (o.promo)
    await db
      .insertInto("promo_redemptions")
      .values({
        promo_id: who.promo,
        order_id: row.id,
        region_code,
        customer_id: who.customer,
        discount: o.promo,
        created_at: placed,
      })
      .execute();
  if (o.delivery)
    await db
      .insertInto("deliveries")
      .values({
        order_id: row.id,
        region_code,
        store_id: storeId,
        driver_id: who.driver,
        status: "delivered",
        assigned_at: at(o.store, o.delivery.assigned),
        delivered_at: at(o.store, o.delivery.delivered),
      })
      .execute();
  for (const r of o.reviews ?? [])
    await db
      .insertInto("reviews")
      .values({
        order_id: row.id,
        region_code,
        store_id: storeId,
        customer_id: who.customer,
        target_type: r.target ?? "overall",
        target_id: r.target === "driver" ? who.driver : row.id,
        rating: r.rating,
        created_at: at(o.store, r.at),
        hidden_at: r.hidden ? at(o.store, r.at) : null,
      })
      .execute();
}
