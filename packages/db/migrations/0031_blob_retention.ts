import { type Kysely, sql } from "kysely";

// Frozen once landed. Issue 20, "photos are deleted after a retention period":
// - deliveries.proof_removed_at: when the retention sweep deleted the delivery's proof blobs (photo, signature) and
//   cleared their keys, so the store and the customer read "removed after N days", not a broken link.
// - help_photos move into the blob store: blob_key names the normalised JPEG there; rows written before
//   keep their bytes (bytea, read as a fallback) until the retention sweep removes them; removed_at
//   says a photo was deleted after the retention period. A row holds its bytes, a key, or neither once removed.
// - The simulated payment gateway's PaymentIntents and idempotency answers, in one place every API node
//   sees (they lived in a node's memory: a 3-D Secure confirmation on another node found no intent).
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of [
    "alter table deliveries add column proof_removed_at timestamptz",
    // The sweep's search: delivered long ago and still holding a photo or a signature.
    `create index deliveries_photo_retention on deliveries (delivered_at)
       where photo_key is not null or signature_key is not null`,
    `alter table help_photos
       alter column bytes drop not null,
       add column blob_key text unique,
       add column removed_at timestamptz,
       add constraint help_photos_one_place check (
         (removed_at is null and (bytes is not null or blob_key is not null))
         or (removed_at is not null and bytes is null and blob_key is null))`,
    "create index help_photos_retention on help_photos (created_at) where removed_at is null",
    `create table simulated_payment_intents (
       id text primary key,
       state jsonb not null,
       created_at timestamptz not null default now(),
       updated_at timestamptz not null default now()
     )`,
    `create table simulated_gateway_requests (
       scoped_key text primary key,
       fingerprint text not null,
       outcome jsonb,
       created_at timestamptz not null default now()
     )`,
  ])
    await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const statement of [
    "drop table if exists simulated_gateway_requests",
    "drop table if exists simulated_payment_intents",
    "drop index if exists help_photos_retention",
    "delete from help_photos where bytes is null",
    `alter table help_photos drop constraint if exists help_photos_one_place,
       drop column if exists removed_at, drop column if exists blob_key, alter column bytes set not null`,
    "drop index if exists deliveries_photo_retention",
    "alter table deliveries drop column if exists proof_removed_at",
  ])
    await sql.raw(statement).execute(db);
}
