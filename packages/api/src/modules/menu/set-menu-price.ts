// An admin prices something in a region (issue 22): at once (the region's list price, created if the
// region did not sell it yet) or from a moment on (a scheduled price, shown by the menu from that moment
// without anyone acting: prices-in-force.ts). Each refusal of the input is a 400 naming its field (an entity the menu does not have: 404); the change and its
// history row commit together, and the caller bumps the region's menus after the commit.
import type { Database, Kysely } from "@pizza/db";
import { badRequest, notFound } from "../../errors.ts";
import { isForeignKeyViolation } from "../../infra/db-errors.ts";
import type { TSetMenuPrice } from "./menu-admin.schemas.ts";
import { assertMenuEntityExists } from "./menu-entities.ts";
import { recordMenuChange } from "./menu-history.ts";
import { historyEntity, regionListPrice, writeRegionPrice } from "./region-prices.ts";

export const CHEESE_LEVELS = ["none", "light", "normal", "extra"];

export interface PriceSet {
  amount: number;
  before: number | null;
  from: string | null;
}

export async function setMenuPrice(
  db: Kysely<Database>,
  by: string,
  input: TSetMenuPrice,
  now: Date,
): Promise<PriceSet> {
  await assertPriceable(db, input);
  const from = input.from ? new Date(input.from) : null;
  if (from && from.getTime() <= now.getTime())
    throw badRequest("A scheduled price starts in the future; leave the date empty to change it now.", {
      field: "from",
    });
  const key = {
    regionCode: input.regionCode,
    entity: input.entity,
    entityId: input.entityId,
    variant: input.variant,
  };
  try {
    return await db.transaction().execute(async (trx) => {
      if (!from) {
        const written = await writeRegionPrice(trx, by, { ...key, amount: input.amount }, { insert: true });
        return { amount: input.amount, before: written?.before ?? null, from: null };
      }
      const before = (await regionListPrice(trx, key)) ?? null;
      if (before === null)
        throw badRequest("It has no price in this region yet: set a price now before scheduling one.", {
          field: "from",
        });
      await scheduleIn(trx, by, input, from);
      return { amount: input.amount, before, from: from.toISOString() };
    });
  } catch (error) {
    if (isForeignKeyViolation(error, "region"))
      throw badRequest(`There is no region "${input.regionCode}".`, { field: "regionCode" });
    throw error;
  }
}

async function scheduleIn(trx: Kysely<Database>, by: string, input: TSetMenuPrice, from: Date) {
  await trx
    .insertInto("scheduled_prices")
    .values({
      region_code: input.regionCode,
      entity: input.entity,
      entity_id: input.entityId,
      variant: input.variant,
      amount: input.amount,
      effective_at: from,
      created_by: by,
    })
    .onConflict((oc) =>
      oc
        .columns(["region_code", "entity", "entity_id", "variant", "effective_at"])
        .doUpdateSet({ amount: input.amount, created_by: by }),
    )
    .execute();
  const owner = await historyEntity(trx, input);
  if (!owner) return;
  await recordMenuChange(trx, {
    entity: owner.entity,
    entityId: owner.id,
    action: "scheduled price",
    regionCode: input.regionCode,
    by,
    before: null,
    after: { variant: input.variant, entity: input.entity, key: input.entityId, amount: input.amount, from },
  });
}

/** The entity exists and the variant is one it comes in (a size, a side's variant, '' for an option). */
async function assertPriceable(db: Kysely<Database>, input: TSetMenuPrice): Promise<void> {
  if (input.entity === "cheese") {
    if (!CHEESE_LEVELS.includes(input.entityId))
      throw notFound("There is no such cheese level: it is none, light, normal or extra.");
  } else
    await assertMenuEntityExists(db, input.entity, input.entityId).catch((e: Error) => {
      throw notFound(e.message);
    });
  const allowed = await variantsOf(db, input);
  if (!allowed.includes(input.variant))
    throw badRequest(
      allowed.length === 1 && allowed[0] === ""
        ? "It comes in one form only: leave the variant empty."
        : `Choose one of: ${allowed.join(", ")}.`,
      { field: "variant" },
    );
}

async function variantsOf(db: Kysely<Database>, input: TSetMenuPrice): Promise<string[]> {
  const sizes = async () =>
    (await db.selectFrom("pizza_sizes").select("id").orderBy("sort").execute()).map((s) => s.id);
  if (input.entity === "option") return [""];
  if (input.entity === "crust")
    return (
      await db.selectFrom("crust_sizes").select("size_id").where("crust_id", "=", input.entityId).execute()
    ).map((r) => r.size_id);
  if (input.entity !== "item") return sizes();
  const item = await db
    .selectFrom("menu_items")
    .select("kind")
    .where("id", "=", input.entityId)
    .executeTakeFirstOrThrow();
  if (item.kind === "pizza") return sizes();
  const variants = await db
    .selectFrom("menu_item_variants")
    .select("id")
    .where("item_id", "=", input.entityId)
    .orderBy("sort")
    .execute();
  return variants.length > 0 ? variants.map((v) => v.id) : [""];
}
