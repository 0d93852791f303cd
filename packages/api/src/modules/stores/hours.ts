// Opening hours in the store's own time zone. Pure: the clock is an argument.

export type Weekday = "mon" | "tue" | "wed" | "thu" | "fri" | "sat" | "sun";
export type WeeklyHours = Record<Weekday, [string, string][]>;
export interface HourOverride {
  /** Local date, YYYY-MM-DD. */
  day: string;
  opens: string | null;
  closes: string | null;
  closed: boolean;
}

const DAYS: Weekday[] = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      weekday: "short",
    });
    formatters.set(timeZone, f);
  }
  return f;
}

export interface LocalTime {
  /** YYYY-MM-DD in the zone. */
  date: string;
  weekday: Weekday;
  /** Minutes since local midnight. */
  minutes: number;
}

const memo = new Map<string, LocalTime>();

/** The wall-clock time in a zone; memoized per zone and minute (Intl formatting is the costly part). */
export function localTime(at: Date, timeZone: string): LocalTime {
  const minute = Math.floor(at.getTime() / 60_000);
  const key = `${timeZone}|${minute}`;
  const known = memo.get(key);
  if (known) return known;
  const value = formatLocalTime(at, timeZone);
  if (memo.size >= 5000) memo.clear();
  memo.set(key, value);
  return value;
}

function formatLocalTime(at: Date, timeZone: string): LocalTime {
  const parts: Record<string, string> = {};
  for (const p of formatter(timeZone).formatToParts(at)) parts[p.type] = p.value;
  const weekday = parts.weekday!.toLowerCase().slice(0, 3) as Weekday;
  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    weekday,
    minutes: Number(parts.hour) * 60 + Number(parts.minute),
  };
}

const toMinutes = (hhmm: string): number => {
  const [h, m] = hhmm.split(":").map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
};

function previousDate(date: string): string {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

function spansFor(
  hours: WeeklyHours,
  overrides: readonly HourOverride[],
  date: string,
  weekday: Weekday,
): [number, number][] {
  const o = overrides.find((x) => x.day === date);
  if (o) {
    if (o.closed || !o.opens || !o.closes) return [];
    return [[toMinutes(o.opens), toMinutes(o.closes)]];
  }
  return (hours[weekday] ?? []).map(([a, b]) => [toMinutes(a), toMinutes(b)]);
}

/**
 * Open at `at`? A span whose closing time is not after its opening time runs past midnight
 * ("11:00"–"02:00" on Friday covers Saturday 00:00–02:00); "24:00" closes at midnight.
 */
export function isOpenAt(
  hours: WeeklyHours,
  timeZone: string,
  at: Date,
  overrides: readonly HourOverride[] = [],
): boolean {
  const t = localTime(at, timeZone);
  for (const [open, close] of spansFor(hours, overrides, t.date, t.weekday)) {
    if (close > open ? t.minutes >= open && t.minutes < close : t.minutes >= open) return true;
  }
  const yesterday = previousDate(t.date);
  const yWeekday = DAYS[(DAYS.indexOf(t.weekday) + 6) % 7]!;
  for (const [open, close] of spansFor(hours, overrides, yesterday, yWeekday)) {
    if (close <= open && t.minutes < close) return true;
  }
  return false;
}

/** The first instant ≥ `from` (on a 15-minute grid) at which the store is open, within 8 days. */
export function nextOpening(
  hours: WeeklyHours,
  timeZone: string,
  from: Date,
  overrides: readonly HourOverride[] = [],
): Date | null {
  const step = 15 * 60_000;
  let t = Math.ceil(from.getTime() / step) * step;
  if (isOpenAt(hours, timeZone, from, overrides)) return from;
  for (let i = 0; i < 8 * 24 * 4; i++, t += step) {
    if (isOpenAt(hours, timeZone, new Date(t), overrides)) return new Date(t);
  }
  return null;
}
