import { type Kysely, sql } from "kysely";

// Frozen once landed. Issue 20, batching: two delivery orders of one store offered to one driver as one
// trip. A trip's stops in route order; a stop stays active while the trip stands (offered, accepted,
// under way) and is deactivated when the trip's offer is declined, expires or the order is cancelled.
// The partial unique index is the database's half of "never one order in two trips": a delivery has at
// most one active stop, whatever two dispatchers or nodes do at once (the driver index's claim is the
// other half: one driver gets every stop of a trip or none).
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of [
    `create table trips (
       id uuid primary key,
       store_id uuid not null references stores(id),
       driver_id uuid not null references drivers(user_id),
       created_at timestamptz not null default now()
     )`,
    `create table trip_stops (
       trip_id uuid not null references trips(id),
       delivery_id uuid not null references deliveries(id),
       position smallint not null check (position between 1 and 8),
       active boolean not null default true,
       primary key (trip_id, delivery_id),
       unique (trip_id, position)
     )`,
    `create unique index trip_stops_one_active_trip on trip_stops (delivery_id) where active`,
  ])
    await sql.raw(statement).execute(db);
}
