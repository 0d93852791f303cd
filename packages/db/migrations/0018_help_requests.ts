import { type Kysely, sql } from "kysely";

// Frozen once landed. Issue 16, "Help with an order": a customer's problem with an order (missing or
// wrong item, late, quality, other), an optional photo (stored here as bytea, re-encoded without its
// metadata, at most 2 MB), and the store's outcome: a refund through the payments ledger, a credit (a
// promo code only that customer may use) or a decline with a reason. One open request per order.
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of [
    `create table help_photos (
      id uuid primary key default gen_random_uuid(),
      customer_id uuid not null references users(id),
      content_type text not null check (content_type in ('image/jpeg', 'image/png', 'image/webp')),
      bytes bytea not null,
      size integer not null check (size > 0 and size <= 2097152),
      created_at timestamptz not null default now()
    )`,
    `create table help_requests (
      id uuid primary key default gen_random_uuid(),
      order_id uuid not null,
      region_code text not null,
      store_id uuid not null references stores(id),
      customer_id uuid not null references users(id),
      kind text not null check (kind in ('missing_item', 'wrong_item', 'late', 'quality', 'other')),
      line_nos integer[] not null default '{}',
      message text not null check (length(message) between 1 and 1000),
      photo_id uuid references help_photos(id),
      status text not null default 'open' check (status in ('open', 'refunded', 'credited', 'declined')),
      resolution_note text,
      refund_amount integer check (refund_amount > 0),
      credit_amount integer check (credit_amount > 0),
      credit_promo_id uuid references promo_codes(id),
      currency char(3) not null,
      resolved_by uuid references users(id),
      resolved_at timestamptz,
      created_at timestamptz not null default now(),
      foreign key (order_id, region_code) references orders(id, region_code) on delete cascade
    )`,
    "create unique index help_requests_one_open on help_requests (order_id) where status = 'open'",
    "create index help_requests_store_open on help_requests (store_id, created_at) where status = 'open'",
    "create index help_requests_order on help_requests (order_id, created_at)",
    // A credit is a promo code only its customer may use (null: anyone, as before).
    "alter table promo_codes add column customer_id uuid references users(id)",
  ]) {
    await sql.raw(statement).execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw("alter table promo_codes drop column if exists customer_id").execute(db);
  await sql.raw("drop table if exists help_requests").execute(db);
  await sql.raw("drop table if exists help_photos").execute(db);
}
