import { type Kysely, sql } from "kysely";

// Frozen once landed. Issue 17 (Web Push): a browser's push subscription (its push-service endpoint and
// the keys the message is encrypted to), per user and app. The endpoint is unique: a device that signs in
// as someone else moves its subscription to them. A push service answering 404/410 deletes the row.
// Pushes are queued like email and SMS, so the delivery queue's channel check gains 'push'; the recipient
// of a push row is the subscription id.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql
    .raw(`
    create table push_subscriptions (
      id uuid primary key default gen_random_uuid(),
      user_id uuid not null references users(id) on delete cascade,
      app text not null check (app in ('driver', 'customer')),
      endpoint text not null unique,
      p256dh text not null,
      auth text not null,
      created_at timestamptz not null default now(),
      last_success_at timestamptz
    )`)
    .execute(db);
  await sql.raw("create index push_subscriptions_user on push_subscriptions (user_id, app)").execute(db);
  await channelCheck(db, "'email', 'sms', 'push'");
}

/** Replaces the queue's check of its channels (0012 named it notification_deliveries_channel_check). */
async function channelCheck(db: Kysely<unknown>, channels: string): Promise<void> {
  const table = "alter table notification_deliveries";
  await sql.raw(`${table} drop constraint if exists notification_deliveries_channel_check`).execute(db);
  await sql
    .raw(`${table} add constraint notification_deliveries_channel_check check (channel in (${channels}))`)
    .execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw("delete from notification_deliveries where channel = 'push'").execute(db);
  await channelCheck(db, "'email', 'sms'");
  await sql.raw("drop table if exists push_subscriptions").execute(db);
}
