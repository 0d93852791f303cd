// Delivery's answer for reviews: who drove an order (the delivered run first, else the latest with a
// driver), so the reviews module never reads `deliveries` itself.
import { type Database, type Kysely, sql } from "@pizza/db";

/** The driver of an order's delivery, or undefined when no driver is recorded. */
export async function driverOfOrder(
  db: Kysely<Database>,
  orderId: string,
  regionCode: string,
): Promise<string | undefined> {
  const delivery = await db
    .selectFrom("deliveries")
    .select("driver_id")
    .where("order_id", "=", orderId)
    .where("region_code", "=", regionCode)
    .where("driver_id", "is not", null)
    .orderBy(sql`status = 'delivered'`, "desc")
    .orderBy("created_at", "desc")
    .executeTakeFirst();
  return delivery?.driver_id ?? undefined;
}
