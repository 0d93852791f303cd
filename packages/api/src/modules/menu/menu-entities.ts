// Does the menu have this item, topping, crust, sauce or option? Asked by modules that refer to menu
// entities by id (a store's stock levels) without reading the menu's tables themselves.
import type { Database, Kysely, StockEntity } from "@pizza/db";
import { badRequest } from "../../errors.ts";

const TABLE = { item: "menu_items", topping: "toppings", crust: "crusts", sauce: "sauces" } as const;

/** Refuses (400, naming it) an entity the menu does not have; options are written `group:option`. */
export async function assertMenuEntityExists(
  db: Kysely<Database>,
  entity: StockEntity,
  id: string,
): Promise<void> {
  if (entity === "option") {
    const [group, option] = id.split(":");
    const found = await db
      .selectFrom("menu_options")
      .select("id")
      .where("group_id", "=", group ?? "")
      .where("id", "=", option ?? "")
      .executeTakeFirst();
    if (!found) throw badRequest(`There is no option "${id}" (use group:option).`);
    return;
  }
  const found = await db.selectFrom(TABLE[entity]).select("id").where("id", "=", id).executeTakeFirst();
  if (!found) throw badRequest(`There is no ${entity} "${id}" on the menu.`);
}
