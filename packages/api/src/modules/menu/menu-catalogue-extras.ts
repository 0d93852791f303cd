// The catalogue's cheese levels and item options (issue 22): priced per region like items (a cheese
// level per size, an option once) but neither edited nor switched per region from the Menu tab, so they
// are listed apart from the entries, each with its English name, its owner item (options), the region's
// prices in force and the scheduled prices still to come.
import type { Database, Kysely } from "@pizza/db";
import type { TPricedExtra } from "./menu-admin.schemas.ts";
import { textsOf } from "./menu-translations.ts";
import { CHEESE_LEVELS } from "./set-menu-price.ts";

type PricesOf = (entity: TPricedExtra["entity"], id: string) => Pick<TPricedExtra, "prices" | "scheduled">;

export async function pricedExtras(db: Kysely<Database>, pricesOf: PricesOf): Promise<TPricedExtra[]> {
  const [options, texts] = await Promise.all([
    db
      .selectFrom("menu_options as o")
      .innerJoin("menu_option_groups as g", "g.id", "o.group_id")
      .select(["o.id", "o.group_id", "g.item_id"])
      .orderBy("g.item_id")
      .orderBy("g.sort")
      .orderBy("o.sort")
      .execute(),
    textsOf(db, ["cheese", "option"]),
  ]);
  const nameOf = (entity: string, id: string) => texts.get(`${entity}|${id}`)?.names.en || id;
  return [
    ...CHEESE_LEVELS.map((id) => ({
      entity: "cheese" as const,
      id,
      itemId: null,
      name: nameOf("cheese", id),
      ...pricesOf("cheese", id),
    })),
    ...options.map((o) => {
      const key = `${o.group_id}:${o.id}`;
      return {
        entity: "option" as const,
        id: key,
        itemId: o.item_id,
        name: nameOf("option", key),
        ...pricesOf("option", key),
      };
    }),
  ];
}
