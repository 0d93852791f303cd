// What placing an order reads from the database before its transaction, in one round trip: whether the
// idempotency key already placed an order, the kitchen's upcoming slot counts (ASAP orders), the store's
// cash threshold for a handover code and which of the cart's items are age-restricted. Four independent
// reads were four statements per order on a busy night (bench:peak, issue 19); as scalar subqueries of
// one SELECT they are one (the stores and menu modules give theirs as subqueries of their own tables).
import type { Database, Kysely } from "@pizza/db";
import { sql } from "@pizza/db";
import { ageRestrictedIdsQuery } from "../menu/age-restricted.ts";
import { handoverCashAboveQuery } from "../stores/store-for-dispatch.ts";
import { SLOT_MS, slotOf } from "./kitchen-capacity.ts";

export interface PlacementReads {
  /** The order this customer already placed with this idempotency key, if any. */
  priorId: string | null;
  /** Orders counted per slot start (ms) from `earliest`'s slot on; undefined when not asked for. */
  slotCounts: Map<number, number> | undefined;
  /** Cash orders above this total need a handover code (null: never; the store's setting). */
  handoverCashAbove: number | null;
  /** The cart's items that are age-restricted. */
  ageRestricted: Set<string>;
}

export async function placementReads(
  db: Kysely<Database>,
  q: {
    customerId: string;
    idempotencyKey: string;
    storeId: string;
    itemIds: readonly string[];
    /** The slots to count, from `earliest`'s on (scheduled orders count theirs later). */
    slots?: { earliest: Date; count: number };
  },
): Promise<PlacementReads> {
  const from = q.slots ? slotOf(q.slots.earliest) : null;
  const until = q.slots && from ? new Date(from.getTime() + q.slots.count * SLOT_MS) : null;
  const row = await db
    .selectNoFrom((eb) => [
      eb
        .selectFrom("orders")
        .select("id")
        .where("customer_id", "=", q.customerId)
        .where("idempotency_key", "=", q.idempotencyKey)
        .as("prior_id"),
      handoverCashAboveQuery(db, q.storeId).as("cash_above"),
      ageRestrictedIdsQuery(db, q.itemIds).as("age_restricted"),
      from && until
        ? eb
            .selectFrom("kitchen_slots")
            .select(
              sql<[string, number][] | null>`json_agg(json_build_array(slot_start, orders))`.as("counts"),
            )
            .where("store_id", "=", q.storeId)
            .where("slot_start", ">=", from)
            .where("slot_start", "<", until)
            .as("slots")
        : sql<[string, number][] | null>`null::json`.as("slots"),
    ])
    .executeTakeFirstOrThrow();
  return {
    priorId: row.prior_id ?? null,
    slotCounts: q.slots
      ? new Map((row.slots ?? []).map(([start, orders]) => [Date.parse(start), orders]))
      : undefined,
    handoverCashAbove: row.cash_above ?? null,
    ageRestricted: new Set(row.age_restricted ?? []),
  };
}
