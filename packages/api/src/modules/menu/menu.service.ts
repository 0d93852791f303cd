import { randomBytes } from "node:crypto";
import type { Database, Kysely } from "@pizza/db";
import type { Cache } from "../../infra/cache.ts";
import { primaryReads, type ReadReplica } from "../../infra/read-replica.ts";
import type { Resilience } from "../../infra/resilience.ts";
import { buildMenu } from "./build-menu.ts";
import type { Menu } from "./menu.types.ts";

const MENU_TTL_MS = 5 * 60_000;
const GEN_TTL_MS = 24 * 3600_000;
/** Part of the cache key: bumped when a menu's shape changes, so no node reads a cached menu of the old shape. */
const MENU_SHAPE = "t5";
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

/**
 * A menu built before its region's next scheduled price (issue 22) is not kept past that moment: every
 * node checks it on each read (by its own clock, so a test's clock too), and the shared cache's TTL ends
 * there as well. Whoever reads first after it builds again, with the new price.
 */
const priceDue = (menu: Menu, now = Date.now()) =>
  menu.nextPriceChangeAt !== undefined && Date.parse(menu.nextPriceChangeAt) <= now;
const ttlFor = (menu: Menu, ttlMs: number) =>
  menu.nextPriceChangeAt === undefined
    ? ttlMs
    : Math.max(1_000, Math.min(ttlMs, Date.parse(menu.nextPriceChangeAt) - Date.now()));

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
    /** Menus are built on the standby once it has replayed the change that named their generation. */
    private readonly replica: ReadReplica = primaryReads(db),
  ) {}

  private genKey = (storeId: string) => `menu-gen:${storeId}`;

  private async generation(storeId: string): Promise<string> {
    const existing = await this.cache.get(this.genKey(storeId));
    if (existing) return existing;
    const gen = await this.newGeneration();
    await this.cache.set(this.genKey(storeId), gen, GEN_TTL_MS);
    return gen;
  }

  /**
   * A generation carries the primary's WAL position when it was made (after the change committed):
   * a menu of that generation is built on the standby only once the standby has replayed that far,
   * so a lagging standby never stores an old menu under the new generation.
   */
  private async newGeneration(): Promise<string> {
    const mark = await this.replica.mark();
    return `${randomBytes(6).toString("hex")}${mark ? `@${mark}` : ""}`;
  }

  private async readsFor(gen: string): Promise<Kysely<Database>> {
    return this.replica.after(gen.split("@")[1] ?? "");
  }

  private remember(key: string, json: string, menu: Menu = JSON.parse(json) as Menu) {
    const entry = { json, menu, until: Date.now() + LOCAL_TTL_MS };
    if (this.local.size >= 500) this.local.delete(this.local.keys().next().value!);
    this.local.set(key, entry);
    return entry;
  }

  private async entry(storeId: string, locale: string): Promise<{ json: string; menu: Menu }> {
    const gen = await this.generation(storeId);
    const key = `menu:${MENU_SHAPE}:${storeId}:${gen}:${locale}`;
    const known = this.local.get(key);
    if (known && known.until > Date.now() && !priceDue(known.menu)) return known;
    const hit = await this.cache.get(key);
    if (hit) {
      const cached = this.remember(key, hit);
      if (!priceDue(cached.menu)) return cached;
    }
    const d = this.degradation;
    if (!d) {
      const menu = await this.build(storeId, locale, await this.readsFor(gen));
      const json = JSON.stringify(menu);
      await this.cache.set(key, json, ttlFor(menu, MENU_TTL_MS));
      return this.remember(key, json, menu);
    }
    const read = await d.resilience.withLastGood(
      `menu:${storeId}:${locale}`,
      async () => this.build(storeId, locale, await this.readsFor(gen)),
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
    const ttl = ttlFor(read.value, read.value.ratingsUnavailable ? NO_RATINGS_TTL_MS : MENU_TTL_MS);
    await this.cache.set(key, json, ttl);
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
    await this.cache.set(this.genKey(storeId), await this.newGeneration(), GEN_TTL_MS);
  }

  /** Call after a price change in a region (or, with no region, a catalogue change) has committed. */
  async invalidateRegion(regionCode?: string): Promise<void> {
    let q = this.db.selectFrom("stores").select("id");
    if (regionCode) q = q.where("region_code", "=", regionCode);
    const stores = await q.execute();
    await Promise.all(stores.map((s) => this.invalidateStore(s.id)));
  }

  /** Reads the menu from the database (no cache). */
  build(storeId: string, locale: string, db: Kysely<Database> = this.db): Promise<Menu> {
    // Ratings belong to the reviews module: read through its service and breaker, never required.
    return buildMenu(db, storeId, locale, (itemIds) => this.degradation?.ratings(itemIds));
  }
}
