// What a receipt needs from a store and its region, for other modules (notifications): the store's name,
// address and phone, and the region's currency with its digits. Undefined when the store does not exist.
import type { Database, Kysely } from "@pizza/db";

export interface StoreForReceipt {
  name: string;
  address: string;
  phone: string | null;
  currency: string;
  currencyDigits: number;
  /** The region's tax rate in parts per million (the tracker's breakdown names it). */
  taxRatePpm: number;
  /** The region's own locale (de-DE, ja-JP…), for a recipient who has none. */
  regionLocale: string;
  /** The store's IANA time zone (a scheduled order's time is written in it). */
  timeZone: string;
}

export async function storeForReceipt(
  db: Kysely<Database>,
  storeId: string,
): Promise<StoreForReceipt | undefined> {
  const row = await db
    .selectFrom("stores")
    .innerJoin("regions", "regions.code", "stores.region_code")
    .select([
      "stores.name",
      "stores.address",
      "stores.phone",
      "regions.currency",
      "regions.currency_digits",
      "regions.locale",
      "regions.tax_rate_ppm",
      "stores.timezone",
    ])
    .where("stores.id", "=", storeId)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    name: row.name,
    address: row.address,
    phone: row.phone,
    currency: row.currency.trim(),
    currencyDigits: row.currency_digits,
    taxRatePpm: row.tax_rate_ppm,
    regionLocale: row.locale,
    timeZone: row.timezone,
  };
}
