// A driver clocks in at their home store: one open shift (idempotent) and available for offers.
import { forbidden } from "../../errors.ts";
import type { AuthUser } from "../auth/tokens.ts";
import type { TGoOnlineRequest, TGoOnlineResult } from "./delivery.schemas.ts";
import type { Db, DeliveryRuntime } from "./delivery-deps.ts";

/** The driver's open shift, if any. */
export function openShift(db: Db, driverId: string) {
  return db
    .selectFrom("driver_shifts")
    .select(["id", "store_id", "started_at", "distance_m", "deliveries", "tips"])
    .where("driver_id", "=", driverId)
    .where("ended_at", "is", null)
    .executeTakeFirst();
}

export async function goOnline(
  rt: DeliveryRuntime,
  user: AuthUser,
  input: TGoOnlineRequest,
): Promise<TGoOnlineResult> {
  const me = await rt.drivers.require(user);
  if (input.storeId !== me.storeId) {
    throw forbidden("You can only go online for your own store.");
  }
  let shift = await openShift(rt.db, me.driverId);
  if (!shift) {
    await rt.db
      .insertInto("driver_shifts")
      .values({ driver_id: me.driverId, store_id: me.storeId })
      .onConflict((oc) => oc.column("driver_id").where("ended_at", "is", null).doNothing())
      .execute();
    shift = await openShift(rt.db, me.driverId);
  }
  if (!shift) throw new Error("the open shift vanished right after it was created");
  const snap = await rt.index.setStatus(me.driverId, me.zone, "available");
  return {
    shiftId: shift.id,
    storeId: shift.store_id,
    startedAt: new Date(shift.started_at).toISOString(),
    state: snap.state,
  };
}
