// Reading reviews and ratings (non-critical: under the reviews breaker, with a timeout): a customer's
// own reviews of an order, a menu item's reviews by cursor, a store's reviews for its staff, and rating
// summaries for the menu and the apps.

import { notFound } from "../../errors.ts";
import { accountContacts } from "../auth/account-contacts.ts";
import type { AuthUser } from "../auth/tokens.ts";
import { isCustomersOrder } from "../orders/delivered-orders.ts";
import { EMPTY_SUMMARY } from "./aggregates.ts";
import { decodeCursor, encodeCursor } from "./cursor.ts";
import { assertReviewsEnabled, guardedRead, REVIEWS_BREAKER, type ReviewsContext } from "./review-reads.ts";
import {
  EDIT_WINDOW_MS,
  REVIEW_COLUMNS,
  readAggregates,
  reviewsOfOrder,
  shortName,
  toReview,
} from "./review-views.ts";
import type {
  TListForItemRequest,
  TListForItemResponse,
  TRatingSummary,
  TReview,
  TStoreReviewsRequest,
  TStoreReviewsResponse,
  TTargetType,
} from "./reviews.schemas.ts";

/** Ratings on the menu must never slow the menu down much. */
export const MENU_RATINGS_TIMEOUT_MS = 300;

/** The caller's own reviews of one order (the edit form fills itself from these). */
export async function reviewsForOrder(
  ctx: ReviewsContext,
  caller: AuthUser,
  orderId: string,
): Promise<{ reviews: TReview[] }> {
  assertReviewsEnabled(ctx);
  if (!(await isCustomersOrder(ctx.db, caller.id, orderId))) throw notFound("We could not find that order.");
  return { reviews: await reviewsOfOrder(ctx.db, orderId, ctx.now()) };
}

/** Visible reviews of a menu item, newest or most helpful first, by cursor, with the item's summary. */
export async function listForItem(
  ctx: ReviewsContext,
  input: TListForItemRequest,
): Promise<TListForItemResponse> {
  assertReviewsEnabled(ctx);
  const sort = input.sort ?? "newest";
  const limit = input.limit ?? 20;
  const cursor = input.cursor ? decodeCursor(input.cursor, sort) : undefined;
  return guardedRead(ctx, "listForItem", async () => {
    let query = ctx.lagTolerantDb
      .selectFrom("reviews")
      .select([
        "reviews.id",
        "reviews.customer_id",
        "reviews.rating",
        "reviews.body",
        "reviews.helpful_count",
        "reviews.created_at",
        "reviews.updated_at",
      ])
      .where("reviews.target_type", "=", "item")
      .where("reviews.target_id", "=", input.itemId)
      .where("reviews.hidden_at", "is", null);
    if (sort === "helpful") {
      query = query.orderBy("reviews.helpful_count", "desc");
      if (cursor) {
        query = query.where((eb) =>
          eb(
            eb.refTuple("reviews.helpful_count", "reviews.created_at", "reviews.id"),
            "<",
            eb.tuple(cursor.h ?? 0, new Date(cursor.c), cursor.id),
          ),
        );
      }
    } else if (cursor) {
      query = query.where((eb) =>
        eb(eb.refTuple("reviews.created_at", "reviews.id"), "<", eb.tuple(new Date(cursor.c), cursor.id)),
      );
    }
    const rows = await query
      .orderBy("reviews.created_at", "desc")
      .orderBy("reviews.id", "desc")
      .limit(limit + 1)
      .execute();
    const { page, last, authorOf } = await pageWithAuthors(ctx, rows, limit);
    const nextCursor =
      rows.length > limit && last
        ? encodeCursor({
            c: last.created_at.toISOString(),
            id: last.id,
            ...(sort === "helpful" ? { h: last.helpful_count } : {}),
          })
        : null;
    const summary =
      (await readAggregates(ctx.lagTolerantDb, "item", [input.itemId]))[input.itemId] ?? EMPTY_SUMMARY;
    return {
      reviews: page.map((r) => ({
        id: r.id,
        rating: r.rating,
        text: r.body,
        author: authorOf(r),
        helpfulCount: r.helpful_count,
        createdAt: r.created_at,
        edited: r.updated_at.getTime() > r.created_at.getTime(),
      })),
      nextCursor,
      summary,
    };
  });
}

