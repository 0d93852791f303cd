// Builds a store's menu in a locale from the database (no cache): the store and its region, the menu
// tables, the region's prices with the store's own on top, stock levels and, when the reviews module
// answers in time, ratings.
import type { Database, Kysely } from "@pizza/db";
import { notFound } from "../../errors.ts";
import { msg } from "../../i18n/message.ts";
import type { WeeklyHours } from "../stores/hours.ts";
import { STORE_COLUMNS } from "../stores/store-info.ts";
import type { Menu, SizePrices } from "./menu.types.ts";
import { regionDeals } from "./menu-deals.ts";
import { imagesOfKind, withItemImages } from "./menu-image-queries.ts";
import { pricesInForce } from "./prices-in-force.ts";
import { offInRegion } from "./region-availability.ts";
import { regionTakesTips } from "./region-tips.ts";

const CHEESE_LEVELS = ["none", "light", "normal", "extra"] as const;

type Ratings = Record<string, { average: number | null; count: number }> | undefined;

export async function buildMenu(
  db: Kysely<Database>,
  storeId: string,
  locale: string,
  ratingsOf: (itemIds: string[]) => Promise<Ratings> | undefined,
  at: Date = new Date(),
): Promise<Menu> {
  const store = await readStore(db, storeId);
  const rows = await readMenuTables(db, storeId, store.region_code, locale, at);
  const look = lookups(rows, locale);
  const deals = await regionDeals(db, store.region_code, locale, at);
  const ratings = await ratingsOf(rows.items.map((i) => i.id));
  const items = withItemImages(menuItems(rows, look, ratings), rows.itemImages, locale);
  return {
    store: storeView(store, rows.overrides),
    region: regionView(store, rows.taxRates),
    locale,
    categories: rows.categories
      .filter((c) => items.some((i) => i.categoryId === c.id))
      .map((c) => ({ id: c.id, name: look.name("category", c.id) })),
    items,
    sizes: rows.sizes.map((s) => ({
      id: s.id,
      name: look.name("size", s.id),
      diameterCm: s.diameter_cm,
      maxToppings: s.max_toppings,
    })),
    crusts: rows.crusts.map((c) => ({
      id: c.id,
      name: look.name("crust", c.id),
      available: look.isAvailable("crust", c.id),
      prices: look.sizePrices(
        "crust",
        c.id,
        new Set(rows.crustSizes.filter((cs) => cs.crust_id === c.id).map((cs) => cs.size_id)),
      ),
    })),
    sauces: rows.sauces.map((s) => ({
      id: s.id,
      name: look.name("sauce", s.id),
      available: look.isAvailable("sauce", s.id),
    })),
    cheeseLevels: CHEESE_LEVELS.map((id) => ({
      id,
      name: look.name("cheese", id),
      prices: look.sizePrices("cheese", id),
    })),
    toppings: rows.toppings.map((t) => ({
      id: t.id,
      name: look.name("topping", t.id),
      kind: t.kind,
      premium: t.premium,
      available: look.isAvailable("topping", t.id),
      prices: look.sizePrices("topping", t.id),
    })),
    deals,
    generatedAt: new Date().toISOString(),
    countedStock: rows.stock.filter((x) => x.stock !== null).map((x) => `${x.entity}|${x.entity_id}`),
    ...(ratings === undefined ? { ratingsUnavailable: true } : {}),
    ...(rows.inForce.nextChangeAt ? { nextPriceChangeAt: rows.inForce.nextChangeAt.toISOString() } : {}),
  };
}

async function readStore(db: Kysely<Database>, storeId: string) {
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
  if (!store) throw notFound(msg("store.notFound"));
  return store;
}
type StoreWithRegion = Awaited<ReturnType<typeof readStore>>;

/** Every menu table the build needs, read in one round of parallel queries. */
function readMenuTables(db: Kysely<Database>, storeId: string, regionCode: string, locale: string, at: Date) {
  return awaitAll({
    categories: db.selectFrom("menu_categories").select(["id", "sort"]).orderBy("sort").execute(),
    items: db
      .selectFrom("menu_items")
      .select([
        "id",
        "category_id",
        "kind",
        "tax_category",
        "default_sauce",
        "default_cheese",
        "default_toppings",
        "tags",
      ])
      .where("active", "=", true)
      .orderBy("sort")
      .execute(),
    variants: db.selectFrom("menu_item_variants").select(["item_id", "id"]).orderBy("sort").execute(),
    groups: db
      .selectFrom("menu_option_groups")
      .select(["id", "item_id", "min_select", "max_select"])
      .orderBy("sort")
      .execute(),
    options: db.selectFrom("menu_options").select(["id", "group_id"]).orderBy("sort").execute(),
    sizes: db
      .selectFrom("pizza_sizes")
      .select(["id", "diameter_cm", "max_toppings"])
      .orderBy("sort")
      .execute(),
    crusts: db.selectFrom("crusts").select(["id"]).orderBy("sort").execute(),
    crustSizes: db.selectFrom("crust_sizes").select(["crust_id", "size_id"]).execute(),
    sauces: db.selectFrom("sauces").select(["id"]).orderBy("sort").execute(),
    toppings: db.selectFrom("toppings").select(["id", "kind", "premium"]).orderBy("sort").execute(),
    names: db
      .selectFrom("translations")
      .select(["entity", "entity_id", "locale", "name", "description"])
      .where("locale", "in", [locale, "en"])
      .execute(),
    // The region's prices in force at `at` (scheduled ones from their moment) and what it does not offer.
    inForce: pricesInForce(db, regionCode, at),
    regionOff: offInRegion(db, regionCode),
    stock: db
      .selectFrom("store_stock")
      .select(["entity", "entity_id", "available", "stock"])
      .where("store_id", "=", storeId)
      .execute(),
    overrides: db
      .selectFrom("store_hour_overrides")
      .select(["day", "opens", "closes", "closed"])
      .where("store_id", "=", storeId)
      .execute(),
    // A store manager's own prices (store.setStorePrice) override the region's at this store.
    taxRates: db
      .selectFrom("tax_rates")
      .select(["category", "rate_ppm"])
      .where("region_code", "=", regionCode)
      .execute(),
    storePrices: db
      .selectFrom("store_prices")
      .select(["entity", "entity_id", "variant", "amount"])
      .where("store_id", "=", storeId)
      .execute(),
    itemImages: imagesOfKind(db, "item"),
  });
}

