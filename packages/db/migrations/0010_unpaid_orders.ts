import { type Kysely, sql } from "kysely";

// Frozen once landed. Unpaid card orders (issue 13): the expiry sweep looks for the oldest
// pending_payment orders on every node every 30 s, and placing a card order counts the customer's
// unpaid ones. Both indexes are partial: they hold only the few orders awaiting payment, so cash
// orders and orders past payment cost nothing to maintain.
const statements = [
  `create index orders_pending_payment_idx on orders (created_at) where status = 'pending_payment'`,
  `create index orders_pending_payment_customer_idx on orders (customer_id) where status = 'pending_payment'`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw("drop index if exists orders_pending_payment_customer_idx").execute(db);
  await sql.raw("drop index if exists orders_pending_payment_idx").execute(db);
}
