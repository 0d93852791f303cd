// A region's currency, for modules that price in it (the admin's deals, menu/deal-admin.ts): the stores
// module owns `regions`; undefined when there is no such region.
import type { Database, Kysely } from "@pizza/db";

export async function regionCurrency(
  db: Kysely<Database>,
  regionCode: string,
): Promise<{ currency: string; currencyDigits: number } | undefined> {
  const row = await db
    .selectFrom("regions")
    .select(["currency", "currency_digits"])
    .where("code", "=", regionCode)
    .executeTakeFirst();
  return row ? { currency: row.currency.trim(), currencyDigits: row.currency_digits } : undefined;
}
