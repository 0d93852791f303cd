import { type Database, type Kysely, sql } from "@pizza/db";
import type { Logger } from "pino";
import { badRequest, forbidden, notFound, preconditionFailed } from "../../errors.ts";
import type { Features } from "../../infra/features.ts";
import { writeOutbox } from "../../infra/outbox.ts";
import type { Resilience } from "../../infra/resilience.ts";
import type { AuthUser } from "../auth/tokens.ts";
import { applyDeltas, type Delta, EMPTY_SUMMARY, summarize } from "./aggregates.ts";
import { decodeCursor, encodeCursor } from "./cursor.ts";
import type {
  TListForItemRequest,
  TListForItemResponse,
  TMarkHelpfulRequest,
  TRatingSummary,
  TReview,
  TStoreReviewsRequest,
  TStoreReviewsResponse,
  TSubmitReviewRequest,
  TTargetType,
} from "./reviews.schemas.ts";
import { sanitizeReviewText } from "./sanitize.ts";

/** A customer may add to or change the reviews of an order for this long after the first one. */
export const EDIT_WINDOW_MS = 48 * 3600 * 1000;
/** The breaker every reviews and ratings read goes through. */
export const REVIEWS_BREAKER = "reviews";
/** Ratings on the menu must never slow the menu down much. */
export const MENU_RATINGS_TIMEOUT_MS = 300;

export const REVIEWS_UNAVAILABLE = "Reviews are temporarily unavailable. Please try again in a moment.";
export const REVIEWS_DISABLED = "Reviews are turned off right now.";

/** A test seam: runs before every guarded read (throw or hang here to simulate a failing store). */
export type ReadFault = (operation: string) => Promise<void> | void;

interface Target {
  type: TTargetType;
  id: string;
  rating: number;
  body: string | null;
}

