// The driver's weekly summary (`delivery.weeklyEarnings`): this week and last week in their home store's
// time zone, per day and in total, from their earnings rows and shifts.
import { notFound } from "../../errors.ts";
import type { AuthUser } from "../auth/tokens.ts";
import { storeForDispatch } from "../stores/store-for-dispatch.ts";
import type { DeliveryRuntime } from "./delivery-deps.ts";
import type { TWeeklyEarnings } from "./earnings.schemas.ts";
import { earningRows, shiftRows } from "./earnings-figures.ts";
import { weekBounds, weekFigures } from "./earnings-week.ts";

export async function weeklyEarnings(rt: DeliveryRuntime, user: AuthUser): Promise<TWeeklyEarnings> {
  const me = await rt.drivers.require(user);
  const store = await storeForDispatch(rt.db, me.storeId);
  if (!store) throw notFound("We could not find your store.");
  await rt.distance.flush(me.driverId);
  const now = new Date();
  const thisWeek = weekBounds(now, store.timezone);
  const lastWeek = weekBounds(now, store.timezone, 1);
  const span = { driverIds: [me.driverId], from: lastWeek.from, to: thisWeek.to };
  const [earnings, shifts] = await Promise.all([earningRows(rt.db, span), shiftRows(rt.db, span)]);
  const week = (b: typeof thisWeek) => weekFigures(b, earnings, shifts, store.timezone, store.currency, now);
  return {
    storeId: store.id,
    timezone: store.timezone,
    feePerDelivery: store.driverFeePerDelivery,
    currency: store.currency,
    thisWeek: week(thisWeek),
    lastWeek: week(lastWeek),
  };
}
