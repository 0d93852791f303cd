import { type Kysely, sql } from "kysely";

// Frozen once landed. Issue 17, the staff failed-delivery digest: a queued message remembers the order it
// is about (null for messages about no order: codes, password resets, shift reminders), so a store's staff
// are told only of their store's failures, and the time it was marked failed, so each digest window lists
// the failures of that window (a row created in one window may fail for good in a later one).
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of [
    "alter table notification_deliveries add column order_id uuid, add column failed_at timestamptz",
    "create index notification_deliveries_failed_at on notification_deliveries (failed_at) where status = 'failed'",
  ])
    await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw("drop index if exists notification_deliveries_failed_at").execute(db);
  await sql
    .raw(
      "alter table notification_deliveries drop column if exists failed_at, drop column if exists order_id",
    )
    .execute(db);
}
