// The notification queue (`notification_deliveries`): one row per (event, channel, recipient), so a replayed
// event finds its row and is never sent twice. Rows are written by event consumers and sent by the sender
// sweep (notification-sender.ts); the order's own transaction never waits for a mail server.
import type { Database, Kysely } from "@pizza/db";
import type { Notification, NotificationKind } from "../../infra/notifier.ts";

export interface QueuedMessage {
  /** The event that caused the message (the outbox event id). */
  eventId: string;
  kind: NotificationKind;
  /** The order the message is about, if any: its store's staff see its failure in their digest. */
  orderId?: string | undefined;
  channel: Notification["channel"];
  recipient: string;
  recipientName?: string | undefined;
  locale: string;
  subject: string;
  text: string;
  html?: string | undefined;
}

/** Queues a message once: false when this event already queued one on this channel for this recipient. */
export async function enqueueNotification(db: Kysely<Database>, m: QueuedMessage): Promise<boolean> {
  const row = await db
    .insertInto("notification_deliveries")
    .values({
      event_id: m.eventId,
      kind: m.kind,
      order_id: m.orderId ?? null,
      channel: m.channel,
      recipient: m.recipient,
      recipient_name: m.recipientName ?? null,
      locale: m.locale,
      subject: m.subject,
      body_text: m.text,
      body_html: m.html ?? null,
    })
    .onConflict((oc) => oc.columns(["event_id", "channel", "recipient"]).doNothing())
    .returning("id")
    .executeTakeFirst();
  return row !== undefined;
}

export interface FailedDelivery {
  id: string;
  eventId: string;
  kind: string;
  channel: string;
  recipient: string;
  subject: string;
  attempts: number;
  lastError: string | null;
  createdAt: string;
}

/** Deliveries that gave up after their last attempt, newest first (the admin's view). */
export async function failedDeliveries(db: Kysely<Database>, limit: number): Promise<FailedDelivery[]> {
  const rows = await db
    .selectFrom("notification_deliveries")
    .select([
      "id",
      "event_id",
      "kind",
      "channel",
      "recipient",
      "subject",
      "attempts",
      "last_error",
      "created_at",
    ])
    .where("status", "=", "failed")
    .orderBy("created_at", "desc")
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    eventId: r.event_id,
    kind: r.kind,
    channel: r.channel,
    recipient: r.recipient,
    subject: r.subject,
    attempts: r.attempts,
    lastError: r.last_error,
    createdAt: new Date(r.created_at).toISOString(),
  }));
}
