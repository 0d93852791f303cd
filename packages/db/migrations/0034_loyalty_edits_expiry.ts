import { type Kysely, sql } from "kysely";

// Frozen once landed. Issue 21, loyalty leftovers:
// - orders.reward_id / reward_points: the loyalty reward an order holds and the points it spent on it
//   (the ledger's `redeem:<orderId>` row), so an edit re-prices the order with its reward and never spends
//   again; both null when the order holds none (or its reward was dropped and the points returned).
// - loyalty_expiry_swept: each expired credit the expiry sweep has looked at, with the points it wrote off
//   (an `expire` ledger row keyed `expire:<credit id>` when more than zero), so the next round skips it.
// - loyalty_rewards.names: the reward's name per language ({"de": …, "ja": …}); `name` is now the English
//   one and the fallback (the seeded German and Japanese names move to `names`), and when an admin last
//   changed it.
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of [
    `alter table orders
       add column reward_id text,
       add column reward_points integer check (reward_points > 0),
       add constraint orders_reward_points check ((reward_id is null) = (reward_points is null))`,
    `create table loyalty_expiry_swept (
       credit_id uuid primary key references loyalty_ledger(id),
       user_id uuid not null references users(id),
       expired integer not null check (expired >= 0),
       swept_at timestamptz not null default now()
     )`,
    // The sweep's search: credits that expire, oldest first.
    "create index loyalty_ledger_expiring on loyalty_ledger (expires_at) where expires_at is not null",
    `alter table loyalty_rewards
       add column names jsonb not null default '{}'::jsonb,
       add column updated_at timestamptz not null default now()`,
    // `name` is the English name; the seeded German and Japanese ones move to `names`.
    `update loyalty_rewards set (name, names) = (case
       when id like '%-free-medium-pizza' then 'Free medium Margherita'
       when id like '%-free-drink' then 'Free 0.5 L Cola'
       when id = 'us-5-off' then '$5 off'
       when id = 'de-5-off' then '€5 off'
       when id = 'jp-500-off' then '¥500 off'
       else name end,
     case
       when id like '%-free-medium-pizza' then '{"de": "Gratis Margherita (Mittel)", "ja": "マルゲリータ M 無料"}'
       when id like '%-free-drink' then '{"de": "Gratis Cola 0,5 l", "ja": "コーラ 500ml 無料"}'
       when id = 'us-5-off' then '{"de": "5 $ Rabatt", "ja": "5ドル引き"}'
       when id = 'de-5-off' then '{"de": "5 € Rabatt", "ja": "5ユーロ引き"}'
       when id = 'jp-500-off' then '{"de": "500 ¥ Rabatt", "ja": "500円引き"}'
       else '{}' end::jsonb)`,
  ])
    await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw("alter table loyalty_rewards drop column names, drop column updated_at").execute(db);
  await sql.raw("drop table if exists loyalty_expiry_swept").execute(db);
  await sql.raw("drop index if exists loyalty_ledger_expiring").execute(db);
  await sql
    .raw(
      "alter table orders drop constraint orders_reward_points, drop column reward_id, drop column reward_points",
    )
    .execute(db);
}
