// The promos a store's menu may show as banners (issue 22, promo images), for the menu module
// (menu/menu-promo-banners.ts, menu/menu-image-subjects.ts): codes anyone may use (not a customer's
// own credit), switched on, within their dates, for the store's region and store (or every one), with
// uses left. Whether one has a picture is the menu module's business (menu_images).
import type { Database, Kysely } from "@pizza/db";

export interface BannerPromo {
  id: string;
  code: string;
  description: string | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The promos among `among` shown on `storeId`'s menu at `now`, newest first (at most `limit`). */
export async function bannerPromos(
  db: Kysely<Database>,
  where: { regionCode: string; storeId: string; now: Date; among: string[]; limit?: number },
): Promise<BannerPromo[]> {
  const ids = where.among.filter((id) => UUID.test(id));
  if (ids.length === 0) return [];
  return db
    .selectFrom("promo_codes")
    .select(["id", "code", "description"])
    .where("id", "in", ids)
    .where("customer_id", "is", null)
    .where("active", "=", true)
    .where((eb) => eb.or([eb("valid_from", "is", null), eb("valid_from", "<=", where.now)]))
    .where((eb) => eb.or([eb("valid_to", "is", null), eb("valid_to", ">", where.now)]))
    .where((eb) => eb.or([eb("region_code", "is", null), eb("region_code", "=", where.regionCode)]))
    .where((eb) => eb.or([eb("store_id", "is", null), eb("store_id", "=", where.storeId)]))
    .where((eb) => eb.or([eb("usage_limit", "is", null), eb("used_count", "<", eb.ref("usage_limit"))]))
    .orderBy("created_at", "desc")
    .limit(where.limit ?? 5)
    .execute();
}

/** A promo anyone may use, by id (an admin giving it a picture); undefined for a credit or no such id. */
export async function publicPromo(db: Kysely<Database>, id: string): Promise<BannerPromo | undefined> {
  if (!UUID.test(id)) return undefined;
  return db
    .selectFrom("promo_codes")
    .select(["id", "code", "description"])
    .where("id", "=", id)
    .where("customer_id", "is", null)
    .executeTakeFirst();
}

/** Every promo anyone may use, newest first, with whether it is on (the admins' picture picker). */
export async function publicPromos(
  db: Kysely<Database>,
  limit = 200,
): Promise<(BannerPromo & { active: boolean })[]> {
  return db
    .selectFrom("promo_codes")
    .select(["id", "code", "description", "active"])
    .where("customer_id", "is", null)
    .orderBy("created_at", "desc")
    .limit(limit)
    .execute();
}
