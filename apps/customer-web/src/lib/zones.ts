import type { MapMarker } from "@pizza/ui/map";
import type { StoreInfo } from "../order-state.ts";

/** The seeded delivery zone shape: H3 resolution 8, 5 rings around the store (packages/db seed). */
const ZONE_RESOLUTION = 8;
const ZONE_RINGS = 5;

/** Approximate delivery zones for the map (the server decides with the real cells). Loads h3-js lazily. */
export async function zoneCells(stores: readonly { lat: number; lng: number }[]): Promise<string[]> {
  if (stores.length === 0) return [];
  const { gridDisk, latLngToCell } = await import("h3-js");
  const cells = new Set<string>();
  for (const s of stores)
    for (const c of gridDisk(latLngToCell(s.lat, s.lng, ZONE_RESOLUTION), ZONE_RINGS)) cells.add(c);
  return [...cells];
}

export const storeMarker = (s: Pick<StoreInfo, "id" | "name" | "lat" | "lng">): MapMarker => ({
  id: `store-${s.id}`,
  kind: "store",
  label: s.name,
  position: { lat: s.lat, lng: s.lng },
});

const DAYS = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"] as const;

/** "11:00–23:00" for today in the store's time zone, or null when it is closed today. */
export function hoursToday(store: Pick<StoreInfo, "hours" | "timezone">): string | null {
  const weekday = new Intl.DateTimeFormat("en-US", { weekday: "short", timeZone: store.timezone })
    .format(new Date())
    .toLowerCase()
    .slice(0, 3);
  const day = DAYS.find((d) => d === weekday) ?? "mon";
  const today = (store.hours as Record<string, [string, string][] | undefined>)[day] ?? [];
  if (today.length === 0) return null;
  return today.map(([open, close]) => `${open}–${close}`).join(", ");
}
