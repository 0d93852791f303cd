// The store that delivers to a location: the nearest open one whose delivery zone (H3 cells) contains
// the location's cell, or a refusal that says why (outside every zone, closed, delivery paused).
import { type Database, type Kysely, ZONE_RESOLUTION } from "@pizza/db";
import { latLngToCell } from "h3-js";
import { preconditionFailed } from "../../errors.ts";
import { msg } from "../../i18n/message.ts";
import { listStores } from "./find-store.ts";
import { distanceKm, loadOverrides, STORE_COLUMNS, type StoreInfo, toStoreInfo } from "./store-info.ts";

/**
 * With `allowClosed`, a closed store is returned when none is open (the menu can still be browsed).
 * Outside every zone: a clear refusal naming carryout stores.
 */
export async function findForDelivery(
  db: Kysely<Database>,
  location: { lat: number; lng: number },
  opts: { allowClosed?: boolean },
  at: Date,
): Promise<StoreInfo> {
  const cell = latLngToCell(location.lat, location.lng, ZONE_RESOLUTION);
  const rows = await db
    .selectFrom("stores")
    .innerJoin("store_delivery_cells", "store_delivery_cells.store_id", "stores.id")
    .select(STORE_COLUMNS)
    .where("store_delivery_cells.cell", "=", cell)
    .execute();
  if (rows.length === 0) throw await outsideEveryZone(db, location, at);
  const o = await loadOverrides(
    db,
    rows.map((r) => r.id),
  );
  const candidates = rows
    .map((r) => ({ info: toStoreInfo(r, o.get(r.id) ?? [], at), km: distanceKm(location, r) }))
    .sort((a, b) => a.km - b.km);
  const open = candidates.find((c) => c.info.openNow && !c.info.deliveryPaused);
  if (open) return open.info;
  if (opts.allowClosed) return candidates[0]!.info;
  const first = candidates[0]!.info;
  const paused = candidates.every((c) => c.info.openNow && c.info.deliveryPaused);
  throw preconditionFailed(
    paused
      ? msg("order.deliveryPaused", { store: first.name })
      : first.opensAt
        ? msg("store.closedThereOpensAt", { store: first.name, opensAt: first.opensAt })
        : msg("store.closedThere", { store: first.name }),
    { reason: paused ? "delivery_paused" : "closed", storeId: first.id, opensAt: first.opensAt },
  );
}

/** Farther than this, a store is no carryout offer: nobody drives 80 km (or across an ocean) for a pizza. */
export const CARRYOUT_OFFER_KM = 30;

/** "We don't deliver there yet", naming up to three stores near enough for carryout (none when none is). */
async function outsideEveryZone(db: Kysely<Database>, location: { lat: number; lng: number }, at: Date) {
  const byDistance = (await listStores(db, undefined, at))
    .map((s) => ({ s, km: distanceKm(location, s) }))
    .sort((a, b) => a.km - b.km);
  const nearest = byDistance.filter((n) => n.km <= CARRYOUT_OFFER_KM).slice(0, 3);
  return preconditionFailed(
    nearest[0]
      ? msg("store.noDeliveryCarryoutAt", {
          store: nearest[0].s.name,
          km: Math.round(nearest[0].km * 10) / 10,
        })
      : msg("store.noDeliveryNoCarryout"),
    {
      reason: "outside_delivery_zone",
      carryoutStores: nearest.map((n) => ({
        id: n.s.id,
        name: n.s.name,
        distanceKm: Math.round(n.km * 10) / 10,
      })),
    },
  );
}

/** Does this store's delivery zone contain the location's cell? */
export async function deliversTo(
  db: Kysely<Database>,
  storeId: string,
  location: { lat: number; lng: number },
): Promise<boolean> {
  const cell = latLngToCell(location.lat, location.lng, ZONE_RESOLUTION);
  const hit = await db
    .selectFrom("store_delivery_cells")
    .select("cell")
    .where("cell", "=", cell)
    .where("store_id", "=", storeId)
    .executeTakeFirst();
  return hit !== undefined;
}
