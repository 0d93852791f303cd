// An admin creates or edits a topping, crust or sauce (issue 22): its names in en/de/ja and, for a
// topping, whether it is meat, veggie or cheese and premium. One transaction with its history row; the
// caller bumps every store's menu after it. Prices per size are set like any price (set-menu-price.ts).
import type { Database, Kysely } from "@pizza/db";
import { badRequest, conflict, notFound } from "../../errors.ts";
import type { TSaveIngredient } from "./menu-admin.schemas.ts";
import { recordMenuChange } from "./menu-history.ts";
import { textsOf, writeTexts } from "./menu-translations.ts";

const TABLE = { topping: "toppings", crust: "crusts", sauce: "sauces" } as const;

async function snapshot(db: Kysely<Database>, entity: TSaveIngredient["entity"], id: string) {
  const texts = (await textsOf(db, [entity])).get(`${entity}|${id}`);
  if (entity === "topping") {
    const row = await db
      .selectFrom("toppings")
      .select(["id", "kind", "premium"])
      .where("id", "=", id)
      .executeTakeFirst();
    return row ? { ...row, ...texts } : undefined;
  }
  const row = await db.selectFrom(TABLE[entity]).select("id").where("id", "=", id).executeTakeFirst();
  return row ? { ...row, ...texts } : undefined;
}

export async function saveIngredient(
  db: Kysely<Database>,
  by: string,
  input: TSaveIngredient,
  mode: "create" | "update",
) {
  if (input.entity === "topping" && mode === "create" && !input.toppingKind)
    throw badRequest("Choose whether the topping is meat, veggie or cheese.", { field: "toppingKind" });
  return db.transaction().execute(async (trx) => {
    const before = await snapshot(trx, input.entity, input.id);
    if (mode === "update" && !before) throw notFound(`There is no ${input.entity} "${input.id}".`);
    if (mode === "create" && before)
      throw conflict(`There is already a ${input.entity} with the id ${input.id}; choose another.`, {
        field: "id",
      });
    await writeRow(trx, input, mode);
    await writeTexts(trx, input.entity, input.id, { en: input.nameEn, de: input.nameDe, ja: input.nameJa });
    const after = await snapshot(trx, input.entity, input.id);
    await recordMenuChange(trx, {
      entity: input.entity,
      entityId: input.id,
      action: mode,
      by,
      before: before ?? null,
      after,
    });
    return after!;
  });
}

async function writeRow(trx: Kysely<Database>, input: TSaveIngredient, mode: "create" | "update") {
  if (input.entity === "topping") {
    const set = {
      ...(input.toppingKind ? { kind: input.toppingKind } : {}),
      ...(input.premium !== undefined ? { premium: input.premium } : {}),
    };
    if (mode === "create")
      await trx
        .insertInto("toppings")
        .values({ id: input.id, kind: input.toppingKind!, premium: input.premium ?? false, sort: 1000 })
        .execute();
    else if (Object.keys(set).length > 0)
      await trx.updateTable("toppings").set(set).where("id", "=", input.id).execute();
    return;
  }
  if (mode === "create")
    await trx.insertInto(TABLE[input.entity]).values({ id: input.id, sort: 1000 }).execute();
}
