import { type Kysely, sql } from "kysely";

// Frozen once landed. Issue 22, deals and combos: a region's set-price offers ("any 2 medium pizzas for
// 18.00", "a large pizza + two sides + a drink for 24.00"), applied by the server's pricing to a cart
// whose lines fill every slot (modules/pricing/deals.ts).
// - deals: one offer of a region; `price` in the region's currency's minor unit; `name` is the English
//   name and the fallback, `names` the others ({"de": …, "ja": …}); offered while `active` and inside
//   [starts_at, ends_at) when those are set.
// - deal_slots: what the deal is made of, in order: `quantity` units of `kind`, of size/variant `variant`
//   when set (null: any), of item `item_id` when set (null: any of the kind).
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of [
    `create table deals (
       id text primary key check (id ~ '^[a-z0-9][a-z0-9-]{1,60}$'),
       region_code text not null references regions(code),
       name text not null check (length(name) between 1 and 80),
       names jsonb not null default '{}'::jsonb,
       price integer not null check (price > 0),
       starts_at timestamptz,
       ends_at timestamptz,
       active boolean not null default true,
       sort integer not null default 0,
       updated_at timestamptz not null default now(),
       updated_by uuid references users(id),
       constraint deals_window check (starts_at is null or ends_at is null or ends_at > starts_at)
     )`,
    "create index deals_region on deals (region_code) where active",
    `create table deal_slots (
       deal_id text not null references deals(id) on delete cascade,
       position smallint not null check (position between 0 and 9),
       kind text not null check (kind in ('pizza', 'side', 'dessert', 'drink')),
       variant text check (length(variant) between 1 and 40),
       item_id text references menu_items(id),
       quantity smallint not null check (quantity between 1 and 10),
       primary key (deal_id, position)
     )`,
  ])
    await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw("drop table if exists deal_slots").execute(db);
  await sql.raw("drop table if exists deals").execute(db);
}
