import { randomBytes } from "node:crypto";
import type { Database, Kysely } from "@pizza/db";
import { notFound } from "../../errors.ts";
import type { Cache } from "../../infra/cache.ts";
import type { Resilience } from "../../infra/resilience.ts";
import type { WeeklyHours } from "../stores/hours.ts";
import { STORE_COLUMNS } from "../stores/store-info.ts";
import type { Menu, SizePrices } from "./menu.types.ts";

const MENU_TTL_MS = 5 * 60_000;
const GEN_TTL_MS = 24 * 3600_000;
const CHEESE_LEVELS = ["none", "light", "normal", "extra"] as const;
export const SUPPORTED_LOCALES = ["en", "de", "ja"] as const;

/** "de-DE" → "de"; unknown languages fall back to English. */
export function menuLocale(locale: string | null | undefined, fallback = "en"): string {
  const lang = (locale ?? fallback).slice(0, 2).toLowerCase();
  return (SUPPORTED_LOCALES as readonly string[]).includes(lang) ? lang : "en";
}

/**
 * The live menu of a store. Cached per (store, locale) under a per-store generation key: a change
 * bumps the generation AFTER it commits, and a reader reads the generation BEFORE it reads the
 * database, so a menu read before a change can only ever be stored under the old generation,
 * which nobody reads again. That is why "available" is never stale after an item runs out.
 */
/**
 * Graceful degradation (issue 10, see modules/reviews/README.md): ratings come from the reviews
 * service through its circuit breaker (a menu without ratings when they fail), and a failing or slow
 * database read serves the last good menu (marked `stale` with its age) for at most `maxStaleMs`.
 */
export interface MenuDegradation {
  resilience: Resilience;
  ratings(itemIds: string[]): Promise<Record<string, { average: number | null; count: number }> | undefined>;
  maxStaleMs: number;
  /** A cold build reads ~15 tables; only a read slower than this counts as failing. */
  timeoutMs: number;
}

/** A menu built without ratings (reviews degraded) is cached briefly, so ratings return soon after. */
const NO_RATINGS_TTL_MS = 15_000;

/** How long a node keeps a parsed menu of the current generation (ratings refresh on this scale). */
const LOCAL_TTL_MS = 30_000;

export class MenuService {
  /**
   * Parsed menus by cache key. A key names one generation of a store's menu, so a node may keep what
   * it parsed as long as it reads the current generation from the shared cache first (every call
   * does): one small GET instead of fetching and parsing ~15 KB, and never a stale "available".
   */
  private readonly local = new Map<string, { json: string; menu: Menu; until: number }>();

  constructor(
    private readonly db: Kysely<Database>,
    private readonly cache: Cache,
    private readonly degradation?: MenuDegradation,
  ) {}

  private genKey = (storeId: string) => `menu-gen:${storeId}`;

  private async generation(storeId: string): Promise<string> {
    const existing = await this.cache.get(this.genKey(storeId));
    if (existing) return existing;
    const gen = randomBytes(6).toString("hex");
    await this.cache.set(this.genKey(storeId), gen, GEN_TTL_MS);
    return gen;
  }

  private remember(key: string, json: string, menu: Menu = JSON.parse(json) as Menu) {
    const entry = { json, menu, until: Date.now() + LOCAL_TTL_MS };
    if (this.local.size >= 500) this.local.delete(this.local.keys().next().value!);
    this.local.set(key, entry);
    return entry;
  }

  private async entry(storeId: string, locale: string): Promise<{ json: string; menu: Menu }> {
    const gen = await this.generation(storeId);
    const key = `menu:${storeId}:${gen}:${locale}`;
    const known = this.local.get(key);
    if (known && known.until > Date.now()) return known;
    const hit = await this.cache.get(key);
    if (hit) return this.remember(key, hit);
    const d = this.degradation;
    if (!d) {
      const menu = await this.build(storeId, locale);
      const json = JSON.stringify(menu);
      await this.cache.set(key, json, MENU_TTL_MS);
      return this.remember(key, json, menu);
    }
    const read = await d.resilience.withLastGood(
      `menu:${storeId}:${locale}`,
      () => this.build(storeId, locale),
      {
        maxStaleMs: d.maxStaleMs,
        timeoutMs: d.timeoutMs,
        breaker: "menu-db",
      },
    );
    // A stale copy is never cached: the next request tries the database again (the breaker keeps that cheap).
    if (read.stale) {
      // Without `countedStock` placeOrder checks every line against live stock: the copy may predate a sell-out.
      const stale = { ageMs: read.ageMs, since: read.fetchedAt };
      const json = JSON.stringify({ ...read.value, countedStock: undefined, stale });
      return { json, menu: JSON.parse(json) as Menu };
    }
    const json = JSON.stringify(read.value);
    await this.cache.set(key, json, read.value.ratingsUnavailable ? NO_RATINGS_TTL_MS : MENU_TTL_MS);
    // A menu without ratings is only kept briefly in the shared cache, and not at all here.
    return read.value.ratingsUnavailable ? { json, menu: read.value } : this.remember(key, json, read.value);
  }

