// How reviews and ratings are read and shown: the review columns, the API shape of a review, a
// customer's short name, an order's reviews with their edit window, and rating summaries per target.
import type { Database, Kysely } from "@pizza/db";
import { EMPTY_SUMMARY, summarize } from "./aggregates.ts";
import type { TRatingSummary, TReview, TTargetType } from "./reviews.schemas.ts";

/** A customer may add to or change the reviews of an order for this long after the first one. */
export const EDIT_WINDOW_MS = 48 * 3600 * 1000;

export const REVIEW_COLUMNS = [
  "reviews.id",
  "reviews.order_id",
  "reviews.target_type",
  "reviews.target_id",
  "reviews.rating",
  "reviews.body",
  "reviews.helpful_count",
  "reviews.hidden_at",
  "reviews.hidden_reason",
  "reviews.created_at",
  "reviews.updated_at",
] as const;

export function firstSubmission(rows: readonly { created_at: Date }[]): Date | undefined {
  let first: Date | undefined;
  for (const r of rows) if (!first || r.created_at < first) first = r.created_at;
  return first;
}

export function toReview(r: {
  id: string;
  order_id: string;
  target_type: TTargetType;
  target_id: string;
  rating: number;
  body: string | null;
  helpful_count: number;
  hidden_at: Date | null;
  created_at: Date;
  updated_at: Date;
}): Omit<TReview, "editableUntil"> {
  return {
    id: r.id,
    orderId: r.order_id,
    targetType: r.target_type,
    targetId: r.target_id,
    rating: r.rating,
    text: r.body,
    helpfulCount: r.helpful_count,
    hidden: r.hidden_at !== null,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/** "Maria Rossi" → "Maria R."; other customers never see a full name. */
export function shortName(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  if (parts.length === 0) return "A customer";
  const first = parts[0]!;
  const last = parts.length > 1 ? parts.at(-1)! : undefined;
  return last ? `${first} ${[...last][0]!.toUpperCase()}.` : first;
}

/** An order's reviews, each with the end of the order's edit window. */
export async function reviewsOfOrder(db: Kysely<Database>, orderId: string, now: Date): Promise<TReview[]> {
  const rows = await db
    .selectFrom("reviews")
    .select(REVIEW_COLUMNS)
    .where("order_id", "=", orderId)
    .orderBy("target_type")
    .orderBy("target_id")
    .execute();
  const firstAt = firstSubmission(rows) ?? now;
  const editableUntil = new Date(firstAt.getTime() + EDIT_WINDOW_MS);
  return rows.map((r) => ({ ...toReview(r), editableUntil }));
}

/** Rating summaries of targets of one type, an empty summary for a target nobody rated. */
export async function readAggregates(
  db: Kysely<Database>,
  targetType: TTargetType,
  ids: readonly string[],
): Promise<Record<string, TRatingSummary>> {
  const unique = [...new Set(ids)];
  const rows =
    unique.length === 0
      ? []
      : await db
          .selectFrom("rating_aggregates")
          .select(["target_id", "rating_count", "rating_sum"])
          .where("target_type", "=", targetType)
          .where("target_id", "in", unique)
          .execute();
  const out: Record<string, TRatingSummary> = {};
  for (const id of unique) out[id] = EMPTY_SUMMARY;
  for (const r of rows) out[r.target_id] = summarize(r.rating_count, r.rating_sum);
  return out;
}
