import { type Kysely, sql } from "kysely";

// Frozen once landed. Reviews (issue 10): one "helpful" vote per user per review, and an index
// for listing an item's visible reviews most-helpful first with a keyset cursor.
const statements = [
  `create table review_helpful_votes (
    review_id uuid not null references reviews(id) on delete cascade,
    user_id uuid not null references users(id) on delete cascade,
    created_at timestamptz not null default now(),
    primary key (review_id, user_id)
  )`,
  `create index reviews_helpful_idx on reviews (target_type, target_id, helpful_count desc, created_at desc, id desc)
    where hidden_at is null`,
  `create index reviews_store_idx on reviews (store_id, created_at desc)`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw("drop index if exists reviews_store_idx").execute(db);
  await sql.raw("drop index if exists reviews_helpful_idx").execute(db);
  await sql.raw("drop table if exists review_helpful_votes").execute(db);
}
