// A store's drivers for its console: who is on shift, where, doing what (open offer, current delivery),
// their rating, and their earnings figures (open shift, this week). The store is the one
// `storeStaffProcedure` resolved for the caller.
import type { DriverSnapshot } from "@pizza/dispatch";
import { notFound } from "../../errors.ts";
import { accountContacts } from "../auth/account-contacts.ts";
import { ordersForDispatch } from "../orders/order-for-dispatch.ts";
import { storeForDispatch } from "../stores/store-for-dispatch.ts";
import type { TRoster, TRosterDriver } from "./delivery.schemas.ts";
import { iso, zoneOf } from "./delivery-context.ts";
import type { DeliveryRuntime } from "./delivery-deps.ts";
import { rosterEarnings } from "./roster-earnings.ts";

type Rating = { average: number | null; count: number };
type CurrentDelivery = TRosterDriver["currentDelivery"];

export async function storeRoster(rt: DeliveryRuntime, storeId: string): Promise<TRoster> {
  const store = await storeForDispatch(rt.db, storeId);
  if (!store) throw notFound("We could not find that store.");
  const drivers = await rt.db
    .selectFrom("drivers as d")
    .leftJoin("driver_shifts as sh", (j) =>
      j.onRef("sh.driver_id", "=", "d.user_id").on("sh.ended_at", "is", null),
    )
    .select(["d.user_id", "d.vehicle", "sh.id as shift_id", "sh.started_at"])
    .where("d.home_store_id", "=", storeId)
    .execute();
  const ids = drivers.map((d) => d.user_id);
  const names = await accountContacts(rt.db, ids);
  const current = await currentDeliveries(rt, ids);
  const ratings = await ratingsOf(rt, ids);
  const openShifts = new Map(drivers.flatMap((d) => (d.shift_id ? [[d.user_id, d.shift_id] as const] : [])));
  const earnings = await rosterEarnings(rt, store, ids, openShifts);
  const out: TRosterDriver[] = [];
  for (const d of drivers) {
    const snap = await rt.index.getDriver(d.user_id, zoneOf(store.id));
    out.push({
      driverId: d.user_id,
      name: names.get(d.user_id)?.name ?? "",
      vehicle: d.vehicle,
      state: d.shift_id ? (snap?.state ?? "offline") : "offline",
      onShiftSince: iso(d.started_at ?? null),
      ...whereAndWhat(snap),
      rating: ratings[d.user_id] ?? null,
      currentDelivery: current.get(d.user_id) ?? null,
      earnings: earnings.get(d.user_id)!,
    });
  }
  out.sort((a, b) => a.name.localeCompare(b.name));
  return { storeId, drivers: out };
}

function whereAndWhat(snap: DriverSnapshot | null | undefined) {
  return {
    position: snap?.position
      ? { lat: snap.position.lat, lng: snap.position.lng, at: new Date(snap.position.ts).toISOString() }
      : null,
    fresh: snap?.fresh ?? false,
    offer: snap?.offer
      ? { deliveryId: snap.offer.deliveryId, expiresAt: new Date(snap.offer.deadline).toISOString() }
      : null,
  };
}

/** The delivery each of these drivers holds, keyed by driver id. */
async function currentDeliveries(
  rt: DeliveryRuntime,
  driverIds: string[],
): Promise<Map<string, NonNullable<CurrentDelivery>>> {
  const out = new Map<string, NonNullable<CurrentDelivery>>();
  if (driverIds.length === 0) return out;
  const rows = await rt.db
    .selectFrom("deliveries")
    .select(["id", "driver_id", "status", "order_id"])
    .where("driver_id", "in", driverIds)
    .where("status", "in", ["assigned", "picked_up"])
    .execute();
  const orders = await ordersForDispatch(
    rt.db,
    rows.map((r) => r.order_id),
  );
  for (const r of rows) {
    const o = orders.get(r.order_id);
    if (!r.driver_id || !o || out.has(r.driver_id)) continue;
    out.set(r.driver_id, {
      deliveryId: r.id,
      orderId: r.order_id,
      orderNumber: o.orderNumber,
      status: r.status,
    });
  }
  return out;
}

async function ratingsOf(rt: DeliveryRuntime, ids: string[]): Promise<Record<string, Rating>> {
  if (!rt.reviews || ids.length === 0) return {};
  try {
    return await rt.reviews.ratingsFor("driver", ids);
  } catch {
    return {}; // reviews are non-critical: the roster shows no ratings while they are down
  }
}
