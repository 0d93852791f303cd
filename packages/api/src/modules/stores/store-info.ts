// What the stores module answers about a store (`StoreInfo`): its row, today's hours and whether it is
// open now, built from `stores` and `store_hour_overrides` at a given instant.

import { haversineM } from "@pizza/contracts";
import type { Database, Kysely } from "@pizza/db";
import type { Selectable } from "kysely";
import { type HourOverride, isOpenAt, localTime, nextOpening, type WeeklyHours } from "./hours.ts";

export interface StoreInfo {
  id: string;
  slug: string;
  name: string;
  address: string;
  phone: string | null;
  lat: number;
  lng: number;
  regionCode: string;
  timezone: string;
  hours: WeeklyHours;
  acceptingOrders: boolean;
  deliveryPaused: boolean;
  kitchenCapacity: number;
  /** Open right now: within its hours (in its own time zone) and accepting orders. */
  openNow: boolean;
  /** When it next opens, if it is closed now. */
  opensAt: string | null;
  /** Today's effective hours in the store's time zone: the weekly hours, or the day's override. */
  today: TodayHours;
}

export interface TodayHours {
  /** The store's local date, YYYY-MM-DD. */
  date: string;
  /** Opening spans, "HH:MM"; empty when closed all day. */
  spans: [string, string][];
  /** Where they come from: the weekly hours, or an override for today (hours or closed all day). */
  source: "weekly" | "override";
}

/** Today's effective hours of a store (pure: the clock is an argument). */
export function todayHours(
  hours: WeeklyHours,
  timezone: string,
  overrides: readonly HourOverride[],
  at: Date,
): TodayHours {
  const t = localTime(at, timezone);
  const o = overrides.find((x) => x.day === t.date);
  if (!o) return { date: t.date, spans: hours[t.weekday] ?? [], source: "weekly" };
  const spans: [string, string][] =
    o.closed || !o.opens || !o.closes ? [] : [[o.opens.slice(0, 5), o.closes.slice(0, 5)]];
  return { date: t.date, spans, source: "override" };
}

/** Great-circle distance in km: the shared haversine, so stores and drivers agree on the Earth's radius. */
export function distanceKm(a: { lat: number; lng: number }, b: { lat: number; lng: number }): number {
  return haversineM(a, b) / 1000;
}

export const STORE_COLUMNS = [
  "stores.id",
  "stores.slug",
  "stores.name",
  "stores.address",
  "stores.phone",
  "stores.lat",
  "stores.lng",
  "stores.region_code",
  "stores.timezone",
  "stores.hours",
  "stores.accepting_orders",
  "stores.delivery_paused",
  "stores.kitchen_capacity",
] as const;

type Unprefixed<T> = T extends `stores.${infer C}` ? C : never;
/** A `stores` row as `STORE_COLUMNS` selects it. */
export type StoreRow = Pick<Selectable<Database["stores"]>, Unprefixed<(typeof STORE_COLUMNS)[number]>>;

/** The hour overrides of these stores, by store id. */
export async function loadOverrides(
  db: Kysely<Database>,
  storeIds: string[],
): Promise<Map<string, HourOverride[]>> {
  const out = new Map<string, HourOverride[]>();
  if (storeIds.length === 0) return out;
  const rows = await db
    .selectFrom("store_hour_overrides")
    .select(["store_id", "day", "opens", "closes", "closed"])
    .where("store_id", "in", storeIds)
    .execute();
  for (const r of rows) {
    const day = typeof r.day === "string" ? r.day.slice(0, 10) : new Date(r.day).toISOString().slice(0, 10);
    const list = out.get(r.store_id) ?? [];
    list.push({ day, opens: r.opens, closes: r.closes, closed: r.closed });
    out.set(r.store_id, list);
  }
  return out;
}

/** A store row seen at `at`: open now or when it opens next, and today's hours. */
export function toStoreInfo(r: StoreRow, overrides: HourOverride[], at: Date): StoreInfo {
  const inHours = isOpenAt(r.hours, r.timezone, at, overrides);
  const openNow = inHours && r.accepting_orders;
  const opensAt = openNow || !r.accepting_orders ? null : nextOpening(r.hours, r.timezone, at, overrides);
  return {
    id: r.id,
    slug: r.slug,
    name: r.name,
    address: r.address,
    phone: r.phone,
    lat: r.lat,
    lng: r.lng,
    regionCode: r.region_code,
    timezone: r.timezone,
    hours: r.hours,
    acceptingOrders: r.accepting_orders,
    deliveryPaused: r.delivery_paused,
    kitchenCapacity: r.kitchen_capacity,
    openNow,
    opensAt: opensAt ? opensAt.toISOString() : null,
    today: todayHours(r.hours, r.timezone, overrides, at),
  };
}
