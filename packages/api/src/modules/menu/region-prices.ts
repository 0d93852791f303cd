// A region's list prices (`prices`, owned by the menu module): read by the stores module to show a
// store's prices beside them, and changed by an admin (the price is the region's, not one store's).
import type { Database, Kysely, PriceEntity, Transaction } from "@pizza/db";
import { notFound } from "../../errors.ts";
import { writeOutbox } from "../../infra/outbox.ts";
import { recordMenuChange } from "./menu-history.ts";
import { pricesInForce } from "./prices-in-force.ts";

export interface PriceKey {
  regionCode: string;
  entity: PriceEntity;
  entityId: string;
  variant: string;
}

/** Every list price of a region in force now (scheduled ones from their moment), by entity, id and variant. */
export async function regionPriceList(db: Kysely<Database>, regionCode: string) {
  return (await pricesInForce(db, regionCode, new Date())).prices;
}

/** One list price of a region in force now, or undefined when the region does not price it. */
export async function regionListPrice(db: Kysely<Database>, key: PriceKey): Promise<number | undefined> {
  const [row, due] = await Promise.all([
    db
      .selectFrom("prices")
      .select("amount")
      .where("region_code", "=", key.regionCode)
      .where("entity", "=", key.entity)
      .where("entity_id", "=", key.entityId)
      .where("variant", "=", key.variant)
      .executeTakeFirst(),
    dueScheduled(db, key).orderBy("effective_at", "desc").select("amount").executeTakeFirst(),
  ]);
  return row ? (due?.amount ?? row.amount) : undefined;
}

/** The key's scheduled prices that have come due: a price set now replaces them (they would win otherwise). */
function dueScheduled(db: Kysely<Database>, key: PriceKey) {
  return db
    .selectFrom("scheduled_prices")
    .where("region_code", "=", key.regionCode)
    .where("entity", "=", key.entity)
    .where("entity_id", "=", key.entityId)
    .where("variant", "=", key.variant)
    .where("effective_at", "<=", new Date());
}

/**
 * The entity whose history a price belongs to: its own, or for an option its item's (the option's key
 * is `group:option`, so the item is looked up by the group); a cheese level's is its own.
 */
export async function historyEntity(
  db: Kysely<Database>,
  key: Pick<PriceKey, "entity" | "entityId">,
): Promise<{ entity: "item" | "topping" | "crust" | "cheese"; id: string } | null> {
  if (key.entity !== "option") return { entity: key.entity, id: key.entityId };
  const group = await db
    .selectFrom("menu_option_groups")
    .select("item_id")
    .where("id", "=", key.entityId.split(":")[0] ?? "")
    .executeTakeFirst();
  return group ? { entity: "item", id: group.item_id } : null;
}

/**
 * Sets a region's list price now, in the caller's transaction: writes (or, with `insert`, creates) the
 * row, drops the key's scheduled prices that have come due (they would hide it), records the change and
 * its outbox `menu.changed`. Undefined when there is no such price and `insert` is off.
 */
export async function writeRegionPrice(
  trx: Transaction<Database>,
  by: string,
  input: PriceKey & { amount: number },
  options: { insert: boolean } = { insert: false },
): Promise<{ before: number | null } | undefined> {
  const before = (await regionListPrice(trx, input)) ?? null;
  if (before === null && !options.insert) return undefined;
  const row = {
    region_code: input.regionCode,
    entity: input.entity,
    entity_id: input.entityId,
    variant: input.variant,
    amount: input.amount,
  };
  await trx
    .insertInto("prices")
    .values(row)
    .onConflict((oc) =>
      oc
        .columns(["region_code", "entity", "entity_id", "variant"])
        .doUpdateSet({ amount: input.amount, updated_at: new Date() }),
    )
    .execute();
  await trx
    .deleteFrom("scheduled_prices")
    .where("region_code", "=", input.regionCode)
    .where("entity", "=", input.entity)
    .where("entity_id", "=", input.entityId)
    .where("variant", "=", input.variant)
    .where("effective_at", "<=", new Date())
    .execute();
  const owner = await historyEntity(trx, input);
  if (owner)
    await recordMenuChange(trx, {
      ...owner,
      entityId: owner.id,
      action: "price",
      regionCode: input.regionCode,
      by,
      before: { variant: input.variant, entity: input.entity, key: input.entityId, amount: before },
      after: { variant: input.variant, entity: input.entity, key: input.entityId, amount: input.amount },
    });
  await writeOutbox(trx, {
    topic: "menu.changed",
    aggregateId: input.regionCode,
    payload: { regionCode: input.regionCode, price: input, by },
  });
  return { before };
}

/**
 * Changes a region's list price with its outbox `menu.changed` in one transaction (404 for a price the
 * region does not have). The caller invalidates the region's menus after the commit.
 */
export async function updateRegionPrice(
  db: Kysely<Database>,
  by: string,
  input: PriceKey & { amount: number },
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    if (!(await writeRegionPrice(trx, by, input)))
      throw notFound(
        `There is no ${input.entity} price for "${input.entityId}" ${input.variant} in ${input.regionCode}.`,
      );
  });
}
