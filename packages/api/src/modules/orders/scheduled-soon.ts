// What other modules (notifications) need about scheduled orders: the ones placed (paid, not started, not
// cancelled) whose time falls within the next `withinMs`, with their customer. An order placed less than
// `withinMs` before its time is left out: its receipt has just told the customer.
import { type Database, type Kysely, sql } from "@pizza/db";

export interface ScheduledSoon {
  orderId: string;
  customerId: string;
  scheduledFor: string;
}

export async function scheduledSoon(
  db: Kysely<Database>,
  withinMs: number,
  limit = 500,
): Promise<ScheduledSoon[]> {
  const rows = await db
    .selectFrom("orders")
    .select(["id", "customer_id", "scheduled_for"])
    .where("status", "=", "placed")
    .where("scheduled_for", ">", sql<Date>`now()`)
    .where("scheduled_for", "<=", sql<Date>`now() + ${`${withinMs} milliseconds`}::interval`)
    .where(sql<boolean>`scheduled_for - created_at > ${`${withinMs} milliseconds`}::interval`)
    .orderBy("scheduled_for")
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    orderId: r.id,
    customerId: r.customer_id,
    scheduledFor: new Date(r.scheduled_for as unknown as string).toISOString(),
  }));
}
