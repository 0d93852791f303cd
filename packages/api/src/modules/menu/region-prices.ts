// A region's list prices (`prices`, owned by the menu module): read by the stores module to show a
// store's prices beside them, and changed by an admin (the price is the region's, not one store's).
import type { Database, Kysely, PriceEntity } from "@pizza/db";
import { notFound } from "../../errors.ts";
import { writeOutbox } from "../../infra/outbox.ts";

export interface PriceKey {
  regionCode: string;
  entity: PriceEntity;
  entityId: string;
  variant: string;
}

/** Every list price of a region, ordered by entity, id and variant. */
export function regionPriceList(db: Kysely<Database>, regionCode: string) {
  return db
    .selectFrom("prices")
    .select(["entity", "entity_id", "variant", "amount"])
    .where("region_code", "=", regionCode)
    .orderBy("entity")
    .orderBy("entity_id")
    .orderBy("variant")
    .execute();
}

/** One list price of a region, or undefined when the region does not price it. */
export async function regionListPrice(db: Kysely<Database>, key: PriceKey): Promise<number | undefined> {
  const row = await db
    .selectFrom("prices")
    .select("amount")
    .where("region_code", "=", key.regionCode)
    .where("entity", "=", key.entity)
    .where("entity_id", "=", key.entityId)
    .where("variant", "=", key.variant)
    .executeTakeFirst();
  return row?.amount;
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
      payload: { regionCode: input.regionCode, price: input, by },
    });
  });
}
