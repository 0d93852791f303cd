// An admin creates or edits a menu item (issue 22): its category, kind, tax category, names and
// descriptions in en/de/ja, the variants a side, dessert or drink comes in, and whether it is on the
// menu at all. One transaction with its history row; the caller bumps every store's menu after it.
// A new item is sold in a region once it has a price there (set-menu-price.ts).
import type { Database, Kysely } from "@pizza/db";
import { badRequest, conflict, notFound } from "../../errors.ts";
import type { TSaveItem } from "./menu-admin.schemas.ts";
import { recordMenuChange } from "./menu-history.ts";
import { textsOf, writeTexts } from "./menu-translations.ts";

/** What the history keeps of an item: its row, names, descriptions and variants. */
async function itemSnapshot(db: Kysely<Database>, id: string) {
  const row = await db
    .selectFrom("menu_items")
    .select(["id", "category_id", "kind", "tax_category", "active"])
    .where("id", "=", id)
    .executeTakeFirst();
  if (!row) return undefined;
  const variants = await db
    .selectFrom("menu_item_variants")
    .select("id")
    .where("item_id", "=", id)
    .orderBy("sort")
    .execute();
  const texts = (await textsOf(db, ["item"])).get(`item|${id}`);
  return { ...row, ...texts, variants: variants.map((v) => v.id) };
}

async function checkItem(db: Kysely<Database>, input: TSaveItem): Promise<void> {
  const category = await db
    .selectFrom("menu_categories")
    .select("id")
    .where("id", "=", input.categoryId)
    .executeTakeFirst();
  if (!category)
    throw badRequest(`There is no category "${input.categoryId}"; choose one from the list.`, {
      field: "categoryId",
    });
  if (input.kind === "pizza" && input.variants.length > 0)
    throw badRequest("A pizza comes in the pizza sizes; leave its variants empty.", { field: "variants" });
  const ids = input.variants.map((v) => v.id);
  if (new Set(ids).size !== ids.length)
    throw badRequest("Two variants have the same id; give each its own.", { field: "variants" });
}

async function writeItem(trx: Kysely<Database>, input: TSaveItem): Promise<void> {
  await writeTexts(
    trx,
    "item",
    input.id,
    { en: input.nameEn, de: input.nameDe, ja: input.nameJa },
    { en: input.descriptionEn, de: input.descriptionDe, ja: input.descriptionJa },
  );
  for (const [sort, v] of input.variants.entries()) {
    await trx
      .insertInto("menu_item_variants")
      .values({ item_id: input.id, id: v.id, sort })
      .onConflict((oc) => oc.columns(["item_id", "id"]).doUpdateSet({ sort }))
      .execute();
    await writeTexts(trx, "variant", `${input.id}:${v.id}`, { en: v.nameEn, de: v.nameDe, ja: v.nameJa });
  }
}

const columns = (input: TSaveItem) => ({
  category_id: input.categoryId,
  kind: input.kind,
  tax_category: input.taxCategory,
  active: input.active,
});

export async function createMenuItem(db: Kysely<Database>, by: string, input: TSaveItem) {
  await checkItem(db, input);
  return db.transaction().execute(async (trx) => {
    const inserted = await trx
      .insertInto("menu_items")
      .values({ id: input.id, ...columns(input), sort: 1000 })
      .onConflict((oc) => oc.column("id").doNothing())
      .returning("id")
      .executeTakeFirst();
    if (!inserted)
      throw conflict(`There is already an item with the id ${input.id}; choose another.`, { field: "id" });
    await writeItem(trx, input);
    const after = await itemSnapshot(trx, input.id);
    await recordMenuChange(trx, {
      entity: "item",
      entityId: input.id,
      action: "create",
      by,
      before: null,
      after,
    });
    return after!;
  });
}

export async function updateMenuItem(db: Kysely<Database>, by: string, input: TSaveItem) {
  await checkItem(db, input);
  return db.transaction().execute(async (trx) => {
    const before = await itemSnapshot(trx, input.id);
    if (!before) throw notFound(`There is no menu item "${input.id}".`);
    if (before.kind !== input.kind)
      throw badRequest("An item's kind cannot change; create a new item instead.", { field: "kind" });
    await trx.updateTable("menu_items").set(columns(input)).where("id", "=", input.id).execute();
    await writeItem(trx, input);
    const after = await itemSnapshot(trx, input.id);
    await recordMenuChange(trx, { entity: "item", entityId: input.id, action: "update", by, before, after });
    return after!;
  });
}
