// The reminder of a scheduled order, shortly before its time: a sweep (on every node, in the sender's) finds
// the placed orders due within the lead time (orders/scheduled-soon.ts) and queues one job per order; the
// job's unique key (`reminder:<order id>`) makes every later sweep, on any node, a no-op for that order.
import type { Database, Kysely } from "@pizza/db";
import { scheduledSoon } from "../orders/scheduled-soon.ts";

export async function queueReminders(db: Kysely<Database>, leadMs: number): Promise<number> {
  const due = await scheduledSoon(db, leadMs);
  if (due.length === 0) return 0;
  const rows = await db
    .insertInto("notification_jobs")
    .values(
      due.map((o) => ({
        event_id: `reminder:${o.orderId}`,
        kind: "order_reminder",
        user_id: o.customerId,
        payload: JSON.stringify({ orderId: o.orderId }),
      })),
    )
    .onConflict((oc) => oc.columns(["event_id", "kind"]).doNothing())
    .returning("id")
    .execute();
  return rows.length;
}
