// A store's region code (us, de, jp…), for other modules: auth asks it for the staff sign-in rule of a
// region (OIDC_PROVIDERS' staffRegions). Undefined when the store does not exist.
import type { Database, Kysely } from "@pizza/db";

export async function storeRegion(db: Kysely<Database>, storeId: string): Promise<string | undefined> {
  const row = await db
    .selectFrom("stores")
    .select("region_code")
    .where("id", "=", storeId)
    .executeTakeFirst();
  return row?.region_code;
}
