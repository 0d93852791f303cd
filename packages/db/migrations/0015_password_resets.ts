import { type Kysely, sql } from "kysely";

// Frozen once landed. Issue 17: "forgot password" and a guest turning into a full account. One row per
// single-use secret sent to a person: `purpose` 'reset' (a six-digit code typed back, and a link token;
// 15 minutes) or 'guest_claim' (a link token in a guest's receipt). Only SHA-256 hashes are kept. A code
// is tried at most `attempts < 5` times; `consumed_at` makes every secret single use.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql
    .raw(`
    create table password_resets (
      id uuid primary key default gen_random_uuid(),
      user_id uuid not null references users(id) on delete cascade,
      purpose text not null check (purpose in ('reset', 'guest_claim')),
      channel text not null check (channel in ('email', 'phone')),
      target text not null,
      code_hash text,
      token_hash text not null unique,
      attempts integer not null default 0,
      expires_at timestamptz not null,
      consumed_at timestamptz,
      created_at timestamptz not null default now()
    )`)
    .execute(db);
  await sql.raw("create index password_resets_user_idx on password_resets (user_id, purpose)").execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw("drop table if exists password_resets").execute(db);
}
