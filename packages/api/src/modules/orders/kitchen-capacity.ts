// Kitchen capacity is oven load: each store bakes at most `kitchen_capacity` pizzas per 15-minute slot,
// counted in kitchen_slots (its `orders` column counts pizzas) by the slot in which they are due out of
// the kitchen. An order's load is its pizzas (at least 1: sides and drinks still take the pass). A load
// larger than a slot's free room fills consecutive slots, and the order is ready at the start of the
// last one: forty pizzas are not promised like one. Each order keeps its claims to give them back.
import type { Database, KitchenClaim, Kysely, QueryCreator, Transaction } from "@pizza/db";
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

export interface SlotClaim {
  slotStart: Date;
  units: number;
}

export interface SlotPlan {
  /** The first slot the order's load goes into (a plan's identity among the candidates). */
  slotStart: Date;
  readyAt: Date;
  /** The pizzas it puts into each slot, in ascending time. */
  claims: SlotClaim[];
}

/** An order's oven load: its pizzas, at least 1. */
export function ovenLoad(lines: readonly { kind: string; quantity: number }[]): number {
  return Math.max(
    1,
    lines.reduce((n, l) => n + (l.kind === "pizza" ? l.quantity : 0), 0),
  );
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
 * ASAP: from each slot at or after `earliest` that has room and in which the store is open, the chain of
 * slots the order's load fills (a full slot in between is passed over). When the current slot is full
 * the promise moves honestly to the next free one (ready at the start of the chain's last slot).
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
  /** The order's oven load (default 1). */
  load?: number;
}): SlotPlan[] {
  const plans: SlotPlan[] = [];
  const first = slotOf(args.earliest).getTime();
  for (let i = 0; i < MAX_ASAP_SLOTS && plans.length < (args.limit ?? 4); i++) {
    const start = first + i * SLOT_MS;
    if (args.skip?.has(start)) continue;
    if ((args.counts.get(start) ?? 0) >= args.capacity) continue;
    const plan = chainFrom(start, args.load ?? 1, args);
    if (plan) plans.push(plan);
  }
  return plans;
}

/** The slots a load fills from `start` on, within opening hours; null when it does not fit in time. */
function chainFrom(
  start: number,
  load: number,
  args: Pick<
    Parameters<typeof planAsap>[0],
    "earliest" | "capacity" | "counts" | "hours" | "timezone" | "overrides"
  >,
): SlotPlan | null {
  const claims: SlotClaim[] = [];
  let left = load;
  for (let t = start; left > 0 && t < start + MAX_ASAP_SLOTS * SLOT_MS; t += SLOT_MS) {
    const readyAt = new Date(Math.max(args.earliest.getTime(), t));
    if (!isOpenAt(args.hours, args.timezone, readyAt, args.overrides)) return null;
    const room = args.capacity - (args.counts.get(t) ?? 0);
    if (room <= 0) continue;
    const units = Math.min(room, left);
    claims.push({ slotStart: new Date(t), units });
    left -= units;
  }
  if (left > 0) return null;
  const last = claims[claims.length - 1]!.slotStart.getTime();
  return { slotStart: new Date(start), readyAt: new Date(Math.max(args.earliest.getTime(), last)), claims };
}

/** The statement that puts `units` of load into a slot: a row (`orders`) when claimed, none when it has no room. */
export function claimSlotQuery(
  db: QueryCreator<Database>,
  storeId: string,
  slotStart: Date,
  capacity: number,
  units = 1,
) {
  return db
    .insertInto("kitchen_slots")
    .values({ store_id: storeId, slot_start: slotStart, orders: units })
    .onConflict((oc) =>
      oc
        .columns(["store_id", "slot_start"])
        .doUpdateSet({ orders: sql`kitchen_slots.orders + ${units}` })
        .where(sql<boolean>`kitchen_slots.orders + ${units} <= ${capacity}`),
    )
    .returning("orders");
}

/**
 * Claims a plan's load, slot by slot; false when a slot filled up meanwhile (what was claimed of the plan
 * is given back). Never overfills. ON CONFLICT locks the slot's row even when it is full, until COMMIT:
 * claim a transaction's slots in ascending time only (the lock order, README), or two orders can deadlock.
 */
export async function claimPlan(
  trx: Transaction<Database>,
  storeId: string,
  plan: SlotPlan,
  capacity: number,
): Promise<boolean> {
  const done: SlotClaim[] = [];
  for (const c of plan.claims) {
    const row = await claimSlotQuery(trx, storeId, c.slotStart, capacity, c.units).executeTakeFirst();
    if (row === undefined) {
      await releaseClaims(trx, storeId, done);
      return false;
    }
    done.push(c);
  }
  return true;
}

/** The claims as stored on the order (`orders.kitchen_claims`). */
export const claimsJson = (claims: readonly SlotClaim[]) =>
  JSON.stringify(claims.map((c) => ({ slotStart: c.slotStart.toISOString(), units: c.units })));

async function releaseClaims(
  trx: Transaction<Database>,
  storeId: string,
  claims: readonly { slotStart: Date | string; units: number }[],
): Promise<void> {
  for (const c of claims) {
    await trx
      .updateTable("kitchen_slots")
      .set({ orders: sql`greatest(orders - ${c.units}, 0)` })
      .where("store_id", "=", storeId)
      .where("slot_start", "=", new Date(c.slotStart))
      .execute();
  }
}

/** Gives back what an order claimed; an order from before claims were kept gives back 1 in its ready slot. */
export async function releaseSlot(
  trx: Transaction<Database>,
  storeId: string,
  readyAt: Date,
  claims: readonly KitchenClaim[] = [],
): Promise<void> {
  await releaseClaims(trx, storeId, claims.length > 0 ? claims : [{ slotStart: slotOf(readyAt), units: 1 }]);
}
