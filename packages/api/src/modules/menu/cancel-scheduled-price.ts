// An admin withdraws a scheduled price before its moment (issue 22): the row goes, with a history row
// of its entity in the same transaction (as scheduling wrote one), and the caller bumps the region's
// menus after the commit, so every cached menu is built again and records the region's next scheduled
// moment without this one. A price already in force is not a schedule any more: it is changed by
// setting a new price, so it is refused here and nothing changes.
import type { Database, Kysely } from "@pizza/db";
import { badRequest, notFound } from "../../errors.ts";
import type { TCancelScheduledPrice } from "./menu-admin.schemas.ts";
import { recordMenuChange } from "./menu-history.ts";
import { historyEntity } from "./region-prices.ts";

export interface CancelledPrice {
  regionCode: string;
  amount: number;
  from: string;
}

export async function cancelScheduledPrice(
  db: Kysely<Database>,
  by: string,
  input: TCancelScheduledPrice,
  now: Date,
): Promise<CancelledPrice> {
  return db.transaction().execute(async (trx) => {
    // Locked, so a cancel and a new price for the same moment are serialised.
    const row = await trx
      .selectFrom("scheduled_prices")
      .select(["region_code", "entity", "entity_id", "variant", "amount", "effective_at"])
      .where("id", "=", input.id)
      .forUpdate()
      .executeTakeFirst();
    if (!row) throw notFound("There is no such scheduled price: it may have been cancelled already.");
    const from = new Date(row.effective_at);
    if (from.getTime() <= now.getTime())
      throw badRequest("That price is already in force: set a new price instead of cancelling it.", {
        field: "id",
      });
    await trx.deleteFrom("scheduled_prices").where("id", "=", input.id).execute();
    const owner = await historyEntity(trx, { entity: row.entity, entityId: row.entity_id });
    if (owner)
      await recordMenuChange(trx, {
        entity: owner.entity,
        entityId: owner.id,
        action: "cancelled scheduled price",
        regionCode: row.region_code,
        by,
        before: { variant: row.variant, entity: row.entity, key: row.entity_id, amount: row.amount, from },
        after: null,
      });
    return { regionCode: row.region_code, amount: row.amount, from: from.toISOString() };
  });
}
