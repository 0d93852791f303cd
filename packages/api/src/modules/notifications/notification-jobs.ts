// What an event consumer writes: one small job row per (event, moment) — the user and the ids the moment
// is about. The sender sweep (job-expander.ts) decides the channels and renders the messages later, so a
// consumer on the order's path does one insert and reads nothing. A replayed event finds its job.
import type { Database, Kysely } from "@pizza/db";
import type { PreferenceKind } from "./channel-choice.ts";
import type { OrderMoment } from "./templates/order-moments.ts";

/** Each moment, and the kind of message whose channels the user chose for it. */
export const MOMENT_PREFERENCE = {
  order_receipt: "receipts",
  order_on_its_way: "order_status",
  order_arriving: "arriving",
  order_cancelled: "order_status",
  order_refused: "order_status",
  order_expired: "order_status",
  order_refunded: "order_status",
  order_reminder: "order_status",
} as const satisfies Record<OrderMoment | "order_receipt", PreferenceKind>;

export type Moment = keyof typeof MOMENT_PREFERENCE;

/** What a moment is about; amounts in minor units of `currency`. */
export interface JobPayload {
  orderId: string;
  reason?: string | null;
  refundedNow?: number;
  currency?: string;
  etaS?: number;
}

export interface NewJob {
  eventId: string;
  moment: Moment;
  userId: string;
  payload: JobPayload;
}

/** Queues a moment once: false when this event already queued it. One statement. */
export async function enqueueJob(db: Kysely<Database>, job: NewJob): Promise<boolean> {
  const row = await db
    .insertInto("notification_jobs")
    .values({
      event_id: job.eventId,
      kind: job.moment,
      user_id: job.userId,
      payload: JSON.stringify(job.payload),
    })
    .onConflict((oc) => oc.columns(["event_id", "kind"]).doNothing())
    .returning("id")
    .executeTakeFirst();
  return row !== undefined;
}
