// The code a promo id stands for: orders keep the id, and show or re-check the code.
import type { Database, Kysely } from "@pizza/db";

export async function promoCodeOf(db: Kysely<Database>, promoId: string): Promise<string | undefined> {
  const row = await db.selectFrom("promo_codes").select("code").where("id", "=", promoId).executeTakeFirst();
  return row?.code;
}
