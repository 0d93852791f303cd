import { type Kysely, sql } from "kysely";

// Frozen once landed. Issue 13: a payment attempt is bound to the priced order version it charges.
// - payment_attempts.order_version: the order's version when the attempt was created (its amount is
//   the order's total at that version); the ledger places the order only if the capture equals that
//   total and the order is still at that version.
// - payment_attempts.captured_amount: what the gateway actually captured for this attempt (set when a
//   capture is recorded, whether it placed the order or was refunded for not matching it).
// - refunds.intent_ref: the gateway intent a refund is sent against when it is not the payment's
//   current one (a capture that did not match the order, refunded automatically).
const statements = [
  "alter table payment_attempts add column order_version integer",
  "alter table payment_attempts add column captured_amount integer check (captured_amount >= 0)",
  "alter table refunds add column intent_ref text",
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw("alter table refunds drop column if exists intent_ref").execute(db);
  await sql.raw("alter table payment_attempts drop column if exists captured_amount").execute(db);
  await sql.raw("alter table payment_attempts drop column if exists order_version").execute(db);
}
