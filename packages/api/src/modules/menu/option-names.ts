// The menu's names of what an order line chose, in one language, for other modules (notifications'
// receipts): the item, its size or variant, crust, sauce, cheese, toppings and options (`group:option`),
// from the menu's translations, English where the language has none. Ids the menu no longer has are absent.
import type { Database, Kysely } from "@pizza/db";

/** The translation entities a line's choices are named by. */
export type NamedEntity = "item" | "size" | "variant" | "crust" | "sauce" | "cheese" | "topping" | "option";

export interface NameRef {
  entity: NamedEntity;
  id: string;
}

/** Looks a choice's name up: (entity, id) → its name in the language asked for, or undefined. */
export type OptionNames = (entity: NamedEntity, id: string) => string | undefined;

export async function optionNames(
  db: Kysely<Database>,
  language: string,
  refs: readonly NameRef[],
): Promise<OptionNames> {
  const names = new Map<string, string>();
  const key = (entity: string, id: string) => `${entity}\u0000${id}`;
  if (refs.length > 0) {
    const rows = await db
      .selectFrom("translations")
      .select(["entity", "entity_id", "locale", "name"])
      .where("entity", "in", [...new Set(refs.map((r) => r.entity))])
      .where("entity_id", "in", [...new Set(refs.map((r) => r.id))])
      .where("locale", "in", [language, "en"])
      .execute();
    // English first, so the asked language overwrites it where it has a name.
    rows.sort((a, b) => Number(a.locale === language) - Number(b.locale === language));
    for (const r of rows) names.set(key(r.entity, r.entity_id), r.name);
  }
  return (entity, id) => names.get(key(entity, id));
}
