// One drill's timeline: customers order and pay through the load balancer; after a warm-up the fault is
// injected (and, for a pause, healed); traffic runs on until the end, the platform is given time to
// finish what it started (the outbox drained, every ready order dispatched), and the books are checked.
// The JSON line says it all.
import type { Database, Kysely } from "@pizza/db";
import { type Books, checkBooks, deliveriesMissing, latency, recoverySeconds } from "./books.ts";
import { runDrivers } from "./drivers.ts";
import { DRILL_STORE, runCustomers } from "./traffic.ts";

export interface DrillLine extends Books {
  drill: string;
  errors_5xx: number;
  network_errors: number;
  refusals: number;
  /** Offers the drill's drivers accepted and deliveries they completed, through the API. */
  drivers_accepted: number;
  drivers_delivered: number;
  recovery_s: number;
  order_p99_ms: number;
  order_max_ms: number;
  /** dispatcher-kill: seconds from the kill to the next offer a driver received. */
  offers_resumed_s?: number;
}

export interface Timeline {
  warmupMs: number;
  /** How long traffic keeps running after the fault was injected. */
  afterMs: number;
  customers: number;
  drivers: number;
}

export const SHORT: Timeline = { warmupMs: 4_000, afterMs: 14_000, customers: 6, drivers: 4 };
export const FULL: Timeline = { warmupMs: 20_000, afterMs: 60_000, customers: 20, drivers: 12 };

export async function underTraffic(opts: {
  drill: string;
  db: Kysely<Database>;
  url: string;
  jwtSecret: string;
  timeline: Timeline;
  /** The fault; resolves once it is injected (and healed, for a pause). */
  inject: () => Promise<void>;
  /** Figures of the drill's own, from the database after the traffic (given the fault's wall-clock time). */
  measure?: (faultAt: Date) => Promise<Partial<DrillLine>>;
  log: (message: string) => void;
}): Promise<DrillLine> {
  const start = Date.now();
  let stop = false;
  const traffic = runCustomers({
    db: opts.db,
    url: opts.url,
    jwtSecret: opts.jwtSecret,
    customers: opts.timeline.customers,
    // About 6 orders a second from 6 customers: busy, within one kitchen's booking capacity for the drill.
    thinkMs: 300,
    until: () => stop,
    start,
  });
  const drivers = runDrivers({
    db: opts.db,
    url: opts.url,
    jwtSecret: opts.jwtSecret,
    drivers: opts.timeline.drivers,
    storeSlug: DRILL_STORE,
    until: () => stop,
  });
  await new Promise((r) => setTimeout(r, opts.timeline.warmupMs));
  const faultAt = Date.now() - start;
  const faultWall = new Date();
  opts.log(`fault at ${(faultAt / 1000).toFixed(1)} s`);
  await opts.inject();
  await new Promise((r) =>
    setTimeout(r, Math.max(0, opts.timeline.afterMs - (Date.now() - start - faultAt))),
  );
  stop = true;
  const [stats, fleet] = await Promise.all([traffic, drivers]);
  opts.log(`traffic stopped: ${stats.placed.length} orders placed, ${stats.paid.length} paid; settling`);
  await settled(opts.db, 30_000);
  for (const [said, n] of Object.entries(stats.refusals)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 5))
    opts.log(`refused ${n}×: ${said}`);
  const books = await checkBooks(opts.db, stats);
  if (books.events_lost > 0) await showLostEvents(opts.db, start, opts.log);
  return {
    drill: opts.drill,
    ...books,
    errors_5xx: stats.errors5xx,
    network_errors: stats.networkErrors,
    refusals: Object.values(stats.refusals).reduce((a, b) => a + b, 0),
    drivers_accepted: fleet.accepted,
    drivers_delivered: fleet.delivered,
    recovery_s: recoverySeconds(stats, faultAt),
    ...latency(stats),
    ...(opts.measure ? await opts.measure(faultWall) : {}),
  };
}

/**
 * Waits until the outbox relay has published everything and dispatch has made a delivery for every ready
 * delivery order (the kitchen keeps moving orders to ready after traffic stops, and dispatch consumes their
 * events after the relay publishes them), or the deadline passes: the books will say what is missing.
 */
async function settled(db: Kysely<Database>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const row = await db
      .selectFrom("outbox")
      .select((eb) => eb.fn.countAll().as("n"))
      .where("published_at", "is", null)
      .executeTakeFirstOrThrow();
    if (Number(row.n) === 0 && (await deliveriesMissing(db)) === 0) return;
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** What the books call lost, for the person reading the drill's log. */
async function showLostEvents(db: Kysely<Database>, start: number, log: (m: string) => void) {
  const at = (d: Date | string) => `${((new Date(d).getTime() - start) / 1000).toFixed(1)} s`;
  const rows = await db
    .selectFrom("outbox")
    .select(["topic", "aggregate_id", "created_at", "seq"])
    .where("published_at", "is", null)
    .orderBy("seq")
    .limit(20)
    .execute();
  for (const r of rows) log(`unpublished: ${r.topic} ${r.aggregate_id} written at ${at(r.created_at)}`);
  const orders = await db
    .selectFrom("orders")
    .leftJoin("deliveries", "deliveries.order_id", "orders.id")
    .select(["orders.id", "orders.status", "orders.updated_at"])
    .where("orders.channel", "=", "delivery")
    .where("orders.status", "in", ["ready", "out_for_delivery", "delivered"])
    .where("deliveries.id", "is", null)
    .limit(20)
    .execute();
  for (const o of orders) log(`no delivery: order ${o.id} ${o.status} since ${at(o.updated_at)}`);
}
