// An admin changes a pizza's builder rules (issue 22): the toppings a pizza comes with, the sizes a crust
// comes in, and how many options of an item's option group a customer picks. Each change locks the row
// it changes, checks every id against the menu's tables, and writes its history row in the same
// transaction; a refusal writes nothing. The caller bumps every store's menu after it commits, so the
// customer's menu and the quote (builder-rules.ts reads the menu) follow at once.
import type { Database, Kysely } from "@pizza/db";
import { badRequest, notFound } from "../../errors.ts";
import type {
  TBuilderRules,
  TSetCrustSizes,
  TSetDefaultToppings,
  TSetOptionGroupRules,
} from "./builder-rules-admin.schemas.ts";
import { recordMenuChange } from "./menu-history.ts";

const list = (ids: string[]) => ids.join(", ");
const duplicate = (ids: string[]) => ids.find((id, i) => ids.indexOf(id) !== i);

/** Each pizza's default toppings, each crust's sizes (in size order) and each option group's rules. */
export async function readBuilderRules(db: Kysely<Database>): Promise<TBuilderRules> {
  const [pizzas, crusts, crustSizes, groups, options] = await Promise.all([
    db
      .selectFrom("menu_items")
      .select(["id", "default_toppings"])
      .where("kind", "=", "pizza")
      .orderBy("sort")
      .orderBy("id")
      .execute(),
    db.selectFrom("crusts").select("id").orderBy("sort").orderBy("id").execute(),
    db
      .selectFrom("crust_sizes")
      .innerJoin("pizza_sizes", "pizza_sizes.id", "crust_sizes.size_id")
      .select(["crust_sizes.crust_id", "crust_sizes.size_id"])
      .orderBy("pizza_sizes.sort")
      .execute(),
    db
      .selectFrom("menu_option_groups")
      .select(["id", "item_id", "min_select", "max_select"])
      .orderBy("item_id")
      .orderBy("sort")
      .execute(),
    db.selectFrom("menu_options").select("group_id").execute(),
  ]);
  return {
    pizzas: pizzas.map((p) => ({ id: p.id, toppings: p.default_toppings })),
    crusts: crusts.map((c) => ({
      id: c.id,
      sizes: crustSizes.filter((s) => s.crust_id === c.id).map((s) => s.size_id),
    })),
    optionGroups: groups.map((g) => ({
      id: g.id,
      itemId: g.item_id,
      min: g.min_select,
      max: g.max_select,
      options: options.filter((o) => o.group_id === g.id).length,
    })),
  };
}

/** Sets the toppings a pizza comes with (in order). `changed: false` when they were already so. */
export async function setDefaultToppings(db: Kysely<Database>, by: string, input: TSetDefaultToppings) {
  return db.transaction().execute(async (trx) => {
    const item = await trx
      .selectFrom("menu_items")
      .select(["id", "kind", "default_toppings"])
      .where("id", "=", input.itemId)
      .forUpdate()
      .executeTakeFirst();
    if (!item) throw notFound(`There is no menu item "${input.itemId}".`);
    if (item.kind !== "pizza")
      throw badRequest(`"${item.id}" is a ${item.kind}, not a pizza; only pizzas come with toppings.`, {
        field: "itemId",
      });
    const twice = duplicate(input.toppings);
    if (twice) throw badRequest(`"${twice}" is listed twice; list each topping once.`, { field: "toppings" });
    const known = input.toppings.length
      ? await trx.selectFrom("toppings").select("id").where("id", "in", input.toppings).execute()
      : [];
    const unknown = input.toppings.filter((id) => !known.some((k) => k.id === id));
    if (unknown.length > 0)
      throw badRequest(`There is no topping ${list(unknown.map((id) => `"${id}"`))}; choose from the list.`, {
        field: "toppings",
      });
    const smallest = await trx
      .selectFrom("pizza_sizes")
      .select(["id", "max_toppings"])
      .orderBy("max_toppings")
      .executeTakeFirst();
    if (smallest && input.toppings.length > smallest.max_toppings)
      throw badRequest(
        `A ${smallest.id} pizza takes at most ${smallest.max_toppings} toppings; a pizza cannot come with more.`,
        { field: "toppings" },
      );
    if (list(item.default_toppings) === list(input.toppings)) return { changed: false };
    await trx
      .updateTable("menu_items")
      .set({ default_toppings: input.toppings })
      .where("id", "=", item.id)
      .execute();
    await recordMenuChange(trx, {
      entity: "item",
      entityId: item.id,
      action: "default toppings",
      by,
      before: { toppings: item.default_toppings },
      after: { toppings: input.toppings },
    });
    return { changed: true };
  });
}

