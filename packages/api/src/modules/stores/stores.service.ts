// The stores module's service: wires its use cases (one file each) to the database, the menu cache and
// the clock. Store-scoped calls come from `storeStaffProcedure`, which has already checked that the
// caller acts for `storeId`.
import type { Database, Kysely } from "@pizza/db";
import { resolveRegionAccess } from "../auth/region-access.ts";
import type { AuthUser } from "../auth/tokens.ts";
import type { MenuService } from "../menu/menu.service.ts";
import { type PriceKey, updateRegionPrice } from "../menu/region-prices.ts";
import { deliversTo, findForDelivery } from "./find-for-delivery.ts";
import { getStore, isStoreOpenAt, listStores } from "./find-store.ts";
import { regionPriceRule, setRegionPriceRule } from "./region-price-rule.ts";
import { updateStoreControls } from "./store-controls.ts";
import type { StoreDeps } from "./store-deps.ts";
import { setTodayHours, type TSetTodayHours } from "./store-hours-admin.ts";
import type { StoreInfo } from "./store-info.ts";
import { setStorePrice, storePrices, type TSetStorePrice } from "./store-prices.ts";
import { setTicketPrinter, type TicketPrinter, ticketPrinterSettings } from "./store-printer.ts";
import { setAvailability, type TSetAvailability } from "./store-stock.ts";

export { distanceKm, type StoreInfo, type TodayHours, todayHours } from "./store-info.ts";
export { managerPriceRange, type PriceEntityKind, type StorePriceView } from "./store-prices.ts";

export class StoresService {
  private readonly deps: StoreDeps;

  constructor(
    db: Kysely<Database>,
    menu: MenuService,
    now: () => Date = () => new Date(),
    /** Store lists read here (infra/read-replica.ts: the standby or `db`). */
    private readonly lagTolerantDb: Kysely<Database> = db,
  ) {
    this.deps = { db, menu, now };
  }

  get(storeId: string, db: Kysely<Database> = this.deps.db): Promise<StoreInfo> {
    return getStore(db, storeId, this.deps.now());
  }

  /** Is the store open (hours + accepting orders) at `at`? Used for scheduled orders. */
  isOpenAt(storeId: string, at: Date): Promise<boolean> {
    return isStoreOpenAt(this.deps.db, storeId, at, this.deps.now());
  }

  list(regionCode?: string): Promise<StoreInfo[]> {
    return listStores(this.lagTolerantDb, regionCode, this.deps.now());
  }

  findForDelivery(location: { lat: number; lng: number }, opts: { allowClosed?: boolean } = {}) {
    return findForDelivery(this.deps.db, location, opts, this.deps.now());
  }

  /** Does the store's delivery zone contain this location? */
  deliversTo(storeId: string, location: { lat: number; lng: number }): Promise<boolean> {
    return deliversTo(this.deps.db, storeId, location);
  }

  setAcceptingOrders(actor: AuthUser, storeId: string, accepting: boolean) {
    return updateStoreControls(this.deps, actor, storeId, { accepting_orders: accepting });
  }

  setDeliveryPaused(actor: AuthUser, storeId: string, paused: boolean) {
    return updateStoreControls(this.deps, actor, storeId, { delivery_paused: paused });
  }

  setKitchenCapacity(actor: AuthUser, storeId: string, capacity: number) {
    return updateStoreControls(this.deps, actor, storeId, { kitchen_capacity: capacity });
  }

  setTodayHours(actor: AuthUser, storeId: string, input: TSetTodayHours) {
    return setTodayHours(this.deps, actor, storeId, input);
  }

  setAvailability(actor: AuthUser, storeId: string, input: TSetAvailability) {
    return setAvailability(this.deps, actor, storeId, input);
  }

  storePrices(actor: AuthUser, storeId: string) {
    return storePrices(this.deps, actor, storeId);
  }

  setStorePrice(actor: AuthUser, storeId: string, input: TSetStorePrice) {
    return setStorePrice(this.deps, actor, storeId, input);
  }

  /** Sets a regional price (the router lets only admins: a price is the region's, not one store's). */
  async setPrice(actor: AuthUser, input: PriceKey & { amount: number }) {
    await updateRegionPrice(this.deps.db, actor.id, input);
    await this.deps.menu.invalidateRegion(input.regionCode);
    return input;
  }

  /** Admins and the region's manager: the region's price rule and every store's deviations. */
  async regionPriceRule(actor: AuthUser, regionCode: string) {
    return regionPriceRule(this.deps.db, await resolveRegionAccess(this.deps.db, actor, regionCode));
  }

  /** Admins and the region's manager: the managers' price-change percentage of a region (0–50). */
  async setRegionPriceRule(actor: AuthUser, input: { regionCode: string; maxChangePct: number }) {
    await resolveRegionAccess(this.deps.db, actor, input.regionCode);
    return setRegionPriceRule(this.deps, actor, input);
  }

  ticketPrinter(actor: AuthUser, storeId: string) {
    return ticketPrinterSettings(this.deps, actor, storeId);
  }

  setTicketPrinter(actor: AuthUser, storeId: string, printer: TicketPrinter | null) {
    return setTicketPrinter(this.deps, actor, storeId, printer);
  }
}
