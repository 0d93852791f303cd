// The region's price rule (issue 22): head office sets how far a store manager may move a price from the
// region's list price (`regions.manager_price_change_pct`, 0–50 %), and sees every store's own prices
// beside the list price with the deviation. Decided: a rule narrowed below a store's existing price keeps
// that price and flags it ("out of range"), it does not clamp it: customers keep the price they were
// shown, and head office decides per store (the manager's next change must be in the new range, and an
// admin may put the store back on the list price). Admins and the region's region manager (migration
// 0044) do this; who may is decided once, in auth/region-access.ts, before these run.
import type { Database, Kysely, PriceEntity } from "@pizza/db";
import { badRequest, notFound } from "../../errors.ts";
import type { AuthUser } from "../auth/tokens.ts";
import { userNames } from "../auth/user-profile.ts";
import { regionPriceList } from "../menu/region-prices.ts";
import type { StoreDeps } from "./store-deps.ts";
import { managerPriceRange } from "./store-prices.ts";

export const MAX_MANAGER_PRICE_CHANGE_PCT = 50;

export interface PriceDeviation {
  storeId: string;
  storeName: string;
  entity: PriceEntity;
  entityId: string;
  variant: string;
  listAmount: number;
  storeAmount: number;
  /** (store − list) / list in per cent, one decimal; negative = cheaper than the list price. */
  deviationPct: number;
  /** Outside list ± the region's current percentage (kept, not clamped: see the header). */
  outOfRange: boolean;
}

export interface RegionPriceRule {
  regionCode: string;
  currency: string;
  currencyDigits: number;
  maxChangePct: number;
  updatedAt: string | null;
  updatedBy: string | null;
  stores: { id: string; name: string }[];
  deviations: PriceDeviation[];
  outOfRangeCount: number;
}

async function regionRow(db: Kysely<Database>, regionCode: string) {
  const region = await db
    .selectFrom("regions")
    .select([
      "code",
      "currency",
      "currency_digits",
      "manager_price_change_pct",
      "price_rule_updated_by",
      "price_rule_updated_at",
    ])
    .where("code", "=", regionCode)
    .executeTakeFirst();
  if (!region) throw notFound(`There is no region "${regionCode}".`);
  return region;
}

/** `(store − list) / list` in per cent with one decimal (0 when the list price is 0). */
export function deviationPct(listAmount: number, storeAmount: number): number {
  if (listAmount === 0) return 0;
  return Math.round(((storeAmount - listAmount) * 1000) / listAmount) / 10;
}

/** The region's rule and every store's own prices beside the list prices, out-of-range first. */
export async function regionPriceRule(db: Kysely<Database>, regionCode: string): Promise<RegionPriceRule> {
  const region = await regionRow(db, regionCode);
  const [list, stores, own] = await Promise.all([
    regionPriceList(db, regionCode),
    db
      .selectFrom("stores")
      .select(["id", "name"])
      .where("region_code", "=", regionCode)
      .orderBy("name")
      .execute(),
    db
      .selectFrom("store_prices")
      .innerJoin("stores", "stores.id", "store_prices.store_id")
      .select([
        "stores.id as storeId",
        "stores.name as storeName",
        "store_prices.entity",
        "store_prices.entity_id",
        "store_prices.variant",
        "store_prices.amount",
      ])
      .where("stores.region_code", "=", regionCode)
      .execute(),
  ]);
  const listOf = new Map(list.map((p) => [`${p.entity}|${p.entity_id}|${p.variant}`, p.amount]));
  const pct = region.manager_price_change_pct;
  const deviations: PriceDeviation[] = [];
  for (const p of own) {
    const listAmount = listOf.get(`${p.entity}|${p.entity_id}|${p.variant}`);
    if (listAmount === undefined) continue; // the region no longer prices it: the store's row is unused
    const range = managerPriceRange(listAmount, pct);
    deviations.push({
      storeId: p.storeId,
      storeName: p.storeName,
      entity: p.entity,
      entityId: p.entity_id,
      variant: p.variant,
      listAmount,
      storeAmount: p.amount,
      deviationPct: deviationPct(listAmount, p.amount),
      outOfRange: p.amount < range.min || p.amount > range.max,
    });
  }
  deviations.sort(
    (a, b) =>
      Number(b.outOfRange) - Number(a.outOfRange) ||
      a.storeName.localeCompare(b.storeName) ||
      a.entityId.localeCompare(b.entityId) ||
      a.variant.localeCompare(b.variant),
  );
  const by = region.price_rule_updated_by;
  return {
    regionCode: region.code,
    currency: region.currency.trim(),
    currencyDigits: region.currency_digits,
    maxChangePct: pct,
    updatedAt: region.price_rule_updated_at?.toISOString() ?? null,
    updatedBy: by ? ((await userNames(db, [by])).get(by) ?? null) : null,
    stores,
    deviations,
    outOfRangeCount: deviations.filter((d) => d.outOfRange).length,
  };
}

/**
 * Sets the region's percentage (a whole number 0–50; the schema says so in words, and this checks
 * again for callers that skip it). Store prices are kept; the answer flags those now out of range.
 */
export async function setRegionPriceRule(
  deps: StoreDeps,
  actor: AuthUser,
  input: { regionCode: string; maxChangePct: number },
): Promise<RegionPriceRule> {
  const pct = input.maxChangePct;
  if (!Number.isInteger(pct) || pct < 0 || pct > MAX_MANAGER_PRICE_CHANGE_PCT)
    throw badRequest(
      `The managers' price change is a whole percentage from 0 to ${MAX_MANAGER_PRICE_CHANGE_PCT}.`,
      { field: "maxChangePct" },
    );
  // Nothing is derived from the percentage (menus and quotes use prices, not the rule), so no event:
  // who changed it and when are kept on the region.
  const row = await deps.db
    .updateTable("regions")
    .set({
      manager_price_change_pct: pct,
      price_rule_updated_by: actor.id,
      price_rule_updated_at: deps.now(),
    })
    .where("code", "=", input.regionCode)
    .returning("code")
    .executeTakeFirst();
  if (!row) throw notFound(`There is no region "${input.regionCode}".`);
  return regionPriceRule(deps.db, input.regionCode);
}
