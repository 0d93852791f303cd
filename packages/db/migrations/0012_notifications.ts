import { type Kysely, sql } from "kysely";

// Frozen once landed. Issue 17: notifications are sent from the event stream through a queue. One row per
// (event, channel, recipient): a replayed event finds its row and never sends twice. The sender claims due
// rows with FOR UPDATE SKIP LOCKED, retries with backoff (attempts, next_attempt_at, last_error) and marks
// a row `failed` after the last attempt, where an admin sees it.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql
    .raw(`
    create table notification_deliveries (
      id uuid primary key default gen_random_uuid(),
      event_id text not null,
      kind text not null,
      channel text not null check (channel in ('email', 'sms')),
      recipient text not null,
      recipient_name text,
      locale text not null default 'en',
      subject text not null,
      body_text text not null,
      body_html text,
      status text not null default 'pending' check (status in ('pending', 'sent', 'failed')),
      attempts integer not null default 0,
      next_attempt_at timestamptz not null default now(),
      last_error text,
      created_at timestamptz not null default now(),
      sent_at timestamptz,
      unique (event_id, channel, recipient)
    )`)
    .execute(db);
  await sql
    .raw(
      "create index notification_deliveries_due on notification_deliveries (next_attempt_at) where status = 'pending'",
    )
    .execute(db);
  await sql
    .raw(
      "create index notification_deliveries_failed on notification_deliveries (created_at) where status = 'failed'",
    )
    .execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw("drop table if exists notification_deliveries").execute(db);
}
