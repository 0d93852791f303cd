// Kitchen capacity: each store takes at most `kitchen_capacity` orders per 15-minute slot, counted
// in kitchen_slots by the slot in which an order is due out of the kitchen (its ready estimate).
import type { Database, Kysely, QueryCreator, Transaction } from "@pizza/db";
import { sql } from "@pizza/db";
import { type HourOverride, isOpenAt, type WeeklyHours } from "../stores/hours.ts";

export const SLOT_MS = 15 * 60_000;
/** From "placed" to "ready" for an ASAP order when the kitchen has room (prep + oven + check + margin). */
export const KITCHEN_LEAD_MS = 15 * 60_000;
/** Driver hand-off at the store before the ride. */
export const HANDOFF_MS = 5 * 60_000;
/** How far ahead an ASAP order may be pushed before the store says it is fully booked. */
const MAX_ASAP_SLOTS = 4 * 12;

export const slotOf = (at: Date | number): Date =>
  new Date(Math.floor(new Date(at).getTime() / SLOT_MS) * SLOT_MS);

/** Ride time from the store: straight-line distance × 1.3 for streets, at the region's driver speed. */
export function travelMs(km: number, speedKmh: number): number {
  return Math.round(((km * 1.3) / Math.max(speedKmh, 1)) * 3600_000);
}

export interface SlotPlan {
  slotStart: Date;
  readyAt: Date;
}

export async function slotCounts(
  db: Kysely<Database>,
  storeId: string,
  from: Date,
  slots: number,
): Promise<Map<number, number>> {
  const rows = await db
    .selectFrom("kitchen_slots")
    .select(["slot_start", "orders"])
    .where("store_id", "=", storeId)
    .where("slot_start", ">=", slotOf(from))
    .where("slot_start", "<", new Date(slotOf(from).getTime() + slots * SLOT_MS))
    .execute();
  return new Map(rows.map((r) => [new Date(r.slot_start).getTime(), r.orders]));
}

/**
 * ASAP: the first slot at or after `earliest` that has room and in which the store is open. When the
 * current slot is full the promise moves honestly to the next free one (ready at its start).
 */
export function planAsap(args: {
  earliest: Date;
  capacity: number;
  counts: Map<number, number>;
  hours: WeeklyHours;
  timezone: string;
  overrides?: HourOverride[];
  skip?: Set<number>;
  /** How many candidate slots to return (default 4). */
  limit?: number;
}): SlotPlan[] {
  const plans: SlotPlan[] = [];
  const first = slotOf(args.earliest).getTime();
  for (let i = 0; i < MAX_ASAP_SLOTS && plans.length < (args.limit ?? 4); i++) {
    const start = first + i * SLOT_MS;
    if (args.skip?.has(start)) continue;
    if ((args.counts.get(start) ?? 0) >= args.capacity) continue;
    const readyAt = new Date(Math.max(args.earliest.getTime(), start));
    if (!isOpenAt(args.hours, args.timezone, readyAt, args.overrides)) continue;
    plans.push({ slotStart: new Date(start), readyAt });
  }
  return plans;
}

/** The statement that claims one order's place in a slot: a row (`orders`) when claimed, none when full. */
export function claimSlotQuery(
  db: QueryCreator<Database>,
  storeId: string,
  slotStart: Date,
  capacity: number,
) {
  return db
    .insertInto("kitchen_slots")
    .values({ store_id: storeId, slot_start: slotStart, orders: 1 })
    .onConflict((oc) =>
      oc
        .columns(["store_id", "slot_start"])
        .doUpdateSet({ orders: sql`kitchen_slots.orders + 1` })
        .where("kitchen_slots.orders", "<", capacity),
    )
    .returning("orders");
}

/**
 * Claims one order's place in a slot; false when the slot filled up meanwhile. Never overfills.
 * ON CONFLICT locks the slot's row even when it is full, until COMMIT: claim a transaction's slots
 * in ascending time only (the lock order, README), or two orders can deadlock.
 */
export async function claimSlot(
  trx: Transaction<Database>,
  storeId: string,
  slotStart: Date,
  capacity: number,
): Promise<boolean> {
  return (await claimSlotQuery(trx, storeId, slotStart, capacity).executeTakeFirst()) !== undefined;
}

export async function releaseSlot(trx: Transaction<Database>, storeId: string, readyAt: Date): Promise<void> {
  await trx
    .updateTable("kitchen_slots")
    .set({ orders: sql`greatest(orders - 1, 0)` })
    .where("store_id", "=", storeId)
    .where("slot_start", "=", slotOf(readyAt))
    .execute();
}
