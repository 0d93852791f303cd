// When an order leaves the kitchen and when the customer gets it: the store's state as placing sees it,
// the ASAP or scheduled plan, the claim of a kitchen slot (kitchen-capacity.ts) and the free times a
// full slot answers with. The decisions are in README.md, "Kitchen capacity" and "Lock order".
import type { Database, Transaction } from "@pizza/db";
import { badRequest, conflict, preconditionFailed } from "../../errors.ts";
import { msg } from "../../i18n/message.ts";
import type { Menu } from "../menu/menu.types.ts";
import { type HourOverride, isOpenAt, nextOpening, type WeeklyHours } from "../stores/hours.ts";
import {
  claimPlan,
  KITCHEN_LEAD_MS,
  planAsap,
  SLOT_MS,
  type SlotPlan,
  slotCounts,
  slotOf,
} from "./kitchen-capacity.ts";
import type { OrdersContext } from "./order-context.ts";

/** How far ahead an order may be scheduled (and free times looked up). */
export const MAX_SCHEDULE_AHEAD_MS = 7 * 24 * 3600_000;

/** When an order leaves the kitchen and the oven load it puts into each slot (kitchen-capacity.ts). */
export type Plan = SlotPlan;

/** What placing an order needs to know about its store, read from the store's cached menu. */
export interface PlanningStore {
  id: string;
  name: string;
  regionCode: string;
  lat: number;
  lng: number;
  hours: WeeklyHours;
  hourOverrides: HourOverride[];
  timezone: string;
  acceptingOrders: boolean;
  deliveryPaused: boolean;
  kitchenCapacity: number;
  openNow: boolean;
  opensAt: string | null;
}

export function storeOfMenu(menu: Menu, now: Date): PlanningStore {
  const s = menu.store;
  const overrides = s.hourOverrides ?? [];
  const inHours = isOpenAt(s.hours, s.timezone, now, overrides);
  const opensAt = inHours || !s.acceptingOrders ? null : nextOpening(s.hours, s.timezone, now, overrides);
  return {
    id: s.id,
    name: s.name,
    regionCode: s.regionCode,
    lat: s.lat,
    lng: s.lng,
    hours: s.hours,
    hourOverrides: overrides,
    timezone: s.timezone,
    acceptingOrders: s.acceptingOrders,
    deliveryPaused: s.deliveryPaused,
    kitchenCapacity: s.kitchenCapacity,
    openNow: inHours && s.acceptingOrders,
    opensAt: opensAt?.toISOString() ?? null,
  };
}

/** An ASAP order: the first slots with room for its load within opening hours, from `earliest` on. */
export function asapPlans(
  store: PlanningStore,
  earliest: Date,
  counts: Map<number, number>,
  load: number,
): Plan[] {
  if (!store.openNow) {
    throw preconditionFailed(
      store.opensAt
        ? msg("order.closedOpensAt", { store: store.name, opensAt: store.opensAt })
        : msg("order.closed", { store: store.name }),
      { reason: "closed", opensAt: store.opensAt },
    );
  }
  const plans = planAsap({
    earliest,
    capacity: store.kitchenCapacity,
    counts,
    hours: store.hours,
    timezone: store.timezone,
    overrides: store.hourOverrides,
    load,
  });
  if (plans.length === 0) {
    throw preconditionFailed(msg("order.kitchenFull", { store: store.name }), {
      reason: "kitchen_full",
    });
  }
  return plans;
}

/**
 * A scheduled order: its slot must be in the future, within store hours, and have room for its load
 * (up to a whole slot: a larger scheduled order holds its slot whole).
 */
export async function scheduledPlan(
  ctx: Pick<OrdersContext, "db" | "stores" | "now">,
  store: PlanningStore,
  at: Date,
  travel: number,
  now: Date,
  load: number,
): Promise<Plan[]> {
  const readyAt = new Date(at.getTime() - travel);
  if (readyAt.getTime() < now.getTime() + KITCHEN_LEAD_MS) {
    throw badRequest(msg("order.tooSoon"));
  }
  if (at.getTime() > now.getTime() + MAX_SCHEDULE_AHEAD_MS)
    throw badRequest(msg("order.tooFarAhead", { days: 7 }));
  if (
    !isOpenAt(store.hours, store.timezone, readyAt, store.hourOverrides) ||
    !isOpenAt(store.hours, store.timezone, at, store.hourOverrides)
  ) {
    throw preconditionFailed(msg("order.outsideHours", { store: store.name }), {
      reason: "outside_hours",
    });
  }
  const counts = await slotCounts(ctx.db, store.id, readyAt, 1);
  const units = Math.min(load, store.kitchenCapacity);
  if ((counts.get(slotOf(readyAt).getTime()) ?? 0) + units > store.kitchenCapacity) {
    const free = await freeSlots(ctx, store.id, readyAt, travel, 6);
    throw preconditionFailed(msg("order.slotFull"), {
      reason: "slot_full",
      nextSlots: free,
    });
  }
  return [{ slotStart: slotOf(readyAt), readyAt, claims: [{ slotStart: slotOf(readyAt), units }] }];
}

/**
 * Claims the first planned slot with room (a scheduled order: its one slot). When a burst filled every
 * planned slot meanwhile, an ASAP order tries the following ones from `more`, only later in time.
 */
export async function claimPlanned(
  trx: Transaction<Database>,
  store: Pick<PlanningStore, "id" | "kitchenCapacity">,
  plans: Plan[],
  opts: { scheduled: boolean; firstTried: boolean; more: (tried: Set<number>) => Plan[] },
): Promise<Plan> {
  const tries = opts.scheduled ? plans.slice(0, 1) : plans;
  for (const p of opts.firstTried ? tries.slice(1) : tries) {
    if (await claimPlan(trx, store.id, p, store.kitchenCapacity)) return p;
  }
  if (!opts.scheduled) {
    // Slots are locked in ascending time only (the lock order, README): never go back to an earlier one.
    const last = Math.max(...tries.map((t) => t.slotStart.getTime()));
    for (const p of opts.more(new Set(tries.map((t) => t.slotStart.getTime())))) {
      if (p.slotStart.getTime() <= last) continue;
      if (await claimPlan(trx, store.id, p, store.kitchenCapacity)) return p;
    }
  }
  throw conflict(opts.scheduled ? msg("order.slotJustBooked") : msg("order.kitchenJustFilled"), {
    reason: "kitchen_full",
  });
}

/** Next times (delivery or pick-up) whose kitchen slot has room, from `readyFrom`'s slot on. */
export async function freeSlots(
  ctx: Pick<OrdersContext, "db" | "stores" | "now">,
  storeId: string,
  readyFrom: Date,
  travel: number,
  count: number,
): Promise<string[]> {
  const store = await ctx.stores.get(storeId);
  const counts = await slotCounts(ctx.db, storeId, readyFrom, 7 * 24 * 4);
  const out: string[] = [];
  let t = slotOf(readyFrom).getTime();
  const minReady = ctx.now().getTime() + KITCHEN_LEAD_MS;
  const horizon = ctx.now().getTime() + MAX_SCHEDULE_AHEAD_MS;
  for (let i = 0; i < 7 * 24 * 4 && out.length < count; i++, t += SLOT_MS) {
    if (t < slotOf(minReady).getTime()) continue;
    if (t + travel > horizon) break;
    if ((counts.get(t) ?? 0) >= store.kitchenCapacity) continue;
    const readyAt = Math.max(t, minReady);
    if (!isOpenAt(store.hours, store.timezone, new Date(readyAt))) continue;
    out.push(new Date(readyAt + travel).toISOString());
  }
  return out;
}
