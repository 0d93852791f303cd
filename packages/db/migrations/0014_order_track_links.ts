import { type Kysely, sql } from "kysely";

// Frozen once landed. Issue 16: every order has a tracking link that works without an account. The token
// is 32 random bytes (base64url, 256 bits), one per order, unique; whoever holds it sees that order's
// tracker read-only until some hours after the order finished (orders/track-links.ts). It is kept as
// issued (not hashed) because the receipt email and the owner's tracker show it again. The index on
// order_number serves "Find my order" (order number plus the phone or email given with it).
const statements = [
  `create table order_track_links (
    token text primary key check (length(token) >= 40),
    order_id uuid not null unique,
    region_code text not null,
    created_at timestamptz not null default now(),
    foreign key (order_id, region_code) references orders(id, region_code) on delete cascade
  )`,
  `create index orders_order_number_idx on orders (order_number)`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw("drop index if exists orders_order_number_idx").execute(db);
  await sql.raw("drop table if exists order_track_links").execute(db);
}
