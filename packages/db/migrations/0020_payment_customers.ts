import { type Kysely, sql } from "kysely";

// Frozen once landed. Issue 16, "Upsell and saved details": a customer's account at the payment gateway
// (a Stripe Customer), created the first time they ask to save a card. The cards themselves stay at
// Stripe (we keep no card data, not even brand and last four): the app lists them through the gateway.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql
    .raw(`
    create table payment_customers (
      user_id uuid primary key references users(id) on delete cascade,
      gateway text not null check (gateway in ('stripe', 'simulated')),
      gateway_customer_id text not null unique,
      created_at timestamptz not null default now()
    )`)
    .execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw("drop table if exists payment_customers").execute(db);
}
