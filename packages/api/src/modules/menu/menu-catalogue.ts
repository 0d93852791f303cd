// The admin's view of the whole menu for one region (issue 22): every item (those taken off the menu
// too), topping, crust and sauce with its names and descriptions in en/de/ja, its variants, the region's
// prices in force now, the scheduled prices still to come, and whether the region offers it; and the
// cheese levels and options with their prices (menu-catalogue-extras.ts).
import type { Database, Kysely } from "@pizza/db";
import type { TCatalogueEntry, TMenuCatalogue } from "./menu-admin.schemas.ts";
import { pricedExtras } from "./menu-catalogue-extras.ts";
import { type EntityTexts, textsOf } from "./menu-translations.ts";
import { pricesInForce, upcomingPrices } from "./prices-in-force.ts";
import { offInRegion } from "./region-availability.ts";

const NO_TEXTS: EntityTexts = {
  names: { en: "", de: null, ja: null },
  descriptions: { en: "", de: null, ja: null },
};

export async function menuCatalogue(
  db: Kysely<Database>,
  regionCode: string,
  now: Date,
): Promise<TMenuCatalogue> {
  const [items, variants, toppings, crusts, sauces, categories, sizes, texts, inForce, upcoming, off] =
    await Promise.all([
      db
        .selectFrom("menu_items")
        .select(["id", "category_id", "kind", "tax_category", "active"])
        .orderBy("sort")
        .execute(),
      db.selectFrom("menu_item_variants").select(["item_id", "id"]).orderBy("sort").execute(),
      db.selectFrom("toppings").select(["id", "kind", "premium"]).orderBy("sort").execute(),
      db.selectFrom("crusts").select("id").orderBy("sort").execute(),
      db.selectFrom("sauces").select("id").orderBy("sort").execute(),
      db.selectFrom("menu_categories").select("id").orderBy("sort").execute(),
      db.selectFrom("pizza_sizes").select("id").orderBy("sort").execute(),
      textsOf(db, ["item", "variant", "topping", "crust", "sauce", "category", "size"]),
      pricesInForce(db, regionCode, now),
      upcomingPrices(db, regionCode, now),
      offInRegion(db, regionCode),
    ]);
  const textOf = (entity: string, id: string) => texts.get(`${entity}|${id}`) ?? NO_TEXTS;
  const pricesOf = (entity: string, id: string) =>
    Object.fromEntries(
      inForce.prices
        .filter((p) => p.entity === entity && p.entity_id === id)
        .map((p) => [p.variant, p.amount]),
    );
  const scheduledOf = (entity: string, id: string) =>
    upcoming
      .filter((p) => p.entity === entity && p.entity_id === id)
      .map((p) => ({
        id: p.id,
        variant: p.variant,
        amount: p.amount,
        from: new Date(p.effective_at).toISOString(),
      }));
  const entry = (
    entity: TCatalogueEntry["entity"],
    id: string,
    rest: Pick<TCatalogueEntry, "kind" | "categoryId" | "taxCategory" | "active" | "premium" | "variants">,
  ): TCatalogueEntry => ({
    entity,
    id,
    ...rest,
    ...textOf(entity, id),
    prices: pricesOf(entity, id),
    scheduled: scheduledOf(entity, id),
    available: !off.has(`${entity}|${id}`),
  });
  const extras = await pricedExtras(db, (entity, id) => ({
    prices: pricesOf(entity, id),
    scheduled: scheduledOf(entity, id),
  }));
  const plain = { categoryId: null, taxCategory: null, active: true, premium: false, variants: [] };
  return {
    regionCode,
    categories: categories.map((c) => ({ id: c.id, name: textOf("category", c.id).names.en || c.id })),
    sizes: sizes.map((s) => ({ id: s.id, name: textOf("size", s.id).names.en || s.id })),
    entries: [
      ...items.map((i) =>
        entry("item", i.id, {
          kind: i.kind,
          categoryId: i.category_id,
          taxCategory: i.tax_category,
          active: i.active,
          premium: false,
          variants: variants
            .filter((v) => v.item_id === i.id)
            .map((v) => ({ id: v.id, names: textOf("variant", `${i.id}:${v.id}`).names })),
        }),
      ),
      ...toppings.map((t) => entry("topping", t.id, { ...plain, kind: t.kind, premium: t.premium })),
      ...crusts.map((c) => entry("crust", c.id, { ...plain, kind: "crust" })),
      ...sauces.map((s) => entry("sauce", s.id, { ...plain, kind: "sauce" })),
    ],
    extras,
  };
}
