// The figures a store's roster shows per driver (issue 20): the open shift's and this week's, in the
// store's time zone, the same sums the driver sees in their app (earnings-figures.ts).
import type { StoreForDispatch } from "../stores/store-for-dispatch.ts";
import type { DeliveryRuntime } from "./delivery-deps.ts";
import type { TEarningsFigures } from "./earnings.schemas.ts";
import { earningRows, figuresOf, shiftRows } from "./earnings-figures.ts";
import { weekBounds } from "./earnings-week.ts";

export interface RosterEarnings {
  shift: TEarningsFigures | null;
  week: TEarningsFigures;
}

/** Per driver id: the open shift's figures (`openShifts`: driver → shift id) and this week's. */
export async function rosterEarnings(
  rt: DeliveryRuntime,
  store: StoreForDispatch,
  driverIds: readonly string[],
  openShifts: ReadonlyMap<string, string>,
): Promise<Map<string, RosterEarnings>> {
  for (const id of openShifts.keys()) await rt.distance.flush(id);
  const now = new Date();
  const week = weekBounds(now, store.timezone);
  const [weekEarnings, weekShifts, open, openEarnings] = await Promise.all([
    earningRows(rt.db, { driverIds, from: week.from, to: week.to }),
    shiftRows(rt.db, { driverIds, from: week.from, to: week.to }),
    shiftRows(rt.db, { ids: [...openShifts.values()] }),
    earningRows(rt.db, { shiftIds: [...openShifts.values()] }),
  ]);
  const out = new Map<string, RosterEarnings>();
  for (const id of driverIds) {
    const shiftId = openShifts.get(id);
    out.set(id, {
      shift: shiftId
        ? figuresOf(
            openEarnings.filter((e) => e.shiftId === shiftId),
            open.filter((s) => s.id === shiftId),
            store.currency,
            now,
          )
        : null,
      week: figuresOf(
        weekEarnings.filter((e) => e.driverId === id),
        weekShifts.filter((s) => s.driverId === id),
        store.currency,
        now,
      ),
    });
  }
  return out;
}
