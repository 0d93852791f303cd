// A delivery's stop on a trip in PostgreSQL, written in the transaction that records its offer. The
// partial unique index on trip_stops (one active stop per delivery) refuses a delivery on two trips at
// once, whichever node records it; a trip's stops are deactivated when its offer ends unaccepted or one
// of its orders is cancelled.
import { type Database, type Kysely, sql, type Transaction } from "@pizza/db";
import type { TripRef } from "@pizza/dispatch";

/** The trip (once) and this delivery's stop on it, in route order. */
export async function recordTripStop(
  trx: Transaction<Database>,
  trip: TripRef,
  stop: { deliveryId: string; driverId: string; storeId: string },
): Promise<void> {
  await trx
    .insertInto("trips")
    .values({ id: trip.tripId, store_id: stop.storeId, driver_id: stop.driverId })
    .onConflict((oc) => oc.column("id").doNothing())
    .execute();
  await trx
    .insertInto("trip_stops")
    .values({
      trip_id: trip.tripId,
      delivery_id: stop.deliveryId,
      position: trip.stops.indexOf(stop.deliveryId) + 1,
    })
    .onConflict((oc) => oc.columns(["trip_id", "delivery_id"]).doNothing())
    .execute();
}

/** The delivery's trip offer was declined or ran out: it is on no trip any more. */
export async function endTripStop(trx: Kysely<Database>, deliveryId: string): Promise<void> {
  await trx
    .updateTable("trip_stops")
    .set({ active: false })
    .where("delivery_id", "=", deliveryId)
    .where("active", "=", true)
    .execute();
}

/**
 * An order of a trip was cancelled: the trip ends (every stop deactivated, so the rest is a plain
 * delivery and may join another trip). A partner whose trip was only offered has its open offer closed
 * (`cancelled`) and goes back to waiting (the dispatcher's index does the same in its release); one
 * already assigned stays with its driver. Returns the partners whose offer was closed, with the driver.
 */
export async function endTripOfCancelled(
  trx: Transaction<Database>,
  deliveryId: string,
): Promise<{ deliveryId: string; orderId: string; driverId: string }[]> {
  const ended = await trx
    .updateTable("trip_stops")
    .set({ active: false })
    .where("active", "=", true)
    .where("trip_id", "in", (eb) =>
      eb
        .selectFrom("trip_stops")
        .select("trip_id")
        .where("delivery_id", "=", deliveryId)
        .where("active", "=", true),
    )
    .returning(["trip_id", "delivery_id"])
    .execute();
  const partners = ended.map((s) => s.delivery_id).filter((id) => id !== deliveryId);
  if (partners.length === 0) return [];
  const driverId = (
    await trx.selectFrom("trips").select("driver_id").where("id", "=", ended[0]!.trip_id).executeTakeFirst()
  )?.driver_id;
  if (!driverId) return [];
  const now = new Date();
  const closed = await trx
    .updateTable("delivery_offers")
    .set({ status: "cancelled", responded_at: now })
    .where("delivery_id", "in", partners)
    .where("driver_id", "=", driverId)
    .where("status", "=", "pending")
    .returning("delivery_id")
    .execute();
  if (closed.length === 0) return [];
  const ids = closed.map((c) => c.delivery_id);
  await trx
    .updateTable("deliveries")
    .set({ status: "waiting", version: sql`version + 1`, updated_at: now })
    .where("id", "in", ids)
    .where("status", "=", "offered")
    .execute();
  const rows = await trx.selectFrom("deliveries").select(["id", "order_id"]).where("id", "in", ids).execute();
  return rows.map((r) => ({ deliveryId: r.id, orderId: r.order_id, driverId }));
}

/** A delivery's place on its active trip (1-based) and the trip's length; null when it is on none. */
export async function tripPositionOf(
  db: Kysely<Database>,
  deliveryId: string,
): Promise<{ tripId: string; stop: number; stops: number } | null> {
  const row = await db
    .selectFrom("trip_stops as s")
    .innerJoin("trip_stops as all", "all.trip_id", "s.trip_id")
    .select((eb) => ["s.trip_id", "s.position", eb.fn.countAll<number>().as("stops")])
    .where("s.delivery_id", "=", deliveryId)
    .where("s.active", "=", true)
    .groupBy(["s.trip_id", "s.position"])
    .executeTakeFirst();
  return row ? { tripId: row.trip_id, stop: row.position, stops: Number(row.stops) } : null;
}

/**
 * Items kept in their order, except that a trip's stops sit together, in route order, where the trip's
 * first item was (its offers or deliveries are written at one moment, so their own order is a tie).
 */
export function inTripOrder<T extends { trip?: { tripId: string; stop: number } | null }>(
  items: T[],
  keyOf: (item: T) => string,
): T[] {
  const first = new Map<string, number>();
  const group = (x: T) => x.trip?.tripId ?? keyOf(x);
  items.forEach((x, i) => {
    if (!first.has(group(x))) first.set(group(x), i);
  });
  return [...items].sort(
    (a, b) => first.get(group(a))! - first.get(group(b))! || (a.trip?.stop ?? 0) - (b.trip?.stop ?? 0),
  );
}
