import { type Kysely, sql } from "kysely";

// Frozen once landed. Issue 22, "reports with charts": the reports read a store's (or region's) orders by
// the time they were placed, whatever their status, and a store's drivers' shifts by when they started.
// The existing (store_id, status, created_at) index only serves one status at a time.
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of [
    "create index orders_store_created_idx on orders (store_id, created_at)",
    "create index driver_shifts_store_started_idx on driver_shifts (store_id, started_at)",
  ])
    await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw("drop index if exists orders_store_created_idx").execute(db);
  await sql.raw("drop index if exists driver_shifts_store_started_idx").execute(db);
}
