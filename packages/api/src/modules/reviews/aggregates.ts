import type { Database, Transaction } from "@pizza/db";
import type { TRatingSummary } from "./reviews.schemas.ts";

/** A change to one target's (count, sum): +1/+r on a new review, 0/Δr on an edit, −1/−r on a hide. */
export interface Delta {
  type: string;
  id: string;
  count: number;
  sum: number;
}

export const EMPTY_SUMMARY: TRatingSummary = Object.freeze({ average: null, count: 0 }) as TRatingSummary;

export function summarize(count: number, sum: number): TRatingSummary {
  return count > 0 ? { average: Math.round((sum / count) * 100) / 100, count } : EMPTY_SUMMARY;
}

/**
 * Adds (count, sum) deltas to rating_aggregates in one statement, rows in a fixed order so that two
 * transactions touching the same targets (a store's service and overall rows) cannot deadlock.
 */
export async function applyDeltas(trx: Transaction<Database>, deltas: Delta[]): Promise<void> {
  const rows = deltas
    .filter((d) => d.count !== 0 || d.sum !== 0)
    .sort((a, b) => (a.type === b.type ? (a.id < b.id ? -1 : 1) : a.type < b.type ? -1 : 1))
    .map((d) => ({ target_type: d.type, target_id: d.id, rating_count: d.count, rating_sum: d.sum }));
  if (rows.length === 0) return;
  await trx
    .insertInto("rating_aggregates")
    .values(rows)
    .onConflict((oc) =>
      oc.columns(["target_type", "target_id"]).doUpdateSet((eb) => ({
        rating_count: eb("rating_aggregates.rating_count", "+", eb.ref("excluded.rating_count")),
        rating_sum: eb("rating_aggregates.rating_sum", "+", eb.ref("excluded.rating_sum")),
      })),
    )
    .execute();
}
