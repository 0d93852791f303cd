import { type Kysely, sql } from "kysely";

// Frozen once landed. Kitchen capacity is counted per store and 15-minute slot in its own small
// table: claiming a slot is one conditional upsert, so concurrent orders can never overfill it.
const statements = [
  `create table kitchen_slots (
    store_id uuid not null references stores(id) on delete cascade,
    slot_start timestamptz not null,
    orders integer not null default 0 check (orders >= 0),
    primary key (store_id, slot_start)
  )`,
  // The kitchen autopilot looks for orders in a kitchen stage that have waited long enough.
  `create index orders_kitchen_stage_idx on orders (status, updated_at)
    where status in ('placed', 'preparing', 'baking', 'quality_check', 'ready')`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw("drop index if exists orders_kitchen_stage_idx").execute(db);
  await sql.raw("drop table if exists kitchen_slots").execute(db);
}
