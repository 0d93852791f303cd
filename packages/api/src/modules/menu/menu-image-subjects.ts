// What the admins' picture form picks from: every menu item of the catalogue (English name), every active
// deal (English name and region) and every promo anyone may use, each with its current picture and alt texts.
import type { Database, Kysely } from "@pizza/db";
import { publicPromos } from "../promos/banner-promos.ts";
import { imagesOf, type SubjectImageRow } from "./menu-image-queries.ts";
import { type ImageSubjectKind, imageView, type MenuImage } from "./menu-images.ts";

export interface ImageSubjectView {
  kind: ImageSubjectKind;
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
  const deals = await db
    .selectFrom("deals")
    .select(["id", "name", "region_code"])
    .where("active", "=", true)
    .orderBy("region_code")
    .orderBy("sort")
    .orderBy("id")
    .execute();
  const [itemImages, dealImages, promoImages] = await Promise.all([
    imagesOf(
      db,
      "item",
      items.map((i) => i.id),
    ),
    imagesOf(
      db,
      "deal",
      deals.map((d) => d.id),
    ),
    imagesOf(
      db,
      "promo",
      promos.map((p) => p.id),
    ),
  ]);
  return [
    ...items.map((i) => view("item", i.id, i.name ?? i.id, itemImages.get(i.id))),
    ...deals.map((d) => view("deal", d.id, `${d.name} (${d.region_code})`, dealImages.get(d.id))),
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
