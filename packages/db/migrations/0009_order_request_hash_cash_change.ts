import { type Kysely, sql } from "kysely";

// Frozen once landed. Issue 13 (smaller holes): an idempotency key reused with a different request is
// refused, so the order keeps a fingerprint of the request that created it (nullable: orders placed
// before this migration have none and replay as before). orders is LIST-partitioned; a column added
// to the parent reaches every partition. A cash delivery records the change the driver handed back.
// Demo databases seeded before this get WELCOME10's promised cap ("up to 10": 1000 minor units).
const statements = [
  `alter table orders add column request_hash text`,
  `alter table deliveries add column change_given integer check (change_given >= 0)`,
  `update promo_codes set max_discount = 1000, description = '10% off your first order (up to $10, €10 or ¥1,000)'
     where code = 'WELCOME10' and kind = 'percent' and max_discount is null
       and description = '10% off your first order (up to 10 in local currency)'`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw("alter table deliveries drop column if exists change_given").execute(db);
  await sql.raw("alter table orders drop column if exists request_hash").execute(db);
}
