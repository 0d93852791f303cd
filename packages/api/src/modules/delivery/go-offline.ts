// A driver clocks out. One holding a delivery finishes it first; open offers are declined.
import { preconditionFailed } from "../../errors.ts";
import type { AuthUser } from "../auth/tokens.ts";
import type { TGoOfflineResult } from "./delivery.schemas.ts";
import { iso, zoneOf } from "./delivery-context.ts";
import type { DeliveryRuntime } from "./delivery-deps.ts";

export async function goOffline(rt: DeliveryRuntime, user: AuthUser): Promise<TGoOfflineResult> {
  const me = await rt.drivers.require(user);
  const holding = await rt.db
    .selectFrom("deliveries")
    .select("id")
    .where("driver_id", "=", me.driverId)
    .where("status", "in", ["assigned", "picked_up"])
    .executeTakeFirst();
  if (holding) throw preconditionFailed("Finish your current delivery before going offline.");
  const pending = await rt.db
    .selectFrom("delivery_offers as f")
    .innerJoin("deliveries as d", "d.id", "f.delivery_id")
    .select(["f.delivery_id", "d.store_id"])
    .where("f.driver_id", "=", me.driverId)
    .where("f.status", "=", "pending")
    .execute();
  for (const p of pending) await rt.dispatcher.decline(zoneOf(p.store_id), p.delivery_id, me.driverId);
  await rt.index.setStatus(me.driverId, me.zone, "offline");
  await rt.distance.flush(me.driverId);
  const shift = await rt.db
    .updateTable("driver_shifts")
    .set({ ended_at: new Date() })
    .where("driver_id", "=", me.driverId)
    .where("ended_at", "is", null)
    .returning(["id", "started_at", "ended_at", "deliveries", "distance_m", "tips"])
    .executeTakeFirst();
  rt.distance.forget(me.driverId);
  return {
    shiftId: shift?.id ?? null,
    endedAt: iso(shift?.ended_at ?? null),
    deliveries: shift?.deliveries ?? 0,
    distanceM: shift?.distance_m ?? 0,
    tips: shift?.tips ?? 0,
  };
}
