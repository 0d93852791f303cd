// What the admins' picture form picks from: every menu item of the catalogue (English name) and every
// promo anyone may use, each with its current picture and alt texts.
import type { Database, Kysely } from "@pizza/db";
import { publicPromos } from "../promos/banner-promos.ts";
import { imagesOf, type SubjectImageRow } from "./menu-image-queries.ts";
import { imageView, type MenuImage } from "./menu-images.ts";

export interface ImageSubjectView {
  kind: "item" | "promo";
  id: string;
  name: string;
  image: MenuImage | null;
  alt: { en: string; de: string | null; ja: string | null } | null;
}

const view = (kind: ImageSubjectView["kind"], id: string, name: string, row?: SubjectImageRow) => ({
  kind,
  id,
  name,
  image: row ? imageView(row, "en") : null,
  alt: row ? { en: row.alt_en, de: row.alt_de, ja: row.alt_ja } : null,
});

export async function imageSubjects(db: Kysely<Database>): Promise<ImageSubjectView[]> {
  const [items, promos] = await Promise.all([
    db
      .selectFrom("menu_items")
      .leftJoin("translations", (j) =>
        j
          .onRef("translations.entity_id", "=", "menu_items.id")
          .on("translations.entity", "=", "item")
          .on("translations.locale", "=", "en"),
      )
      .select(["menu_items.id", "translations.name"])
      .where("menu_items.active", "=", true)
      .orderBy("menu_items.sort")
      .execute(),
    publicPromos(db),
  ]);
  const [itemImages, promoImages] = await Promise.all([
    imagesOf(
      db,
      "item",
      items.map((i) => i.id),
    ),
    imagesOf(
      db,
      "promo",
      promos.map((p) => p.id),
    ),
  ]);
  return [
    ...items.map((i) => view("item", i.id, i.name ?? i.id, itemImages.get(i.id))),
    ...promos.map((p) =>
      view(
        "promo",
        p.id,
        `${p.code}${p.description ? ` — ${p.description}` : ""}${p.active ? "" : " (paused)"}`,
        promoImages.get(p.id),
      ),
    ),
  ];
}
