// Whether an item, topping, crust or sauce is offered in a region at all (issue 22): an admin's switch,
// kept in `region_availability` (no row: offered). The menu leaves an item that is off in its region out,
// and shows a topping, crust or sauce that is off as unavailable; a store's own stock stays in store_stock.
import type { Database, Kysely } from "@pizza/db";
import { notFound } from "../../errors.ts";
import type { TSetRegionAvailability } from "./menu-admin.schemas.ts";
import { assertMenuEntityExists } from "./menu-entities.ts";
import { recordMenuChange } from "./menu-history.ts";

/** `entity|id` of everything switched off in the region. */
export async function offInRegion(db: Kysely<Database>, regionCode: string): Promise<Set<string>> {
  const rows = await db
    .selectFrom("region_availability")
    .select(["entity", "entity_id"])
    .where("region_code", "=", regionCode)
    .where("available", "=", false)
    .execute();
  return new Set(rows.map((r) => `${r.entity}|${r.entity_id}`));
}

/**
 * Switches an entity on or off in a region and records it, in one transaction. 404 for an entity the menu
 * does not have (an unknown region is refused by the service). The caller invalidates the region's menus.
 */
export async function setRegionAvailability(
  db: Kysely<Database>,
  by: string,
  input: TSetRegionAvailability,
): Promise<{ changed: boolean }> {
  return db.transaction().execute(async (trx) => {
    await assertMenuEntityExists(trx, input.entity, input.entityId).catch((e: Error) => {
      throw notFound(e.message);
    });
    const before = await trx
      .selectFrom("region_availability")
      .select("available")
      .where("region_code", "=", input.regionCode)
      .where("entity", "=", input.entity)
      .where("entity_id", "=", input.entityId)
      .executeTakeFirst();
    const was = before?.available ?? true;
    if (was === input.available) return { changed: false };
    await trx
      .insertInto("region_availability")
      .values({
        region_code: input.regionCode,
        entity: input.entity,
        entity_id: input.entityId,
        available: input.available,
      })
      .onConflict((oc) =>
        oc
          .columns(["region_code", "entity", "entity_id"])
          .doUpdateSet({ available: input.available, updated_at: new Date() }),
      )
      .execute();
    await recordMenuChange(trx, {
      entity: input.entity,
      entityId: input.entityId,
      action: "availability",
      regionCode: input.regionCode,
      by,
      before: { available: was },
      after: { available: input.available },
    });
    return { changed: true };
  });
}
