import { type Kysely, sql } from "kysely";

// Frozen once landed. Issue 21, loyalty rewards: each region's catalogue of rewards a customer spends
// points on in the cart (a free item of one variant, an amount off in minor units, or free delivery),
// and a ledger kind `return` for the points a cancelled order gives back (a credit, so positive).
// No foreign key to `regions` or `menu_items`: migrations run before the seed; a reward whose item is
// not on a store's menu simply does not apply there.
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of [
    `create table loyalty_rewards (
      id text primary key check (id ~ '^[a-z0-9][a-z0-9-]{1,60}$'),
      region_code text not null check (region_code ~ '^[a-z]{2,8}$'),
      name text not null check (length(name) between 1 and 80),
      points integer not null check (points > 0),
      kind text not null check (kind in ('free_item', 'amount_off', 'free_delivery')),
      item_id text,
      variant text,
      amount integer check (amount > 0),
      active boolean not null default true,
      sort integer not null default 0,
      check ((kind = 'free_item') = (item_id is not null and variant is not null)),
      check ((kind = 'amount_off') = (amount is not null))
    )`,
    "create index loyalty_rewards_region on loyalty_rewards (region_code, sort) where active",
    // A free medium Margherita at 60 points, a free 0.5 L cola at 20, 5 $ / 5 € / ¥500 off at 40.
    `insert into loyalty_rewards (id, region_code, name, points, kind, item_id, variant, amount, sort) values
      ('us-free-medium-pizza', 'us', 'Free medium Margherita', 60, 'free_item', 'margherita', 'medium', null, 1),
      ('us-free-drink', 'us', 'Free 0.5 L Cola', 20, 'free_item', 'cola', '500ml', null, 2),
      ('us-5-off', 'us', '$5 off', 40, 'amount_off', null, null, 500, 3),
      ('de-free-medium-pizza', 'de', 'Gratis Margherita (Mittel)', 60, 'free_item', 'margherita', 'medium', null, 1),
      ('de-free-drink', 'de', 'Gratis Cola 0,5 l', 20, 'free_item', 'cola', '500ml', null, 2),
      ('de-5-off', 'de', '5 € Rabatt', 40, 'amount_off', null, null, 500, 3),
      ('jp-free-medium-pizza', 'jp', 'マルゲリータ M 無料', 60, 'free_item', 'margherita', 'medium', null, 1),
      ('jp-free-drink', 'jp', 'コーラ 500ml 無料', 20, 'free_item', 'cola', '500ml', null, 2),
      ('jp-500-off', 'jp', '500円引き', 40, 'amount_off', null, null, 500, 3)`,
    "alter table loyalty_ledger drop constraint loyalty_ledger_kind_check",
    "alter table loyalty_ledger drop constraint loyalty_ledger_check",
    `alter table loyalty_ledger add constraint loyalty_ledger_kind_check
      check (kind in ('earn', 'reverse', 'redeem', 'expire', 'goodwill', 'return'))`,
    "alter table loyalty_ledger add constraint loyalty_ledger_check check ((kind in ('earn', 'goodwill', 'return')) = (delta > 0))",
  ])
    await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw("drop table if exists loyalty_rewards").execute(db);
}
