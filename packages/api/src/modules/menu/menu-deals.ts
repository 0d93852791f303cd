// The region's deals on the menu (issue 22): read with the rest of the menu (build-menu.ts) and cached with
// it, so a menu carries the deals that are offered now or later; `dealsOnOffer` keeps those whose window
// holds at a moment, for the menu's answer and for pricing (orders/order-pricing.ts), so a deal starts and
// ends on time even inside a cached menu's lifetime. Each deal carries its picture like an item (`image`,
// null without one; menu-images.ts), alt text in the menu's locale.
import type { Database, Kysely, MenuKind } from "@pizza/db";
import type { Menu, MenuDeal } from "./menu.types.ts";
import { imagesOf } from "./menu-image-queries.ts";
import { imageView } from "./menu-images.ts";

type Names = { de?: string; ja?: string };

/** The region's active deals that have not ended, named in `locale` (English when it has no name there). */
export async function regionDeals(
  db: Kysely<Database>,
  regionCode: string,
  locale: string,
  now: Date,
): Promise<MenuDeal[]> {
  const deals = await db
    .selectFrom("deals")
    .select(["id", "name", "names", "price", "starts_at", "ends_at"])
    .where("region_code", "=", regionCode)
    .where("active", "=", true)
    .where((eb) => eb.or([eb("ends_at", "is", null), eb("ends_at", ">", now)]))
    .orderBy("sort")
    .orderBy("id")
    .execute();
  if (deals.length === 0) return [];
  const ids = deals.map((d) => d.id);
  const [slots, images] = await Promise.all([
    db
      .selectFrom("deal_slots")
      .select(["deal_id", "kind", "variant", "item_id", "quantity"])
      .where("deal_id", "in", ids)
      .orderBy("deal_id")
      .orderBy("position")
      .execute(),
    imagesOf(db, "deal", ids),
  ]);
  return deals.map((d) => ({
    id: d.id,
    name: ((d.names ?? {}) as Names)[locale as keyof Names] ?? d.name,
    price: d.price,
    startsAt: d.starts_at ? new Date(d.starts_at).toISOString() : null,
    endsAt: d.ends_at ? new Date(d.ends_at).toISOString() : null,
    slots: slots
      .filter((s) => s.deal_id === d.id)
      .map((s) => ({
        kind: s.kind as MenuKind,
        variant: s.variant,
        itemId: s.item_id,
        quantity: s.quantity,
      })),
    image: images.has(d.id) ? imageView(images.get(d.id)!, locale) : null,
  }));
}

/** The menu's deals whose window holds at `now` (a deal without a start or an end is open on that side). */
export function dealsOnOffer(menu: Pick<Menu, "deals">, now: Date): MenuDeal[] {
  const t = now.getTime();
  return (menu.deals ?? []).filter(
    (d) =>
      (d.startsAt === null || Date.parse(d.startsAt) <= t) && (d.endsAt === null || Date.parse(d.endsAt) > t),
  );
}
