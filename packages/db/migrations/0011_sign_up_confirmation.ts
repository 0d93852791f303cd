import { type Kysely, sql } from "kysely";

// Frozen once landed. Issue 14 (finding 4): a sign-up is an account only once its owner proves the email
// or phone with a code. `confirmed_at` is null from `auth.register` until `auth.confirmSignUp`; every
// other way a user row is written (seed, staff, drivers, guests) and every existing account counts as
// confirmed (the default).
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql.raw("alter table users add column confirmed_at timestamptz default now()").execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw("alter table users drop column if exists confirmed_at").execute(db);
}
