import { type Kysely, sql } from "kysely";

// Frozen once landed. Issue 21, loyalty points: each region's earning rule (points for a fulfilled order
// of at least a minimum subtotal, and/or points per currency unit; how many months a credit lasts), and
// the points ledger, append-only: every change of a customer's points is one row whose `event_key` is
// unique, so a replayed order event never credits or reverses twice. Balance = sum of the ledger.
// The rules carry no foreign key to `regions`: migrations run before the seed, and the three regions'
// rules are inserted here (a region without a row earns nothing).
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of [
    `create table loyalty_rules (
      region_code text primary key check (region_code ~ '^[a-z]{2,8}$'),
      order_points integer not null default 0 check (order_points >= 0),
      order_min_subtotal integer not null default 0 check (order_min_subtotal >= 0),
      unit_points integer not null default 0 check (unit_points >= 0),
      unit_minor integer not null default 100 check (unit_minor > 0),
      expiry_months integer not null default 12 check (expiry_months between 1 and 120),
      updated_at timestamptz not null default now()
    )`,
    `create table loyalty_ledger (
      id uuid primary key default gen_random_uuid(),
      user_id uuid not null references users(id),
      delta integer not null check (delta <> 0),
      kind text not null check (kind in ('earn', 'reverse', 'redeem', 'expire', 'goodwill')),
      order_id uuid,
      region_code text,
      event_key text not null unique,
      reason text,
      created_at timestamptz not null default now(),
      expires_at timestamptz,
      check ((kind in ('earn', 'goodwill')) = (delta > 0))
    )`,
    "create index loyalty_ledger_user on loyalty_ledger (user_id, created_at)",
    "create index loyalty_ledger_order on loyalty_ledger (order_id) where order_id is not null",
    // 10 points for an order of at least $15 / 15 € / ¥2,000, plus 1 point per $1 / 1 € / ¥100; a year.
    `insert into loyalty_rules (region_code, order_points, order_min_subtotal, unit_points, unit_minor, expiry_months)
     values ('us', 10, 1500, 1, 100, 12), ('de', 10, 1500, 1, 100, 12), ('jp', 10, 2000, 1, 100, 12)`,
  ])
    await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw("drop table if exists loyalty_ledger").execute(db);
  await sql.raw("drop table if exists loyalty_rules").execute(db);
}
