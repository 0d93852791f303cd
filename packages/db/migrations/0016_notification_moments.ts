import { type Kysely, sql } from "kysely";

// Frozen once landed. Issue 17, the moments and the user's choices:
// - notification_preferences: the channels a user chose for one kind of message (receipts, order status,
//   "arriving", marketing; drivers' and staff's own kinds). No row means the kind's default; an empty
//   array means "off". Marketing keeps the time the user consented.
// - notification_jobs: what an event consumer writes (one small row: the moment, the user, the ids it is
//   about). The sender sweep turns a job into one notification_deliveries row per chosen channel, rendering
//   the message then, so the event consumer (on the order's path) does one insert and reads nothing.
// - deliveries.arriving_at: set once, by a conditional update, when the driver first comes near the
//   drop-off; the update that sets it writes the `delivery.arriving` event.
// - an index on the scheduled time of placed orders, for the reminder sweep.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql
    .raw(`
    create table notification_preferences (
      user_id uuid not null references users(id) on delete cascade,
      kind text not null,
      channels text[] not null check (channels <@ array['email', 'sms', 'push']::text[]),
      consented_at timestamptz,
      updated_at timestamptz not null default now(),
      primary key (user_id, kind)
    )`)
    .execute(db);
  await sql
    .raw(`
    create table notification_jobs (
      id uuid primary key default gen_random_uuid(),
      event_id text not null,
      kind text not null,
      user_id uuid not null,
      payload jsonb not null,
      status text not null default 'pending' check (status in ('pending', 'done', 'failed')),
      attempts integer not null default 0,
      next_attempt_at timestamptz not null default now(),
      last_error text,
      created_at timestamptz not null default now(),
      unique (event_id, kind)
    )`)
    .execute(db);
  await sql
    .raw("create index notification_jobs_due on notification_jobs (next_attempt_at) where status = 'pending'")
    .execute(db);
  await sql.raw("alter table deliveries add column arriving_at timestamptz").execute(db);
  // The reminder sweep looks for placed orders scheduled within the next minutes.
  await sql
    .raw(
      "create index orders_scheduled_placed on orders (scheduled_for) where status = 'placed' and scheduled_for is not null",
    )
    .execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw("drop index if exists orders_scheduled_placed").execute(db);
  await sql.raw("alter table deliveries drop column if exists arriving_at").execute(db);
  await sql.raw("drop table if exists notification_jobs").execute(db);
  await sql.raw("drop table if exists notification_preferences").execute(db);
}
