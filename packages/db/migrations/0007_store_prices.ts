import { type Kysely, sql } from "kysely";

// Frozen once landed. Store console (issue 9): store managers set their store's prices within their
// region's rule. Staff are managers or crew; a region allows managers ± a percentage of its list
// price; a store's own price overrides the region's for that store only.
const statements = [
  `alter table users add column staff_role text check (staff_role in ('manager', 'crew'))`,
  `alter table regions add column manager_price_change_pct integer not null default 20
     check (manager_price_change_pct between 0 and 100)`,
  `create table store_prices (
    store_id uuid not null references stores(id) on delete cascade,
    entity text not null check (entity in ('item', 'topping', 'crust', 'cheese', 'option')),
    entity_id text not null,
    variant text not null default '',
    amount integer not null check (amount >= 0),
    updated_by uuid references users(id) on delete set null,
    updated_at timestamptz not null default now(),
    primary key (store_id, entity, entity_id, variant)
  )`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw("drop table if exists store_prices").execute(db);
  await sql.raw("alter table regions drop column if exists manager_price_change_pct").execute(db);
  await sql.raw("alter table users drop column if exists staff_role").execute(db);
}