  /** The cached JSON of a store's menu. */
  async menuJson(storeId: string, locale: string): Promise<string> {
    return (await this.entry(storeId, locale)).json;
  }

  /** The store's current menu. Shared between callers: treat it as read-only. */
  async menu(storeId: string, locale: string): Promise<Menu> {
    return (await this.entry(storeId, locale)).menu;
  }

  /** Call after a change to a store's availability or stock has committed. */
  async invalidateStore(storeId: string): Promise<void> {
    await this.cache.set(this.genKey(storeId), randomBytes(6).toString("hex"), GEN_TTL_MS);
  }

  /** Call after a price change in a region (or, with no region, a catalogue change) has committed. */
  async invalidateRegion(regionCode?: string): Promise<void> {
    let q = this.db.selectFrom("stores").select("id");
    if (regionCode) q = q.where("region_code", "=", regionCode);
    const stores = await q.execute();
    await Promise.all(stores.map((s) => this.invalidateStore(s.id)));
  }

  /** Reads the menu from the database (no cache). */
  async build(storeId: string, locale: string, db: Kysely<Database> = this.db): Promise<Menu> {
    const store = await db
      .selectFrom("stores")
      .innerJoin("regions", "regions.code", "stores.region_code")
      .select([
        ...STORE_COLUMNS,
        "regions.currency",
        "regions.currency_digits",
        "regions.locale",
        "regions.timezone as region_timezone",
        "regions.tax_mode",
        "regions.tax_rate_ppm",
        "regions.delivery_fee",
        "regions.min_delivery_subtotal",
        "regions.driver_speed_kmh",
      ])
      .where("stores.id", "=", storeId)
      .executeTakeFirst();
    if (!store) throw notFound("We could not find that store.");

    const [
      categories,
      items,
      variants,
      groups,
      options,
      sizes,
      crusts,
      crustSizes,
      sauces,
      toppings,
      names,
      prices,
      stock,
      overrides,
      storePrices,
    ] = await Promise.all([
      db.selectFrom("menu_categories").select(["id", "sort"]).orderBy("sort").execute(),
      db
        .selectFrom("menu_items")
        .select(["id", "category_id", "kind", "default_sauce", "default_cheese", "default_toppings", "tags"])
        .where("active", "=", true)
        .orderBy("sort")
        .execute(),
      db.selectFrom("menu_item_variants").select(["item_id", "id"]).orderBy("sort").execute(),
      db
        .selectFrom("menu_option_groups")
        .select(["id", "item_id", "min_select", "max_select"])
        .orderBy("sort")
        .execute(),
      db.selectFrom("menu_options").select(["id", "group_id"]).orderBy("sort").execute(),
      db.selectFrom("pizza_sizes").select(["id", "diameter_cm", "max_toppings"]).orderBy("sort").execute(),
      db.selectFrom("crusts").select(["id"]).orderBy("sort").execute(),
      db.selectFrom("crust_sizes").select(["crust_id", "size_id"]).execute(),
      db.selectFrom("sauces").select(["id"]).orderBy("sort").execute(),
      db.selectFrom("toppings").select(["id", "kind", "premium"]).orderBy("sort").execute(),
      db
        .selectFrom("translations")
        .select(["entity", "entity_id", "locale", "name", "description"])
        .where("locale", "in", [locale, "en"])
        .execute(),
      db
        .selectFrom("prices")
        .select(["entity", "entity_id", "variant", "amount"])
        .where("region_code", "=", store.region_code)
        .execute(),
      db
        .selectFrom("store_stock")
        .select(["entity", "entity_id", "available", "stock"])
        .where("store_id", "=", storeId)
        .execute(),
      db
        .selectFrom("store_hour_overrides")
        .select(["day", "opens", "closes", "closed"])
        .where("store_id", "=", storeId)
        .execute(),
      // A store manager's own prices (store.setStorePrice) override the region's at this store.
      db
        .selectFrom("store_prices")
        .select(["entity", "entity_id", "variant", "amount"])
        .where("store_id", "=", storeId)
        .execute(),
    ]);

    const tr = new Map<string, { name: string; description: string | null }>();
    for (const n of names) {
      const key = `${n.entity}|${n.entity_id}`;
      if (n.locale === locale || !tr.has(key)) tr.set(key, { name: n.name, description: n.description });
    }
    const name = (entity: string, id: string) => tr.get(`${entity}|${id}`)?.name ?? id;
    const price = new Map<string, number>();
    for (const p of prices) price.set(`${p.entity}|${p.entity_id}|${p.variant}`, p.amount);
    for (const p of storePrices) {
      const key = `${p.entity}|${p.entity_id}|${p.variant}`;
      if (price.has(key)) price.set(key, p.amount);
    }
    const sizePrices = (entity: string, id: string, allowed?: Set<string>): SizePrices => {
      const out: SizePrices = {};
      for (const s of sizes) {
        if (allowed && !allowed.has(s.id)) continue;
        const amount = price.get(`${entity}|${id}|${s.id}`);
        if (amount !== undefined) out[s.id] = amount;
        else if (entity === "cheese") out[s.id] = 0;
      }
      return out;
    };
    const avail = new Map<string, boolean>();
    for (const s of stock)
      avail.set(`${s.entity}|${s.entity_id}`, s.available && (s.stock === null || s.stock > 0));
    const isAvailable = (entity: string, id: string) => avail.get(`${entity}|${id}`) ?? true;
    // Ratings belong to the reviews module: read through its service and breaker, never required.
    const ratings = this.degradation ? await this.degradation.ratings(items.map((i) => i.id)) : undefined;

    const menuItems: Menu["items"] = [];
    for (const item of items) {
      const itemVariants =
        item.kind === "pizza"
          ? sizes.map((s) => ({ id: s.id, name: name("size", s.id) }))
          : (() => {
              const vs = variants.filter((v) => v.item_id === item.id);
              return vs.length > 0
                ? vs.map((v) => ({ id: v.id, name: name("variant", `${item.id}:${v.id}`) }))
                : [{ id: "", name: "" }];
            })();
      const priced = itemVariants.flatMap((v) => {
        const amount = price.get(`item|${item.id}|${v.id}`);
        return amount === undefined ? [] : [{ ...v, price: amount }];
      });
      if (priced.length === 0) continue; // not sold in this region
      const t = tr.get(`item|${item.id}`);
      const r = ratings?.[item.id];
      menuItems.push({
        id: item.id,
        categoryId: item.category_id,
        kind: item.kind,
        name: t?.name ?? item.id,
        description: t?.description ?? null,
        tags: item.tags,
        available: isAvailable("item", item.id),
        variants: priced,
        defaults: { sauce: item.default_sauce, cheese: item.default_cheese, toppings: item.default_toppings },
        optionGroups: groups
          .filter((g) => g.item_id === item.id)
          .map((g) => ({
            id: g.id,
            name: name("option_group", g.id),
            min: g.min_select,
            max: g.max_select,
            options: options
              .filter((o) => o.group_id === g.id)
              .map((o) => {
                const key = `${g.id}:${o.id}`;
                return {
                  id: o.id,
                  key,
                  name: name("option", key),
                  price: price.get(`option|${key}|`) ?? 0,
                  available: isAvailable("option", key),
                };
              }),
          })),
        rating: r && r.count > 0 && r.average !== null ? { average: r.average, count: r.count } : null,
      });
    }

    return {
      store: {
        id: store.id,
        slug: store.slug,
        name: store.name,
        address: store.address,
        phone: store.phone,
        lat: store.lat,
        lng: store.lng,
        regionCode: store.region_code,
        timezone: store.timezone,
        hours: store.hours as WeeklyHours,
        hourOverrides: overrides.map((o) => ({
          day: typeof o.day === "string" ? o.day.slice(0, 10) : new Date(o.day).toISOString().slice(0, 10),
          opens: o.opens,
          closes: o.closes,
          closed: o.closed,
        })),
        acceptingOrders: store.accepting_orders,
        deliveryPaused: store.delivery_paused,
        kitchenCapacity: store.kitchen_capacity,
      },
      region: {
        code: store.region_code,
        currency: store.currency.trim(),
        currencyDigits: store.currency_digits,
        locale: store.locale,
        timezone: store.region_timezone,
        taxMode: store.tax_mode,
        taxRatePpm: store.tax_rate_ppm,
        deliveryFee: store.delivery_fee,
        minDeliverySubtotal: store.min_delivery_subtotal,
        driverSpeedKmh: store.driver_speed_kmh,
      },
      locale,
      categories: categories
        .filter((c) => menuItems.some((i) => i.categoryId === c.id))
        .map((c) => ({ id: c.id, name: name("category", c.id) })),
      items: menuItems,
      sizes: sizes.map((s) => ({
        id: s.id,
        name: name("size", s.id),
        diameterCm: s.diameter_cm,
        maxToppings: s.max_toppings,
      })),
      crusts: crusts.map((c) => ({
        id: c.id,
        name: name("crust", c.id),
        available: isAvailable("crust", c.id),
        prices: sizePrices(
          "crust",
          c.id,
          new Set(crustSizes.filter((cs) => cs.crust_id === c.id).map((cs) => cs.size_id)),
        ),
      })),
      sauces: sauces.map((s) => ({
        id: s.id,
        name: name("sauce", s.id),
        available: isAvailable("sauce", s.id),
      })),
      cheeseLevels: CHEESE_LEVELS.map((id) => ({
        id,
        name: name("cheese", id),
        prices: sizePrices("cheese", id),
      })),
      toppings: toppings.map((t) => ({
        id: t.id,
        name: name("topping", t.id),
        kind: t.kind,
        premium: t.premium,
        available: isAvailable("topping", t.id),
        prices: sizePrices("topping", t.id),
      })),
      generatedAt: new Date().toISOString(),
      countedStock: stock.filter((x) => x.stock !== null).map((x) => `${x.entity}|${x.entity_id}`),
      ...(ratings === undefined ? { ratingsUnavailable: true } : {}),
    };
  }
}
