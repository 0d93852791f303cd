// The kitchen's slot counters against what the live orders claim (their `kitchen_claims`), per slot of a
// store: a test of capacity under contention checks that the two agree and that no counter is over.
import { type Database, type Kysely, sql } from "@pizza/db";

export interface SlotTally {
  slot_start: Date;
  /** The slot's counter (kitchen_slots.orders). */
  counted: number;
  /** The load the store's live orders claim in that slot. */
  live: number;
}

export async function slotTallies(db: Kysely<Database>, storeId: string): Promise<SlotTally[]> {
  const { rows } = await sql<SlotTally>`
    select coalesce(k.slot_start, o.slot_start) as slot_start,
           coalesce(k.orders, 0)::int as counted, coalesce(o.live, 0)::int as live
    from (select slot_start, orders from kitchen_slots where store_id = ${storeId}) k
    full join (
      select (c->>'slotStart')::timestamptz as slot_start, sum((c->>'units')::int) as live
      from orders, jsonb_array_elements(kitchen_claims) c
      where store_id = ${storeId} and status <> 'cancelled' group by 1
    ) o on o.slot_start = k.slot_start`.execute(db);
  return rows;
}
