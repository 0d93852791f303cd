// Store prices: a store manager prices their store within the region's rule (list price ± the region's
// `manager_price_change_pct`); admins are not bound by the range, crew are refused. The region's own
// prices are the menu module's (`menu/region-prices.ts`).
import { formatMoney } from "@pizza/contracts";
import type { Database, Kysely, PriceEntity } from "@pizza/db";
import { badRequest, forbidden, notFound } from "../../errors.ts";
import { msg } from "../../i18n/message.ts";
import { writeOutbox } from "../../infra/outbox.ts";
import type { AuthUser } from "../auth/tokens.ts";
import { staffRoleOf } from "../auth/user-profile.ts";
import { regionListPrice, regionPriceList } from "../menu/region-prices.ts";
import type { StoreDeps } from "./store-deps.ts";

export type PriceEntityKind = PriceEntity;

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

export interface TSetStorePrice {
  entity: PriceEntityKind;
  entityId: string;
  variant: string;
  amount: number | null;
}

/** The range a store manager may price something at: the region's list price ± `pct` percent. */
export function managerPriceRange(listAmount: number, pct: number): { min: number; max: number } {
  return {
    min: Math.ceil((listAmount * (100 - pct)) / 100),
    max: Math.floor((listAmount * (100 + pct)) / 100),
  };
}

async function priceContext(db: Kysely<Database>, storeId: string) {
  const store = await db
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
  if (!store) throw notFound(msg("store.notFound"));
  return { ...store, currency: store.currency.trim() };
}

/** Is this actor allowed to change the store's prices (admins; staff whose staff_role is manager)? */
export async function canPrice(db: Kysely<Database>, actor: AuthUser): Promise<boolean> {
  if (actor.role === "admin") return true;
  if (actor.role !== "staff") return false;
  return (await staffRoleOf(db, actor.id)) === "manager";
}

/** The store's prices beside the region's list prices, with the range a manager may choose in. */
export async function storePrices(deps: StoreDeps, actor: AuthUser, storeId: string) {
  const store = await priceContext(deps.db, storeId);
  const [list, own, canEdit] = await Promise.all([
    regionPriceList(deps.db, store.region_code),
    deps.db
      .selectFrom("store_prices")
      .select(["entity", "entity_id", "variant", "amount"])
      .where("store_id", "=", storeId)
      .execute(),
    canPrice(deps.db, actor),
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
 * A store manager sets their store's price (or, with `amount: null`, goes back to the region's).
 * Outbox `menu.changed` in the same transaction; the store's menu cache is invalidated after the
 * commit, so the next quote uses the new price.
 */
export async function setStorePrice(
  deps: StoreDeps,
  actor: AuthUser,
  storeId: string,
  input: TSetStorePrice,
): Promise<StorePriceView> {
  if (!(await canPrice(deps.db, actor)))
    throw forbidden("Only the store manager can change prices; ask your manager.");
  const store = await priceContext(deps.db, storeId);
  const listAmount = await regionListPrice(deps.db, { regionCode: store.region_code, ...input });
  const what = `${input.entityId.replace(/_/g, " ")}${input.variant ? ` (${input.variant})` : ""}`;
  if (listAmount === undefined)
    throw notFound(`There is no ${input.entity} price for ${what} in this region.`);
  const fmt = (n: number) => formatMoney(n, store.currency, store.currency_digits, "en");
  /** The one check of a manager's price, against the percentage in force when the price is written. */
  const checkRange = (pct: number) => {
    const range = managerPriceRange(listAmount, pct);
    if (input.amount === null || actor.role === "admin") return range;
    if (input.amount >= range.min && input.amount <= range.max) return range;
    throw badRequest(
      `At ${store.name}, ${what} may cost between ${fmt(range.min)} and ${fmt(range.max)} (the region's price ${fmt(listAmount)} ± ${pct}%).`,
      { field: "amount", min: range.min, max: range.max, listAmount },
    );
  };
  checkRange(store.manager_price_change_pct);
  const storeAmount = input.amount === null || input.amount === listAmount ? null : input.amount;
  const range = await writeStorePrice(
    deps.db,
    actor,
    { storeId, regionCode: store.region_code, checkRange },
    { ...input, amount: storeAmount },
    { ...input, listAmount },
  );
  await deps.menu.invalidateStore(storeId);
  return {
    entity: input.entity,
    entityId: input.entityId,
    variant: input.variant,
    listAmount,
    storeAmount,
    ...range,
  };
}

/**
 * Writes (or, for null, removes) the store's own price with the outbox `menu.changed`, in one transaction,
 * checked against the region's percentage read under a share lock: an admin narrowing the rule waits for
 * this write, or this write sees the new rule (region-price-rule.ts), never a price checked against a
 * rule already replaced.
 */
async function writeStorePrice(
  db: Kysely<Database>,
  actor: AuthUser,
  at: { storeId: string; regionCode: string; checkRange(pct: number): { min: number; max: number } },
  price: TSetStorePrice,
  announced: TSetStorePrice & { listAmount: number },
): Promise<{ min: number; max: number }> {
  const { storeId } = at;
  const key = { store_id: storeId, entity: price.entity, entity_id: price.entityId, variant: price.variant };
  return db.transaction().execute(async (trx) => {
    const rule = await trx
      .selectFrom("regions")
      .select("manager_price_change_pct")
      .where("code", "=", at.regionCode)
      .forShare()
      .executeTakeFirstOrThrow();
    const range = at.checkRange(rule.manager_price_change_pct);
    if (price.amount === null) {
      await trx
        .deleteFrom("store_prices")
        .where("store_id", "=", key.store_id)
        .where("entity", "=", key.entity)
        .where("entity_id", "=", key.entity_id)
        .where("variant", "=", key.variant)
        .execute();
    } else {
      const row = { amount: price.amount, updated_by: actor.id, updated_at: new Date() };
      await trx
        .insertInto("store_prices")
        .values({ ...key, ...row })
        .onConflict((oc) => oc.columns(["store_id", "entity", "entity_id", "variant"]).doUpdateSet(row))
        .execute();
    }
    await writeOutbox(trx, {
      topic: "menu.changed",
      aggregateId: storeId,
      payload: { storeId, storePrice: { storeId, ...announced }, by: actor.id },
    });
    return range;
  });
}
