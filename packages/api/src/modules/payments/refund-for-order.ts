// What other modules (notifications) need to tell a customer about a refund: the amount refunded or being
// refunded for an order (refunds pending or succeeded), in minor units; 0 when nothing is.
import { type Database, type Kysely, sql } from "@pizza/db";

export async function refundForOrder(db: Kysely<Database>, orderId: string): Promise<number> {
  const row = await db
    .selectFrom("refunds")
    .innerJoin("payments", "payments.id", "refunds.payment_id")
    .select(sql<number>`coalesce(sum(refunds.amount), 0)::int`.as("amount"))
    .where("payments.order_id", "=", orderId)
    .where("refunds.status", "in", ["pending", "succeeded"])
    .executeTakeFirst();
  return Number(row?.amount ?? 0);
}
