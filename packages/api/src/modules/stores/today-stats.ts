// store.todayStats: the store console's "today" numbers since the store's local midnight, computed from
// the orders module's day queries and the reviews module's ratings.
import type { Database } from "@pizza/db";
import type { Kysely } from "kysely";
import { notFound } from "../../errors.ts";
import { statusTimes, storeOrdersSince } from "../orders/store-day-queries.ts";
import { storeRatingsSince } from "../reviews/review-queries.ts";

/** The UTC instant of the local midnight that started `at`'s day in `timeZone`. */
export function localMidnight(at: Date, timeZone: string): Date {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    })
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  const asUtc = Date.UTC(
    Number(parts.year),
    Number(parts.month) - 1,
    Number(parts.day),
    Number(parts.hour),
    Number(parts.minute),
    Number(parts.second),
  );
  const offset = asUtc - Math.floor(at.getTime() / 1000) * 1000; // local = utc + offset
  const midnightLocal = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day));
  return new Date(midnightLocal - offset);
}

export interface TodayStats {
  storeId: string;
  /** Local midnight the numbers start from (ISO). */
  since: string;
  timezone: string;
  currency: string;
  /** Orders placed today (paid or cash), cancelled ones included in `cancelled` only. */
  orders: number;
  cancelled: number;
  active: number;
  /** Sum of the totals of today's orders that were not cancelled, minor units of `currency`. */
  sales: number;
  /** placed → ready, averaged over today's orders that reached ready (ms), null when none did. */
  avgMakeMs: number | null;
  /** out_for_delivery → delivered (time on the road), averaged (ms). */
  avgDeliveryMs: number | null;
  /** placed → delivered / picked up (ms). */
  avgOrderToDoorMs: number | null;
  /** Finished after their promised time, or still open past it. */
  late: number;
  /** Reviews written today about this store's orders (hidden ones left out). */
  ratings: { count: number; average: number | null };
}

const avg = (xs: number[]) => (xs.length ? Math.round(xs.reduce((a, b) => a + b, 0) / xs.length) : null);

/** Today's numbers of a store the caller acts for (checked by `storeStaffProcedure`). */
export async function todayStats(
  db: Kysely<Database>,
  storeId: string,
  now: Date = new Date(),
): Promise<TodayStats> {
  const store = await db
    .selectFrom("stores")
    .innerJoin("regions", "regions.code", "stores.region_code")
    .select(["stores.id", "stores.timezone", "regions.currency"])
    .where("stores.id", "=", storeId)
    .executeTakeFirst();
  if (!store) throw notFound("We could not find that store.");
  const since = localMidnight(now, store.timezone);

  const orders = await storeOrdersSince(db, storeId, since);
  const at = await statusTimes(
    db,
    orders.map((o) => o.id),
    ["placed", "ready", "out_for_delivery", "delivered", "picked_up"],
  );
  const make: number[] = [];
  const road: number[] = [];
  const door: number[] = [];
  let late = 0;
  for (const o of orders) {
    const m = at.get(o.id);
    const placed = m?.get("placed");
    const ready = m?.get("ready");
    const out = m?.get("out_for_delivery");
    const done = m?.get("delivered") ?? m?.get("picked_up");
    if (placed !== undefined && ready !== undefined) make.push(ready - placed);
    if (out !== undefined && m?.get("delivered") !== undefined) road.push(m.get("delivered")! - out);
    if (placed !== undefined && done !== undefined) door.push(done - placed);
    const promised = new Date(o.promised_at).getTime();
    if (o.status !== "cancelled" && (done ?? now.getTime()) > promised) late++;
  }
  const live = orders.filter((o) => o.status !== "cancelled");
  return {
    storeId,
    since: since.toISOString(),
    timezone: store.timezone,
    currency: store.currency.trim(),
    orders: orders.length,
    cancelled: orders.length - live.length,
    active: live.filter((o) => !["delivered", "picked_up"].includes(o.status)).length,
    sales: live.reduce((sum, o) => sum + o.total, 0),
    avgMakeMs: avg(make),
    avgDeliveryMs: avg(road),
    avgOrderToDoorMs: avg(door),
    late,
    ratings: await storeRatingsSince(db, storeId, since),
  };
}
