import { type Kysely, sql } from "kysely";

// Frozen once landed. Issue 13 (smaller holes): an idempotency key reused with a different request is
// refused, so the order keeps a fingerprint of the request that created it (nullable: orders placed
// before this migration have none and replay as before). orders is LIST-partitioned; a column added
// to the parent reaches every partition. A cash delivery records the change the driver handed back.
const statements = [
  `alter table orders add column request_hash text`,
  `alter table deliveries add column change_given integer check (change_given >= 0)`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw("alter table deliveries drop column if exists change_given").execute(db);
  await sql.raw("alter table orders drop column if exists request_hash").execute(db);
}
