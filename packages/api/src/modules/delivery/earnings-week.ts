// A driver's week in the store's time zone: Monday's local midnight to the next Monday's, seven local days,
// the figures of each day and their totals. Deliveries count on the day they were delivered; a shift's
// distance and time count on the day it started.
import { localTime } from "../stores/hours.ts";
import { localMidnight } from "../stores/today-stats.ts";
import type { TEarningsWeek } from "./earnings.schemas.ts";
import { type EarningRow, figuresOf, type ShiftRow } from "./earnings-figures.ts";

const DAY_MS = 86_400_000;
const WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

export interface WeekBounds {
  from: Date;
  to: Date;
  /** The seven local dates (YYYY-MM-DD), Monday first. */
  days: string[];
}

/** The week containing `now` (`weeksBack` = 0) or one before it, in `timeZone`. */
export function weekBounds(now: Date, timeZone: string, weeksBack = 0): WeekBounds {
  const today = localMidnight(now, timeZone);
  const sinceMonday = WEEKDAYS.indexOf(localTime(now, timeZone).weekday);
  // Noon of a day is always inside it, whatever the daylight-saving change: its local midnight is the day's start.
  const dayStart = (fromToday: number) =>
    localMidnight(new Date(today.getTime() + fromToday * DAY_MS + DAY_MS / 2), timeZone);
  const first = -sinceMonday - 7 * weeksBack;
  const starts = Array.from({ length: 7 }, (_, i) => dayStart(first + i));
  return {
    from: starts[0]!,
    to: dayStart(first + 7),
    days: starts.map((d) => localTime(new Date(d.getTime() + DAY_MS / 2), timeZone).date),
  };
}

/** The week's figures per local day and in total. */
export function weekFigures(
  bounds: WeekBounds,
  earnings: readonly EarningRow[],
  shifts: readonly ShiftRow[],
  timeZone: string,
  currency: string,
  now: Date,
): TEarningsWeek {
  const dayOf = (at: Date) => localTime(at, timeZone).date;
  const inWeek = (at: Date) => at >= bounds.from && at < bounds.to;
  const e = earnings.filter((r) => inWeek(r.deliveredAt));
  const s = shifts.filter((r) => inWeek(r.startedAt));
  return {
    from: bounds.from.toISOString(),
    to: bounds.to.toISOString(),
    days: bounds.days.map((date) => ({
      date,
      ...figuresOf(
        e.filter((r) => dayOf(r.deliveredAt) === date),
        s.filter((r) => dayOf(r.startedAt) === date),
        currency,
        now,
      ),
    })),
    totals: figuresOf(e, s, currency, now),
  };
}
