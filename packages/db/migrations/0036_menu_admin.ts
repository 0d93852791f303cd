import { type Kysely, sql } from "kysely";

// Frozen once landed. Issue 22, "menu management": what an admin's menu changes need beside the menu
// tables of 0001.
// - `menu_changes`: every admin change, who, when, which entity, before and after as JSON (the history
//   an admin lists per item, topping, crust or sauce; a price or availability change is its entity's).
// - `scheduled_prices`: a region price from a moment on. The menu reads the price in force at its
//   build time (the latest due row over `prices`), so nothing has to run when the moment comes.
// - `region_availability`: whether an item, topping, crust or sauce is offered in a region at all
//   (no row: offered); a store's own availability and stock stay in `store_stock`.
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of [
    `create table menu_changes (
       id uuid primary key default gen_random_uuid(),
       entity text not null check (entity in ('item', 'topping', 'crust', 'sauce')),
       entity_id text not null,
       action text not null,
       region_code text references regions(code),
       changed_by uuid not null references users(id),
       changed_at timestamptz not null default now(),
       before jsonb,
       after jsonb
     )`,
    "create index menu_changes_entity on menu_changes (entity, entity_id, changed_at desc)",
    `create table scheduled_prices (
       id uuid primary key default gen_random_uuid(),
       region_code text not null references regions(code),
       entity text not null check (entity in ('item', 'topping', 'crust', 'cheese', 'option')),
       entity_id text not null,
       variant text not null default '',
       amount integer not null check (amount >= 0),
       effective_at timestamptz not null,
       created_by uuid not null references users(id),
       created_at timestamptz not null default now(),
       unique (region_code, entity, entity_id, variant, effective_at)
     )`,
    "create index scheduled_prices_region on scheduled_prices (region_code, effective_at)",
    `create table region_availability (
       region_code text not null references regions(code),
       entity text not null check (entity in ('item', 'topping', 'crust', 'sauce')),
       entity_id text not null,
       available boolean not null,
       updated_at timestamptz not null default now(),
       primary key (region_code, entity, entity_id)
     )`,
  ])
    await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ["region_availability", "scheduled_prices", "menu_changes"])
    await sql.raw(`drop table if exists ${table}`).execute(db);
}
