// The en/de/ja names (and descriptions) of one menu entity in `translations`, read and written for the
// admin's screens (issue 22). The customer's menu reads the same rows (build-menu.ts).
import type { Database, Kysely } from "@pizza/db";
import { MENU_LOCALES } from "./menu-admin.schemas.ts";

export type LocaleTexts = { en: string; de: string | null; ja: string | null };

export interface EntityTexts {
  names: LocaleTexts;
  descriptions: LocaleTexts;
}

/** Names and descriptions by `entity|id`, for every entity of the given translation kinds. */
export async function textsOf(db: Kysely<Database>, entities: string[]): Promise<Map<string, EntityTexts>> {
  const rows = await db
    .selectFrom("translations")
    .select(["entity", "entity_id", "locale", "name", "description"])
    .where("entity", "in", entities)
    .execute();
  const out = new Map<string, EntityTexts>();
  for (const r of rows) {
    const key = `${r.entity}|${r.entity_id}`;
    const t = out.get(key) ?? {
      names: { en: "", de: null, ja: null },
      descriptions: { en: "", de: null, ja: null },
    };
    if ((MENU_LOCALES as readonly string[]).includes(r.locale)) {
      const locale = r.locale as (typeof MENU_LOCALES)[number];
      if (locale === "en") {
        t.names.en = r.name;
        t.descriptions.en = r.description ?? "";
      } else {
        t.names[locale] = r.name;
        t.descriptions[locale] = r.description;
      }
    }
    out.set(key, t);
  }
  return out;
}

/** Writes an entity's name (and description) in each of en, de and ja. */
export async function writeTexts(
  trx: Kysely<Database>,
  entity: string,
  entityId: string,
  texts: { en: string; de: string; ja: string },
  descriptions?: { en?: string | undefined; de?: string | undefined; ja?: string | undefined },
): Promise<void> {
  const rows = MENU_LOCALES.map((locale) => ({
    entity,
    entity_id: entityId,
    locale,
    name: texts[locale],
    description: descriptions ? descriptions[locale] || null : null,
  }));
  await trx
    .insertInto("translations")
    .values(rows)
    .onConflict((oc) =>
      oc.columns(["entity", "entity_id", "locale"]).doUpdateSet((eb) => ({
        name: eb.ref("excluded.name"),
        description: descriptions ? eb.ref("excluded.description") : eb.ref("translations.description"),
      })),
    )
    .execute();
}
