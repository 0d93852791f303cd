// The books after a drill: what customers were told against what the database holds.
import { type Database, type Kysely, sql } from "@pizza/db";
import type { TrafficStats } from "./traffic.ts";

export interface Books {
  orders_placed: number;
  /** Orders a customer was told were placed that the database does not have. */
  orders_lost: number;
  /** Orders with more than one successful card payment, or more taken than the order costs. */
  double_charges: number;
  /** Orders a customer was told were paid whose payment the database does not hold as succeeded (paid less). */
  payments_lost: number;
  /** Deliveries a driver took (accepted offers), so duplicate_assignments has something to count. */
  deliveries_assigned: number;
  /** Deliveries more than one driver holds (accepted offers). */
  duplicate_assignments: number;
  /** Events still in the outbox after recovery, plus paid delivery orders ready for pickup with no delivery. */
  events_lost: number;
  /** Of events_lost: still unpublished in the outbox / ready delivery orders with no delivery row. */
  events_unpublished: number;
  deliveries_missing: number;
}

export async function checkBooks(db: Kysely<Database>, traffic: TrafficStats): Promise<Books> {
  const placed = [...new Set(traffic.placed)];
  const paid = [...new Set(traffic.paid)];
  const found =
    placed.length === 0
      ? 0
      : Number(
          (
            await db
              .selectFrom("orders")
              .select((eb) => eb.fn.countAll().as("n"))
              .where("id", "in", placed)
              .executeTakeFirstOrThrow()
          ).n,
        );
  const overcharged = await sql<{ n: string }>`
    select count(*) as n from (
      select o.id from orders o join payments p on p.order_id = o.id and p.status = 'succeeded' and p.method = 'card'
      group by o.id, o.total having count(*) > 1 or sum(p.amount) > o.total
    ) x`.execute(db);
  const paidFound =
    paid.length === 0
      ? 0
      : Number(
          (
            await db
              .selectFrom("payments")
              .select((eb) => eb.fn.count("order_id").distinct().as("n"))
              .where("order_id", "in", paid)
              .where("status", "=", "succeeded")
              .executeTakeFirstOrThrow()
          ).n,
        );
  const duplicates = await sql<{ n: string }>`
    select count(*) as n from (
      select delivery_id from delivery_offers where status = 'accepted' group by delivery_id having count(*) > 1
    ) x`.execute(db);
  const assigned = await db
    .selectFrom("delivery_offers")
    .select((eb) => eb.fn.count("delivery_id").distinct().as("n"))
    .where("status", "=", "accepted")
    .executeTakeFirstOrThrow();
  // Events written in the last seconds (the dispatcher's "no driver" while the books are read) are not late.
  const unpublished = await db
    .selectFrom("outbox")
    .select((eb) => eb.fn.countAll().as("n"))
    .where("published_at", "is", null)
    .where("created_at", "<", sql<Date>`now() - interval '5 seconds'`)
    .executeTakeFirstOrThrow();
  const readyWithoutDelivery = await deliveriesMissing(db);
  return {
    orders_placed: placed.length,
    orders_lost: placed.length - found,
    double_charges: Number(overcharged.rows[0]?.n ?? 0),
    payments_lost: paid.length - paidFound,
    deliveries_assigned: Number(assigned.n),
    duplicate_assignments: Number(duplicates.rows[0]?.n ?? 0),
    events_lost: Number(unpublished.n) + readyWithoutDelivery,
    events_unpublished: Number(unpublished.n),
    deliveries_missing: readyWithoutDelivery,
  };
}

/** Paid delivery orders ready for pickup (or past it) that dispatch has not made a delivery for. */
export async function deliveriesMissing(db: Kysely<Database>): Promise<number> {
  const { rows } = await sql<{ n: string }>`
    select count(*) as n from orders o
    where o.channel = 'delivery' and o.status in ('ready', 'out_for_delivery', 'delivered')
      and not exists (select 1 from deliveries d where d.order_id = o.id)`.execute(db);
  return Number(rows[0]?.n ?? 0);
}

/**
 * Seconds from the fault until customers were served again: past the last failed attempt and past the
 * last stall (no order completed for more than STALL_MS), to the next completed order. Slow but flowing
 * service is degradation, not an outage: the drill line shows it as the order's p99/max latency.
 */
const STALL_MS = 2_000;

export function recoverySeconds(traffic: TrafficStats, faultAtMs: number): number {
  const done = traffic.completions.filter((t) => t > faultAtMs).sort((a, b) => a - b);
  let healedAt = Math.max(faultAtMs, ...traffic.failures.filter((t) => t >= faultAtMs));
  let previous = faultAtMs;
  for (const t of done) {
    if (t - previous > STALL_MS) healedAt = Math.max(healedAt, previous);
    previous = t;
  }
  const next = done.find((t) => t > healedAt);
  if (next === undefined) return Number.POSITIVE_INFINITY;
  return Math.round((next - faultAtMs) / 100) / 10;
}

/** p99 and max of the customers' order (+ payment) round trips, retries included. */
export function latency(traffic: TrafficStats): { order_p99_ms: number; order_max_ms: number } {
  const sorted = [...traffic.latencies].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  return { order_p99_ms: at(0.99), order_max_ms: sorted.at(-1) ?? 0 };
}