/** Awaits every promise of an object in parallel, keeping each result under its key and type. */
async function awaitAll<T extends Record<string, Promise<unknown>>>(
  promises: T,
): Promise<{ [K in keyof T]: Awaited<T[K]> }> {
  const entries = await Promise.all(Object.entries(promises).map(async ([k, p]) => [k, await p] as const));
  return Object.fromEntries(entries) as { [K in keyof T]: Awaited<T[K]> };
}
type MenuRows = Awaited<ReturnType<typeof readMenuTables>>;

/** Names in the locale (English when missing), prices (the store's own over the region's), availability. */
function lookups(rows: MenuRows, locale: string) {
  const tr = new Map<string, { name: string; description: string | null }>();
  for (const n of rows.names) {
    const key = `${n.entity}|${n.entity_id}`;
    if (n.locale === locale || !tr.has(key)) tr.set(key, { name: n.name, description: n.description });
  }
  const name = (entity: string, id: string) => tr.get(`${entity}|${id}`)?.name ?? id;
  const price = new Map<string, number>();
  for (const p of rows.inForce.prices) price.set(`${p.entity}|${p.entity_id}|${p.variant}`, p.amount);
  for (const p of rows.storePrices) {
    const key = `${p.entity}|${p.entity_id}|${p.variant}`;
    if (price.has(key)) price.set(key, p.amount);
  }
  const sizePrices = (entity: string, id: string, allowed?: Set<string>): SizePrices => {
    const out: SizePrices = {};
    for (const s of rows.sizes) {
      if (allowed && !allowed.has(s.id)) continue;
      const amount = price.get(`${entity}|${id}|${s.id}`);
      if (amount !== undefined) out[s.id] = amount;
      else if (entity === "cheese") out[s.id] = 0;
    }
    return out;
  };
  const avail = new Map<string, boolean>();
  for (const s of rows.stock)
    avail.set(`${s.entity}|${s.entity_id}`, s.available && (s.stock === null || s.stock > 0));
  const offHere = (entity: string, id: string) => rows.regionOff.has(`${entity}|${id}`);
  const isAvailable = (entity: string, id: string) =>
    !offHere(entity, id) && (avail.get(`${entity}|${id}`) ?? true);
  return { tr, name, price, sizePrices, isAvailable, offHere };
}
type Lookups = ReturnType<typeof lookups>;

/** The items sold in the region (at least one priced variant), with their option groups and ratings. */
function menuItems(rows: MenuRows, look: Lookups, ratings: Ratings): Menu["items"] {
  const { name, price, isAvailable } = look;
  const out: Menu["items"] = [];
  for (const item of rows.items) {
    if (look.offHere("item", item.id)) continue; // not offered in this region
    const vs = rows.variants.filter((v) => v.item_id === item.id);
    const itemVariants =
      item.kind === "pizza"
        ? rows.sizes.map((s) => ({ id: s.id, name: name("size", s.id) }))
        : vs.length > 0
          ? vs.map((v) => ({ id: v.id, name: name("variant", `${item.id}:${v.id}`) }))
          : [{ id: "", name: "" }];
    const priced = itemVariants.flatMap((v) => {
      const amount = price.get(`item|${item.id}|${v.id}`);
      return amount === undefined ? [] : [{ ...v, price: amount }];
    });
    if (priced.length === 0) continue; // not sold in this region
    const t = look.tr.get(`item|${item.id}`);
    const r = ratings?.[item.id];
    out.push({
      id: item.id,
      categoryId: item.category_id,
      kind: item.kind,
      taxCategory: item.tax_category,
      name: t?.name ?? item.id,
      description: t?.description ?? null,
      tags: item.tags,
      available: isAvailable("item", item.id),
      variants: priced,
      defaults: { sauce: item.default_sauce, cheese: item.default_cheese, toppings: item.default_toppings },
      optionGroups: rows.groups
        .filter((g) => g.item_id === item.id)
        .map((g) => ({
          id: g.id,
          name: name("option_group", g.id),
          min: g.min_select,
          max: g.max_select,
          options: rows.options
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
  return out;
}

function storeView(store: StoreWithRegion, overrides: MenuRows["overrides"]): Menu["store"] {
  return {
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
  };
}

function regionView(store: StoreWithRegion, taxRates: MenuRows["taxRates"]): Menu["region"] {
  return {
    code: store.region_code,
    currency: store.currency.trim(),
    currencyDigits: store.currency_digits,
    locale: store.locale,
    timezone: store.region_timezone,
    taxMode: store.tax_mode,
    taxRatePpm: store.tax_rate_ppm,
    taxRates: Object.fromEntries(taxRates.map((r) => [r.category, r.rate_ppm])),
    deliveryFee: store.delivery_fee,
    minDeliverySubtotal: store.min_delivery_subtotal,
    driverSpeedKmh: store.driver_speed_kmh,
    tipsAccepted: regionTakesTips(store.region_code),
  };
}