/** Sets the sizes a crust comes in. A size still needs the crust's price in a region to sell there. */
export async function setCrustSizes(db: Kysely<Database>, by: string, input: TSetCrustSizes) {
  return db.transaction().execute(async (trx) => {
    const crust = await trx
      .selectFrom("crusts")
      .select("id")
      .where("id", "=", input.crustId)
      .forUpdate()
      .executeTakeFirst();
    if (!crust) throw notFound(`There is no crust "${input.crustId}".`);
    const twice = duplicate(input.sizes);
    if (twice) throw badRequest(`"${twice}" is listed twice; list each size once.`, { field: "sizes" });
    const sizes = await trx.selectFrom("pizza_sizes").select("id").orderBy("sort").execute();
    const unknown = input.sizes.filter((id) => !sizes.some((s) => s.id === id));
    if (unknown.length > 0)
      throw badRequest(`There is no size "${unknown[0]}"; choose from: ${list(sizes.map((s) => s.id))}.`, {
        field: "sizes",
      });
    const rows = await trx
      .selectFrom("crust_sizes")
      .select("size_id")
      .where("crust_id", "=", crust.id)
      .execute();
    const inOrder = (ids: string[]) => sizes.map((s) => s.id).filter((id) => ids.includes(id));
    const before = inOrder(rows.map((r) => r.size_id));
    const after = inOrder(input.sizes);
    if (list(before) === list(after)) return { changed: false };
    await trx.deleteFrom("crust_sizes").where("crust_id", "=", crust.id).execute();
    await trx
      .insertInto("crust_sizes")
      .values(after.map((size_id) => ({ crust_id: crust.id, size_id })))
      .execute();
    await recordMenuChange(trx, {
      entity: "crust",
      entityId: crust.id,
      action: "sizes",
      by,
      before: { sizes: before },
      after: { sizes: after },
    });
    return { changed: true };
  });
}

/** Sets how many options of a group a customer picks (at least `min`, at most `max`). */
export async function setOptionGroupRules(db: Kysely<Database>, by: string, input: TSetOptionGroupRules) {
  return db.transaction().execute(async (trx) => {
    const group = await trx
      .selectFrom("menu_option_groups")
      .select(["id", "item_id", "min_select", "max_select"])
      .where("id", "=", input.groupId)
      .forUpdate()
      .executeTakeFirst();
    if (!group) throw notFound(`There is no option group "${input.groupId}".`);
    if (input.min > input.max)
      throw badRequest("The least number of choices cannot be more than the most.", { field: "min" });
    const options = await trx
      .selectFrom("menu_options")
      .select("id")
      .where("group_id", "=", group.id)
      .execute();
    if (input.max > options.length)
      throw badRequest(`This group has ${options.length} options; a customer can choose at most that many.`, {
        field: "max",
      });
    if (group.min_select === input.min && group.max_select === input.max) return { changed: false };
    await trx
      .updateTable("menu_option_groups")
      .set({ min_select: input.min, max_select: input.max })
      .where("id", "=", group.id)
      .execute();
    await recordMenuChange(trx, {
      entity: "item",
      entityId: group.item_id,
      action: "option rules",
      by,
      before: { group: group.id, min: group.min_select, max: group.max_select },
      after: { group: group.id, min: input.min, max: input.max },
    });
    return { changed: true };
  });
}
