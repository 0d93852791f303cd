// The promo banners of a store's menu (issue 22): the promos anyone may use there now
// (promos/banner-promos.ts) that have a picture, with the picture in the menu's locale. Read live rather
// than cached with the menu, so a promo that ends or runs out of uses leaves the menu at once.
import type { Database, Kysely } from "@pizza/db";
import { bannerPromos } from "../promos/banner-promos.ts";
import type { MenuService } from "./menu.service.ts";
import { menuLocale } from "./menu.service.ts";
import { imagesOfKind } from "./menu-image-queries.ts";
import { imageView, type MenuImage } from "./menu-images.ts";

export interface PromoBanner {
  id: string;
  code: string;
  description: string | null;
  image: MenuImage;
}

export async function promoBanners(
  deps: { db: Kysely<Database>; menus: MenuService; now: () => Date },
  input: { storeId: string; locale?: string | undefined },
): Promise<PromoBanner[]> {
  const locale = menuLocale(input.locale);
  // The cached menu knows the store's region (and answers NOT_FOUND for a store that does not exist).
  const menu = await deps.menus.menu(input.storeId, locale);
  // The pictured promos first, then the newest of them on offer here: a run of newer promos without a
  // picture never pushes the pictured ones off the menu.
  const images = new Map((await imagesOfKind(deps.db, "promo")).map((r) => [r.subject_id, r]));
  const promos = await bannerPromos(deps.db, {
    regionCode: menu.store.regionCode,
    storeId: input.storeId,
    now: deps.now(),
    among: [...images.keys()],
  });
  return promos.flatMap((p) => {
    const row = images.get(p.id);
    const image = row ? imageView(row, locale) : null;
    return image ? [{ id: p.id, code: p.code, description: p.description, image }] : [];
  });
}