const REVIEW_COLUMNS = [
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

export interface ReviewsDeps {
  db: Kysely<Database>;
  resilience: Resilience;
  features: Features;
  log: Logger;
  now?: () => Date;
}

export class ReviewsService {
  private fault: ReadFault | undefined;
  private readonly db: Kysely<Database>;
  private readonly now: () => Date;

  constructor(private readonly deps: ReviewsDeps) {
    this.db = deps.db;
    this.now = deps.now ?? (() => new Date());
  }

  /** Tests inject a failing or hanging read; `undefined` removes the fault. */
  injectReadFault(fault: ReadFault | undefined): void {
    this.fault = fault;
  }

  // ── submitting ────────────────────────────────────────────────────────────────────────────

  async submitReview(caller: AuthUser, input: TSubmitReviewRequest): Promise<{ reviews: TReview[] }> {
    this.assertEnabled();
    const now = this.now();
    return this.db.transaction().execute(async (trx) => {
      // Locking the order serializes two submits of the same order (double tap, two devices).
      const order = await trx
        .selectFrom("orders")
        .select(["id", "region_code", "store_id", "customer_id", "channel", "status"])
        .where("id", "=", input.orderId)
        .forUpdate()
        .executeTakeFirst();
      if (!order || order.customer_id !== caller.id) throw notFound("We could not find that order.");
      if (order.status !== "delivered" && order.status !== "picked_up") {
        throw preconditionFailed("You can review an order once it has been delivered or picked up.", {
          status: order.status,
        });
      }

      const targets: Target[] = [];
      if (input.items && input.items.length > 0) {
        const ordered = await trx
          .selectFrom("order_items")
          .select("item_id")
          .where("order_id", "=", order.id)
          .where("region_code", "=", order.region_code)
          .execute();
        const itemIds = new Set(ordered.map((r) => r.item_id));
        for (const item of input.items) {
          if (!itemIds.has(item.itemId)) {
            throw badRequest(`"${item.itemId}" was not part of this order.`, {
              field: "items",
              itemId: item.itemId,
            });
          }
          targets.push({
            type: "item",
            id: item.itemId,
            rating: item.rating,
            body: sanitizeReviewText(item.text),
          });
        }
      }
      if (input.driver) {
        if (order.channel !== "delivery") {
          throw badRequest("This order was picked up, so there is no delivery to rate.", { field: "driver" });
        }
        const delivery = await trx
          .selectFrom("deliveries")
          .select("driver_id")
          .where("order_id", "=", order.id)
          .where("region_code", "=", order.region_code)
          .where("driver_id", "is not", null)
          .orderBy(sql`status = 'delivered'`, "desc")
          .orderBy("created_at", "desc")
          .executeTakeFirst();
        if (!delivery?.driver_id) {
          throw badRequest("No driver is recorded for this order, so there is no driver to rate.", {
            field: "driver",
          });
        }
        targets.push({
          type: "driver",
          id: delivery.driver_id,
          rating: input.driver.rating,
          body: sanitizeReviewText(input.driver.text),
        });
      }
      if (input.service) {
        const { rating, text } = input.service;
        targets.push({ type: "service", id: order.store_id, rating, body: sanitizeReviewText(text) });
      }
      if (input.overall) {
        const { rating, text } = input.overall;
        targets.push({ type: "overall", id: order.store_id, rating, body: sanitizeReviewText(text) });
      }

      const existing = await trx
        .selectFrom("reviews")
        .select(["id", "target_type", "target_id", "rating", "hidden_at", "created_at"])
        .where("order_id", "=", order.id)
        .execute();
      const firstAt = firstSubmission(existing);
      if (firstAt && now.getTime() - firstAt.getTime() > EDIT_WINDOW_MS) {
        const editableUntil = new Date(firstAt.getTime() + EDIT_WINDOW_MS);
        throw preconditionFailed(
          `Reviews of an order can be added or changed for 48 hours after the first one; that time ended on ${editableUntil.toISOString()}.`,
          { editableUntil: editableUntil.toISOString() },
        );
      }

      const byKey = new Map(existing.map((r) => [`${r.target_type}:${r.target_id}`, r]));
      const deltas: Delta[] = [];
      const written: { id: string; targetType: string; targetId: string; rating: number; edited: boolean }[] =
        [];
      for (const t of targets) {
        const previous = byKey.get(`${t.type}:${t.id}`);
        if (previous) {
          await trx
            .updateTable("reviews")
            .set({ rating: t.rating, body: t.body, updated_at: now })
            .where("id", "=", previous.id)
            .execute();
          // A hidden review stays hidden when edited, and stays out of the aggregates.
          if (!previous.hidden_at)
            deltas.push({ type: t.type, id: t.id, count: 0, sum: t.rating - previous.rating });
          written.push({
            id: previous.id,
            targetType: t.type,
            targetId: t.id,
            rating: t.rating,
            edited: true,
          });
        } else {
          const row = await trx
            .insertInto("reviews")
            .values({
              order_id: order.id,
              region_code: order.region_code,
              store_id: order.store_id,
              customer_id: caller.id,
              target_type: t.type,
              target_id: t.id,
              rating: t.rating,
              body: t.body,
              // Millisecond precision (JS Date), so keyset cursors round-trip exactly.
              created_at: now,
              updated_at: now,
            })
            .returning("id")
            .executeTakeFirstOrThrow();
          deltas.push({ type: t.type, id: t.id, count: 1, sum: t.rating });
          written.push({ id: row.id, targetType: t.type, targetId: t.id, rating: t.rating, edited: false });
        }
      }
      await applyDeltas(trx, deltas);
      await writeOutbox(trx, {
        topic: "review.submitted",
        aggregateId: order.id,
        payload: {
          orderId: order.id,
          regionCode: order.region_code,
          storeId: order.store_id,
          customerId: caller.id,
          reviews: written,
        },
      });
      return { reviews: await this.reviewsOfOrder(trx, order.id) };
    });
  }

  /** The caller's own reviews of one order (the edit form fills itself from these). */
  async forOrder(caller: AuthUser, orderId: string): Promise<{ reviews: TReview[] }> {
    this.assertEnabled();
    const order = await this.db
      .selectFrom("orders")
      .select(["id", "customer_id"])
      .where("id", "=", orderId)
      .executeTakeFirst();
    if (!order || order.customer_id !== caller.id) throw notFound("We could not find that order.");
    return { reviews: await this.reviewsOfOrder(this.db, order.id) };
  }

  private async reviewsOfOrder(db: Kysely<Database>, orderId: string): Promise<TReview[]> {
    const rows = await db
      .selectFrom("reviews")
      .select(REVIEW_COLUMNS)
      .where("order_id", "=", orderId)
      .orderBy("target_type")
      .orderBy("target_id")
      .execute();
    const firstAt = firstSubmission(rows) ?? this.now();
    const editableUntil = new Date(firstAt.getTime() + EDIT_WINDOW_MS);
    return rows.map((r) => ({ ...toReview(r), editableUntil }));
  }

  // ── reading (non-critical: breaker + timeout) ─────────────────────────────────────────────

  async listForItem(input: TListForItemRequest): Promise<TListForItemResponse> {
    this.assertEnabled();
    const sort = input.sort ?? "newest";
    const limit = input.limit ?? 20;
    const cursor = input.cursor ? decodeCursor(input.cursor, sort) : undefined;
    return this.guarded("listForItem", async () => {
      let query = this.db
        .selectFrom("reviews")
        .innerJoin("users", "users.id", "reviews.customer_id")
        .select([
          "reviews.id",
          "reviews.rating",
          "reviews.body",
          "reviews.helpful_count",
          "reviews.created_at",
          "reviews.updated_at",
          "users.name",
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
      const page = rows.slice(0, limit);
      const last = page.at(-1);
      const nextCursor =
        rows.length > limit && last
          ? encodeCursor({
              c: last.created_at.toISOString(),
              id: last.id,
              ...(sort === "helpful" ? { h: last.helpful_count } : {}),
            })
          : null;
      const summary =
        (await this.readAggregates(this.db, "item", [input.itemId]))[input.itemId] ?? EMPTY_SUMMARY;
      return {
        reviews: page.map((r) => ({
          id: r.id,
          rating: r.rating,
          text: r.body,
          author: shortName(r.name),
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
  async ratingSummaries(itemIds: readonly string[]): Promise<Record<string, TRatingSummary> | undefined> {
    if (!this.deps.features.isEnabled("reviews")) return undefined;
    if (itemIds.length === 0) return {};
    const outcome = await this.deps.resilience.run(
      REVIEWS_BREAKER,
      async () => {
        await this.fault?.("ratingSummaries");
        return this.readAggregates(this.db, "item", itemIds);
      },
      { timeoutMs: Math.min(MENU_RATINGS_TIMEOUT_MS, this.deps.resilience.settings.timeoutMs) },
    );
    return outcome.ok ? outcome.value : undefined;
  }

  /** Ratings of any targets (items, drivers, a store's service/overall), for other modules and the apps. */
  async ratingsFor(targetType: TTargetType, ids: readonly string[]): Promise<Record<string, TRatingSummary>> {
    this.assertEnabled();
    return this.guarded("ratingsFor", () => this.readAggregates(this.db, targetType, ids));
  }

  /** A store's reviews for its staff (hidden ones included, with the reason), newest first. */
  async storeReviews(caller: AuthUser, input: TStoreReviewsRequest): Promise<TStoreReviewsResponse> {
    const storeId = caller.role === "admin" ? input.storeId : caller.storeId;
    if (!storeId) throw badRequest("Choose a store.", { field: "storeId" });
    if (caller.role !== "admin" && input.storeId && input.storeId !== caller.storeId) {
      throw forbidden("You can only see the reviews of your own store.");
    }
    const limit = input.limit ?? 50;
    const cursor = input.cursor ? decodeCursor(input.cursor, "newest") : undefined;
    return this.guarded("storeReviews", async () => {
      let query = this.db
        .selectFrom("reviews")
        .innerJoin("users", "users.id", "reviews.customer_id")
        .select([...REVIEW_COLUMNS, "users.name"])
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
      const page = rows.slice(0, limit);
      const last = page.at(-1);
      const ratings = await this.readAggregates(this.db, "service", [storeId]);
      const overall = await this.readAggregates(this.db, "overall", [storeId]);
      return {
        reviews: page.map((r) => ({
          ...toReview(r),
          editableUntil: new Date(r.created_at.getTime() + EDIT_WINDOW_MS),
          author: shortName(r.name),
          hiddenReason: r.hidden_reason,
        })),
        nextCursor:
          rows.length > limit && last
            ? encodeCursor({ c: last.created_at.toISOString(), id: last.id })
            : null,
        ratings: { service: ratings[storeId] ?? EMPTY_SUMMARY, overall: overall[storeId] ?? EMPTY_SUMMARY },
      };
    });
  }

  private async readAggregates(
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

  /** Runs a read under the reviews breaker; a failed, slow or short-circuited read says so clearly. */
  private async guarded<T>(operation: string, read: () => Promise<T>): Promise<T> {
    const outcome = await this.deps.resilience.run(REVIEWS_BREAKER, async () => {
      await this.fault?.(operation);
      return read();
    });
    if (!outcome.ok)
      throw preconditionFailed(REVIEWS_UNAVAILABLE, { retryable: true, reason: outcome.reason });
    return outcome.value;
  }

  // ── helpful votes ─────────────────────────────────────────────────────────────────────────

  async markHelpful(
    caller: AuthUser,
    input: TMarkHelpfulRequest,
  ): Promise<{ helpfulCount: number; helpful: boolean }> {
    this.assertEnabled();
    const helpful = input.helpful ?? true;
    return this.db.transaction().execute(async (trx) => {
      const review = await trx
        .selectFrom("reviews")
        .select(["id", "customer_id", "hidden_at", "helpful_count"])
        .where("id", "=", input.reviewId)
        .executeTakeFirst();
      if (!review || review.hidden_at) throw notFound("We could not find that review.");
      if (review.customer_id === caller.id) throw badRequest("You cannot vote on your own review.");
      const changed = helpful
        ? await trx
            .insertInto("review_helpful_votes")
            .values({ review_id: review.id, user_id: caller.id })
            .onConflict((oc) => oc.columns(["review_id", "user_id"]).doNothing())
            .returning("review_id")
            .executeTakeFirst()
        : await trx
            .deleteFrom("review_helpful_votes")
            .where("review_id", "=", review.id)
            .where("user_id", "=", caller.id)
            .returning("review_id")
            .executeTakeFirst();
      if (!changed) return { helpfulCount: review.helpful_count, helpful };
      const updated = await trx
        .updateTable("reviews")
        .set((eb) => ({ helpful_count: eb("helpful_count", helpful ? "+" : "-", 1) }))
        .where("id", "=", review.id)
        .returning("helpful_count")
        .executeTakeFirstOrThrow();
      return { helpfulCount: updated.helpful_count, helpful };
    });
  }

  // ── moderation ────────────────────────────────────────────────────────────────────────────

  /** Staff of the review's store or an admin hide a review; it leaves the aggregates at once. */
  async hide(caller: AuthUser, reviewId: string, reason: string) {
    return this.moderate(caller, reviewId, true, reason);
  }

  /** Undoes `hide`: the review is listed again and counts again. */
  async unhide(caller: AuthUser, reviewId: string, reason: string | null | undefined) {
    return this.moderate(caller, reviewId, false, reason ?? null);
  }

  private async moderate(caller: AuthUser, reviewId: string, hide: boolean, reason: string | null) {
    return this.db.transaction().execute(async (trx) => {
      const review = await trx
        .selectFrom("reviews")
        .select(["id", "store_id", "target_type", "target_id", "rating", "hidden_at", "hidden_reason"])
        .where("id", "=", reviewId)
        .forUpdate()
        .executeTakeFirst();
      if (!review) throw notFound("We could not find that review.");
      if (caller.role !== "admin" && (caller.role !== "staff" || caller.storeId !== review.store_id)) {
        // A hidden review is visible only to its store: elsewhere it answers like a missing one (issue 14).
        if (review.hidden_at !== null) throw notFound("We could not find that review.");
        throw forbidden("You can only moderate the reviews of your own store.");
      }
      const isHidden = review.hidden_at !== null;
      if (isHidden === hide) {
        return {
          id: review.id,
          hidden: isHidden,
          hiddenReason: review.hidden_reason,
          hiddenAt: review.hidden_at,
        };
      }
      const now = this.now();
      const row = await trx
        .updateTable("reviews")
        .set(
          hide
            ? { hidden_at: now, hidden_reason: reason, hidden_by: caller.id }
            : { hidden_at: null, hidden_reason: null, hidden_by: null },
        )
        .where("id", "=", review.id)
        .returning(["id", "hidden_at", "hidden_reason"])
        .executeTakeFirstOrThrow();
      await applyDeltas(trx, [
        {
          type: review.target_type,
          id: review.target_id,
          count: hide ? -1 : 1,
          sum: hide ? -review.rating : review.rating,
        },
      ]);
      this.deps.log.info(
        { reviewId: review.id, by: caller.id, action: hide ? "hide" : "unhide", reason },
        "review moderated",
      );
      return {
        id: row.id,
        hidden: row.hidden_at !== null,
        hiddenReason: row.hidden_reason,
        hiddenAt: row.hidden_at,
      };
    });
  }

  /** Whether the apps should show reviews at all ("off"), and whether they work right now ("degraded"). */
  availability(): { enabled: boolean; state: "ok" | "degraded" | "off" } {
    if (!this.deps.features.isEnabled("reviews")) return { enabled: false, state: "off" };
    const breaker = this.deps.resilience.states()[REVIEWS_BREAKER];
    return { enabled: true, state: breaker === "open" || breaker === "isolated" ? "degraded" : "ok" };
  }

  private assertEnabled(): void {
    if (!this.deps.features.isEnabled("reviews")) throw preconditionFailed(REVIEWS_DISABLED);
  }
}

function firstSubmission(rows: readonly { created_at: Date }[]): Date | undefined {
  let first: Date | undefined;
  for (const r of rows) if (!first || r.created_at < first) first = r.created_at;
  return first;
}

function toReview(r: {
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
