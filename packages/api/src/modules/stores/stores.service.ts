import { type Database, type Kysely, type StockEntity, ZONE_RESOLUTION } from "@pizza/db";
import { haversineM } from "@pizza/dispatch";
import { latLngToCell } from "h3-js";
import { badRequest, forbidden, notFound, preconditionFailed } from "../../errors.ts";
import { writeOutbox } from "../../infra/outbox.ts";
import type { AuthUser } from "../auth/tokens.ts";
import type { MenuService } from "../menu/menu.service.ts";
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

export type PriceEntityKind = "item" | "topping" | "crust" | "cheese" | "option";

export interface StorePriceView {
  entity: PriceEntityKind;
  entityId: string;
  variant: string;
  /** The region's list price. */
  listAmount: number;
  /** This store's own price, or null when it charges the list price. */
  storeAmount: number | null;
  /** What a manager may set: list price ± the region's percentage. */
  min: number;
  max: number;
}

/** The range a store manager may price something at: the region's list price ± `pct` percent. */
export function managerPriceRange(listAmount: number, pct: number): { min: number; max: number } {
  return {
    min: Math.ceil((listAmount * (100 - pct)) / 100),
    max: Math.floor((listAmount * (100 + pct)) / 100),
  };
}

function formatMinor(amount: number, currency: string, digits: number): string {
  return new Intl.NumberFormat("en", {
    style: "currency",
    currency,
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(amount / 10 ** digits);
}

export type TSetTodayHours =
  | { storeId: string; mode: "hours"; opens: string; closes: string }
  | { storeId: string; mode: "closed" }
  | { storeId: string; mode: "weekly" };

/** Great-circle distance in km: the dispatch engine's haversine, so stores and drivers agree on the Earth's radius. */
export function distanceKm(a: { lat: number; lng: number }, b: { lat: number; lng: number }): number {
  return haversineM(a, b) / 1000;
}

const STORE_COLUMNS = [
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

type StoreRow = {
  id: string;
  slug: string;
  name: string;
  address: string;
  phone: string | null;
  lat: number;
  lng: number;
  region_code: string;
  timezone: string;
  hours: WeeklyHours;
  accepting_orders: boolean;
  delivery_paused: boolean;
  kitchen_capacity: number;
};

export class StoresService {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly menu: MenuService,
    private readonly now: () => Date = () => new Date(),
  ) {}

  private async overrides(
    storeIds: string[],
    db: Kysely<Database> = this.db,
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

  private toInfo(r: StoreRow, overrides: HourOverride[], at: Date): StoreInfo {
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

  async get(storeId: string, db: Kysely<Database> = this.db): Promise<StoreInfo> {
    const row = await db
      .selectFrom("stores")
      .select(STORE_COLUMNS)
      .where("stores.id", "=", storeId)
      .executeTakeFirst();
    if (!row) throw notFound("We could not find that store.");
    const o = await this.overrides([storeId], db);
    return this.toInfo(row as StoreRow, o.get(storeId) ?? [], this.now());
  }

  /** Is the store open (hours + accepting orders) at `at`? Used for scheduled orders. */
  async isOpenAt(storeId: string, at: Date): Promise<boolean> {
    const s = await this.get(storeId);
    if (!s.acceptingOrders) return false;
    const o = await this.overrides([storeId]);
    return isOpenAt(s.hours, s.timezone, at, o.get(storeId) ?? []);
  }

  async list(regionCode?: string): Promise<StoreInfo[]> {
    let q = this.db.selectFrom("stores").select(STORE_COLUMNS).orderBy("stores.slug");
    if (regionCode) q = q.where("stores.region_code", "=", regionCode);
    const rows = (await q.execute()) as StoreRow[];
    const o = await this.overrides(rows.map((r) => r.id));
    const at = this.now();
    return rows.map((r) => this.toInfo(r, o.get(r.id) ?? [], at));
  }

  /**
   * The store that delivers to a location: the nearest open one whose delivery zone (H3 cells)
   * contains the location's cell. With `allowClosed`, a closed store is returned when none is open
   * (the menu can still be browsed). Outside every zone: a clear refusal naming carryout stores.
   */
  async findForDelivery(
    location: { lat: number; lng: number },
    opts: { allowClosed?: boolean } = {},
  ): Promise<StoreInfo> {
    const cell = latLngToCell(location.lat, location.lng, ZONE_RESOLUTION);
    const rows = (await this.db
      .selectFrom("stores")
      .innerJoin("store_delivery_cells", "store_delivery_cells.store_id", "stores.id")
      .select(STORE_COLUMNS)
      .where("store_delivery_cells.cell", "=", cell)
      .execute()) as StoreRow[];
    if (rows.length === 0) {
      const nearest = (await this.list())
        .map((s) => ({ s, km: distanceKm(location, s) }))
        .sort((a, b) => a.km - b.km)
        .slice(0, 3);
      throw preconditionFailed(
        nearest[0]
          ? `We don't deliver there yet. You can still order for carryout, for example from ${nearest[0].s.name} (${nearest[0].km.toFixed(1)} km).`
          : "We don't deliver there yet.",
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
    const o = await this.overrides(rows.map((r) => r.id));
    const at = this.now();
    const candidates = rows
      .map((r) => ({ info: this.toInfo(r, o.get(r.id) ?? [], at), km: distanceKm(location, r) }))
      .sort((a, b) => a.km - b.km);
    const open = candidates.find((c) => c.info.openNow && !c.info.deliveryPaused);
    if (open) return open.info;
    if (opts.allowClosed) return candidates[0]!.info;
    const first = candidates[0]!.info;
    const paused = candidates.every((c) => c.info.openNow && c.info.deliveryPaused);
    throw preconditionFailed(
      paused
        ? `${first.name} has paused delivery for a moment; carryout is still possible.`
        : `${first.name}, which delivers there, is closed right now${first.opensAt ? ` and opens at ${first.opensAt}` : ""}.`,
      { reason: paused ? "delivery_paused" : "closed", storeId: first.id, opensAt: first.opensAt },
    );
  }

  // ── staff store controls: each change commits, then the store's menu cache is invalidated ──

  private assertStaffOf(actor: AuthUser, storeId: string) {
    if (actor.role === "admin") return;
    if (actor.role !== "staff" || actor.storeId !== storeId)
      throw forbidden("You can only manage your own store.");
  }

  private async updateStore(
    actor: AuthUser,
    storeId: string,
    patch: { accepting_orders?: boolean; delivery_paused?: boolean; kitchen_capacity?: number },
  ): Promise<StoreInfo> {
    this.assertStaffOf(actor, storeId);
    await this.db.transaction().execute(async (trx) => {
      const row = await trx
        .updateTable("stores")
        .set(patch)
        .where("id", "=", storeId)
        .returning("id")
        .executeTakeFirst();
      if (!row) throw notFound("We could not find that store.");
      await writeOutbox(trx, {
        topic: "store.changed",
        aggregateId: storeId,
        payload: { storeId, changes: patch, by: actor.id, at: new Date().toISOString() },
      });
    });
    await this.menu.invalidateStore(storeId);
    return this.get(storeId);
  }

  setAcceptingOrders(actor: AuthUser, storeId: string, accepting: boolean) {
    return this.updateStore(actor, storeId, { accepting_orders: accepting });
  }

  setDeliveryPaused(actor: AuthUser, storeId: string, paused: boolean) {
    return this.updateStore(actor, storeId, { delivery_paused: paused });
  }

  setKitchenCapacity(actor: AuthUser, storeId: string, capacity: number) {
    return this.updateStore(actor, storeId, { kitchen_capacity: capacity });
  }

  /**
   * Today's hours (the store's local date): special hours, closed all day, or back to the weekly
   * hours. Written as a `store_hour_overrides` row with the outbox `store.changed` in one transaction;
   * the menu cache (which carries the overrides) is invalidated after the commit.
   */
  async setTodayHours(actor: AuthUser, input: TSetTodayHours): Promise<StoreInfo> {
    this.assertStaffOf(actor, input.storeId);
    const store = await this.db
      .selectFrom("stores")
      .select("timezone")
      .where("id", "=", input.storeId)
      .executeTakeFirst();
    if (!store) throw notFound("We could not find that store.");
    const day = localTime(this.now(), store.timezone).date;
    await this.db.transaction().execute(async (trx) => {
      if (input.mode === "weekly") {
        await trx
          .deleteFrom("store_hour_overrides")
          .where("store_id", "=", input.storeId)
          .where("day", "=", day)
          .execute();
      } else {
        const row = {
          opens: input.mode === "hours" ? input.opens : null,
          closes: input.mode === "hours" ? input.closes : null,
          closed: input.mode === "closed",
        };
        await trx
          .insertInto("store_hour_overrides")
          .values({ store_id: input.storeId, day, ...row })
          .onConflict((oc) => oc.columns(["store_id", "day"]).doUpdateSet(row))
          .execute();
      }
      await writeOutbox(trx, {
        topic: "store.changed",
        aggregateId: input.storeId,
        payload: {
          storeId: input.storeId,
          changes: {
            todayHours:
              input.mode === "hours"
                ? { day, opens: input.opens, closes: input.closes }
                : { day, [input.mode]: true },
          },
          by: actor.id,
          at: new Date().toISOString(),
        },
      });
    });
    await this.menu.invalidateStore(input.storeId);
    return this.get(input.storeId);
  }

  /** Marks an item/topping/crust/sauce/option out of stock (or back), optionally with a counted stock. */
  async setAvailability(
    actor: AuthUser,
    input: {
      storeId: string;
      entity: StockEntity;
      entityId: string;
      available: boolean;
      stock?: number | null | undefined;
    },
  ): Promise<{ entity: StockEntity; entityId: string; available: boolean; stock: number | null }> {
    this.assertStaffOf(actor, input.storeId);
    await this.assertEntityExists(input.entity, input.entityId);
    const row = await this.db.transaction().execute(async (trx) => {
      const values = {
        store_id: input.storeId,
        entity: input.entity,
        entity_id: input.entityId,
        available: input.available,
        ...(input.stock !== undefined ? { stock: input.stock } : {}),
        updated_at: new Date(),
      };
      const r = await trx
        .insertInto("store_stock")
        .values({ ...values, stock: input.stock ?? null })
        .onConflict((oc) =>
          oc.columns(["store_id", "entity", "entity_id"]).doUpdateSet({
            available: input.available,
            ...(input.stock !== undefined ? { stock: input.stock } : {}),
            updated_at: new Date(),
          }),
        )
        .returning(["entity", "entity_id", "available", "stock"])
        .executeTakeFirstOrThrow();
      await writeOutbox(trx, {
        topic: "menu.changed",
        aggregateId: input.storeId,
        payload: {
          storeId: input.storeId,
          entity: input.entity,
          entityId: input.entityId,
          available: r.available,
          stock: r.stock,
          by: actor.id,
        },
      });
      return r;
    });
    await this.menu.invalidateStore(input.storeId);
    return { entity: row.entity, entityId: row.entity_id, available: row.available, stock: row.stock };
  }

  private async assertEntityExists(entity: StockEntity, id: string) {
    const table = { item: "menu_items", topping: "toppings", crust: "crusts", sauce: "sauces" } as const;
    if (entity === "option") {
      const [group, option] = id.split(":");
      const found = await this.db
        .selectFrom("menu_options")
        .select("id")
        .where("group_id", "=", group ?? "")
        .where("id", "=", option ?? "")
        .executeTakeFirst();
      if (!found) throw badRequest(`There is no option "${id}" (use group:option).`);
      return;
    }
    const found = await this.db
      .selectFrom(table[entity])
      .select("id")
      .where("id", "=", id)
      .executeTakeFirst();
    if (!found) throw badRequest(`There is no ${entity} "${id}" on the menu.`);
  }

  // ── store prices: a manager prices their store within the region's rule ──

  private async priceContext(storeId: string) {
    const store = await this.db
      .selectFrom("stores")
      .innerJoin("regions", "regions.code", "stores.region_code")
      .select([
        "stores.id",
        "stores.name",
        "stores.region_code",
        "regions.currency",
        "regions.currency_digits",
        "regions.manager_price_change_pct",
      ])
      .where("stores.id", "=", storeId)
      .executeTakeFirst();
    if (!store) throw notFound("We could not find that store.");
    return { ...store, currency: store.currency.trim() };
  }

  /** Is this actor allowed to change the store's prices (admins; staff whose staff_role is manager)? */
  private async canPrice(actor: AuthUser): Promise<boolean> {
    if (actor.role === "admin") return true;
    if (actor.role !== "staff") return false;
    const row = await this.db
      .selectFrom("users")
      .select("staff_role")
      .where("id", "=", actor.id)
      .executeTakeFirst();
    return row?.staff_role === "manager";
  }

  /** The store's prices beside the region's list prices, with the range a manager may choose in. */
  async storePrices(actor: AuthUser, storeId: string) {
    this.assertStaffOf(actor, storeId);
    const store = await this.priceContext(storeId);
    const [list, own, canEdit] = await Promise.all([
      this.db
        .selectFrom("prices")
        .select(["entity", "entity_id", "variant", "amount"])
        .where("region_code", "=", store.region_code)
        .orderBy("entity")
        .orderBy("entity_id")
        .orderBy("variant")
        .execute(),
      this.db
        .selectFrom("store_prices")
        .select(["entity", "entity_id", "variant", "amount"])
        .where("store_id", "=", storeId)
        .execute(),
      this.canPrice(actor),
    ]);
    const ownAmount = new Map(own.map((p) => [`${p.entity}|${p.entity_id}|${p.variant}`, p.amount]));
    const prices: StorePriceView[] = list.map((p) => ({
      entity: p.entity,
      entityId: p.entity_id,
      variant: p.variant,
      listAmount: p.amount,
      storeAmount: ownAmount.get(`${p.entity}|${p.entity_id}|${p.variant}`) ?? null,
      ...managerPriceRange(p.amount, store.manager_price_change_pct),
    }));
    return {
      storeId,
      regionCode: store.region_code,
      currency: store.currency,
      currencyDigits: store.currency_digits,
      maxChangePct: store.manager_price_change_pct,
      canEdit,
      prices,
    };
  }

  /**
   * A store manager sets their store's price (or, with `amount: null`, goes back to the region's),
   * within the region's list price ± `manager_price_change_pct`; admins are not bound by the range.
   * Crew are refused. Outbox `menu.changed` in the same transaction; the store's menu cache is
   * invalidated after the commit, so the next quote uses the new price.
   */
  async setStorePrice(
    actor: AuthUser,
    input: {
      storeId: string;
      entity: PriceEntityKind;
      entityId: string;
      variant: string;
      amount: number | null;
    },
  ): Promise<StorePriceView> {
    this.assertStaffOf(actor, input.storeId);
    if (!(await this.canPrice(actor)))
      throw forbidden("Only the store manager can change prices; ask your manager.");
    const store = await this.priceContext(input.storeId);
    const list = await this.db
      .selectFrom("prices")
      .select("amount")
      .where("region_code", "=", store.region_code)
      .where("entity", "=", input.entity)
      .where("entity_id", "=", input.entityId)
      .where("variant", "=", input.variant)
      .executeTakeFirst();
    const what = `${input.entityId.replace(/_/g, " ")}${input.variant ? ` (${input.variant})` : ""}`;
    if (!list) throw notFound(`There is no ${input.entity} price for ${what} in this region.`);
    const range = managerPriceRange(list.amount, store.manager_price_change_pct);
    if (
      input.amount !== null &&
      actor.role !== "admin" &&
      (input.amount < range.min || input.amount > range.max)
    ) {
      const fmt = (n: number) => formatMinor(n, store.currency, store.currency_digits);
      throw badRequest(
        `At ${store.name}, ${what} may cost between ${fmt(range.min)} and ${fmt(range.max)} (the region's price ${fmt(list.amount)} ± ${store.manager_price_change_pct}%).`,
        { field: "amount", min: range.min, max: range.max, listAmount: list.amount },
      );
    }
    const key = {
      store_id: input.storeId,
      entity: input.entity,
      entity_id: input.entityId,
      variant: input.variant,
    };
    await this.db.transaction().execute(async (trx) => {
      if (input.amount === null || input.amount === list.amount) {
        await trx
          .deleteFrom("store_prices")
          .where("store_id", "=", key.store_id)
          .where("entity", "=", key.entity)
          .where("entity_id", "=", key.entity_id)
          .where("variant", "=", key.variant)
          .execute();
      } else {
        const row = { amount: input.amount, updated_by: actor.id, updated_at: new Date() };
        await trx
          .insertInto("store_prices")
          .values({ ...key, ...row })
          .onConflict((oc) => oc.columns(["store_id", "entity", "entity_id", "variant"]).doUpdateSet(row))
          .execute();
      }
      await writeOutbox(trx, {
        topic: "menu.changed",
        aggregateId: input.storeId,
        payload: {
          storeId: input.storeId,
          storePrice: { ...input, listAmount: list.amount },
          by: actor.id,
        },
      });
    });
    await this.menu.invalidateStore(input.storeId);
    return {
      entity: input.entity,
      entityId: input.entityId,
      variant: input.variant,
      listAmount: list.amount,
      storeAmount: input.amount === null || input.amount === list.amount ? null : input.amount,
      ...range,
    };
  }

  /** Sets a regional price (admin only: a price is the region's, not one store's). */
  async setPrice(
    actor: AuthUser,
    input: {
      regionCode: string;
      entity: "item" | "topping" | "crust" | "cheese" | "option";
      entityId: string;
      variant: string;
      amount: number;
    },
  ): Promise<{ regionCode: string; entity: string; entityId: string; variant: string; amount: number }> {
    if (actor.role !== "admin") throw forbidden("Only an admin can change the region's prices.");
    await this.db.transaction().execute(async (trx) => {
      const r = await trx
        .updateTable("prices")
        .set({ amount: input.amount, updated_at: new Date() })
        .where("region_code", "=", input.regionCode)
        .where("entity", "=", input.entity)
        .where("entity_id", "=", input.entityId)
        .where("variant", "=", input.variant)
        .returning("amount")
        .executeTakeFirst();
      if (!r)
        throw notFound(
          `There is no ${input.entity} price for "${input.entityId}" ${input.variant} in ${input.regionCode}.`,
        );
      await writeOutbox(trx, {
        topic: "menu.changed",
        aggregateId: input.regionCode,
        payload: { regionCode: input.regionCode, price: input, by: actor.id },
      });
    });
    await this.menu.invalidateRegion(input.regionCode);
    return input;
  }
}
