// A driver's current or last shift (or the one named): deliveries, distance driven, tips, and the figures
// of its earnings rows (time, fees, tips by kind, cash to hand in).
import { notFound } from "../../errors.ts";
import type { AuthUser } from "../auth/tokens.ts";
import { storeForDispatch } from "../stores/store-for-dispatch.ts";
import type { TShiftSummary } from "./delivery.schemas.ts";
import { iso } from "./delivery-context.ts";
import type { DeliveryRuntime } from "./delivery-deps.ts";
import { earningRows, figuresOf } from "./earnings-figures.ts";

export async function shiftSummary(
  rt: DeliveryRuntime,
  user: AuthUser,
  input: { shiftId?: string | undefined },
): Promise<TShiftSummary> {
  const me = await rt.drivers.require(user);
  await rt.distance.flush(me.driverId);
  let q = rt.db
    .selectFrom("driver_shifts")
    .select(["id", "store_id", "started_at", "ended_at", "deliveries", "distance_m", "tips"])
    .where("driver_id", "=", me.driverId);
  q = input.shiftId ? q.where("id", "=", input.shiftId) : q.orderBy("started_at", "desc").limit(1);
  const s = await q.executeTakeFirst();
  const store = s ? await storeForDispatch(rt.db, s.store_id) : undefined;
  if (!s || !store) {
    if (input.shiftId) throw notFound("We could not find that shift.");
    return null;
  }
  const snap = await rt.index.getDriver(me.driverId, me.zone);
  const shift = {
    id: s.id,
    driverId: me.driverId,
    startedAt: new Date(s.started_at),
    endedAt: s.ended_at ? new Date(s.ended_at) : null,
    distanceM: s.distance_m,
  };
  const earned = await earningRows(rt.db, { shiftIds: [s.id] });
  return {
    shiftId: s.id,
    storeId: s.store_id,
    startedAt: new Date(s.started_at).toISOString(),
    endedAt: iso(s.ended_at),
    online: s.ended_at === null,
    state: s.ended_at === null ? (snap?.state ?? "offline") : "offline",
    deliveries: s.deliveries,
    distanceM: s.distance_m,
    tips: s.tips,
    currency: store.currency,
    figures: figuresOf(earned, [shift], store.currency, new Date()),
    feePerDelivery: store.driverFeePerDelivery,
  };
}
