import { type Kysely, sql } from "kysely";

// Frozen once landed. Issue 20, proof of delivery: where the driver was when they marked the delivery
// delivered (their latest known position, its time, and its straight-line distance to the address), why
// they marked it delivered away from the address (a short reason and an optional note: required beyond
// ~300 m, refused by the service otherwise), and the key of the delivery photo in the blob store
// (normalised: EXIF location stripped).
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of [
    `alter table deliveries
       add column dropoff_lat double precision,
       add column dropoff_lng double precision,
       add column dropoff_position_at timestamptz,
       add column dropoff_distance_m integer check (dropoff_distance_m >= 0),
       add column away_reason text check (away_reason in ('met_elsewhere', 'address_wrong', 'other')),
       add column away_note text check (char_length(away_note) <= 280),
       add column photo_key text`,
  ])
    await sql.raw(statement).execute(db);
}
