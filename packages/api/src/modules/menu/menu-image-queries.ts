// Reads of `menu_images` (owned by the menu module): the item pictures a menu build attaches, and the
// pictures of a list of subjects (promo banners, the admins' picker).
import type { Database, Kysely } from "@pizza/db";
import type { MenuEntry } from "./menu.types.ts";
import { type ImageSubjectKind, imageView, type MenuImageRow } from "./menu-images.ts";

export type SubjectImageRow = MenuImageRow & { subject_id: string };

const COLUMNS = ["subject_id", "variants", "alt_en", "alt_de", "alt_ja"] as const;

/** Every picture of one kind of subject (one small row each): the items' for build-menu.ts, the promos' for banners. */
export function imagesOfKind(db: Kysely<Database>, kind: ImageSubjectKind): Promise<SubjectImageRow[]> {
  return db.selectFrom("menu_images").select(COLUMNS).where("subject_kind", "=", kind).execute();
}

/** The pictures of these subjects, by subject id. */
export async function imagesOf(
  db: Kysely<Database>,
  kind: ImageSubjectKind,
  ids: string[],
): Promise<Map<string, SubjectImageRow>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom("menu_images")
    .select(COLUMNS)
    .where("subject_kind", "=", kind)
    .where("subject_id", "in", ids)
    .execute();
  return new Map(rows.map((r) => [r.subject_id, r]));
}

/** The menu's items with their picture in the menu's locale (`image: null` when they have none). */
export function withItemImages(items: MenuEntry[], rows: SubjectImageRow[], locale: string): MenuEntry[] {
  const byItem = new Map(rows.map((r) => [r.subject_id, r]));
  return items.map((item) => {
    const row = byItem.get(item.id);
    return { ...item, image: row ? imageView(row, locale) : null };
  });
}