/**
 * Ratings of menu items for the menu: `undefined` when reviews are off, failing or slow (the menu
 * is then shown without ratings). Never throws for a failing store, never takes more than ~300 ms.
 */
export async function ratingSummaries(
  ctx: ReviewsContext,
  itemIds: readonly string[],
): Promise<Record<string, TRatingSummary> | undefined> {
  if (!ctx.features.isEnabled("reviews")) return undefined;
  if (itemIds.length === 0) return {};
  const outcome = await ctx.resilience.run(
    REVIEWS_BREAKER,
    () => ctx.reads.run("ratingSummaries", () => readAggregates(ctx.lagTolerantDb, "item", itemIds)),
    { timeoutMs: Math.min(MENU_RATINGS_TIMEOUT_MS, ctx.resilience.settings.timeoutMs) },
  );
  return outcome.ok ? outcome.value : undefined;
}

/** Ratings of any targets (items, drivers, a store's service/overall), for other modules and the apps. */
export async function ratingsFor(
  ctx: ReviewsContext,
  targetType: TTargetType,
  ids: readonly string[],
): Promise<Record<string, TRatingSummary>> {
  assertReviewsEnabled(ctx);
  return guardedRead(ctx, "ratingsFor", () => readAggregates(ctx.db, targetType, ids));
}

/** A store's reviews for its staff (hidden ones included, with the reason), newest first. */
export async function storeReviews(
  ctx: ReviewsContext,
  storeId: string,
  input: TStoreReviewsRequest,
): Promise<TStoreReviewsResponse> {
  const limit = input.limit ?? 50;
  const cursor = input.cursor ? decodeCursor(input.cursor, "newest") : undefined;
  return guardedRead(ctx, "storeReviews", async () => {
    let query = ctx.db
      .selectFrom("reviews")
      .select([...REVIEW_COLUMNS, "reviews.customer_id"])
      .where("reviews.store_id", "=", storeId);
    if (input.includeHidden === false) query = query.where("reviews.hidden_at", "is", null);
    if (cursor) {
      query = query.where((eb) =>
        eb(eb.refTuple("reviews.created_at", "reviews.id"), "<", eb.tuple(new Date(cursor.c), cursor.id)),
      );
    }
    const rows = await query
      .orderBy("reviews.created_at", "desc")
      .orderBy("reviews.id", "desc")
      .limit(limit + 1)
      .execute();
    const { page, last, authorOf } = await pageWithAuthors(ctx, rows, limit);
    const [ratings, overall] = await Promise.all([
      readAggregates(ctx.db, "service", [storeId]),
      readAggregates(ctx.db, "overall", [storeId]),
    ]);
    return {
      reviews: page.map((r) => ({
        ...toReview(r),
        editableUntil: new Date(r.created_at.getTime() + EDIT_WINDOW_MS),
        author: authorOf(r),
        hiddenReason: r.hidden_reason,
      })),
      nextCursor:
        rows.length > limit && last ? encodeCursor({ c: last.created_at.toISOString(), id: last.id }) : null,
      ratings: { service: ratings[storeId] ?? EMPTY_SUMMARY, overall: overall[storeId] ?? EMPTY_SUMMARY },
    };
  });
}

/**
 * The page of `limit` rows (one more was read to know whether another page follows), with each author's
 * short name from auth's account contacts, read once for the whole page.
 */
async function pageWithAuthors<R extends { customer_id: string }>(
  ctx: ReviewsContext,
  rows: R[],
  limit: number,
) {
  const page = rows.slice(0, limit);
  const names = await accountContacts(
    ctx.db,
    page.map((r) => r.customer_id),
  );
  return { page, last: page.at(-1), authorOf: (r: R) => shortName(names.get(r.customer_id)?.name ?? "") };
}
