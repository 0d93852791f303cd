// A customer rates the items, the driver, the service and the overall experience of their delivered
// (or picked-up) order; adding to or changing those reviews is allowed for 48 hours after the first.
// Reviews, rating aggregates and the outbox `review.submitted` commit in one transaction.
import type { Database, Transaction } from "@pizza/db";
import { badRequest, notFound, preconditionFailed } from "../../errors.ts";
import { writeOutbox } from "../../infra/outbox.ts";
import type { AuthUser } from "../auth/tokens.ts";
import { driverOfOrder } from "../delivery/delivery-for-reviews.ts";
import { customerOrderForReview, type OrderForReview } from "../orders/delivered-orders.ts";
import { applyDeltas, type Delta } from "./aggregates.ts";
import { assertReviewsEnabled, type ReviewsContext } from "./review-reads.ts";
import { EDIT_WINDOW_MS, firstSubmission, reviewsOfOrder } from "./review-views.ts";
import type { TReview, TSubmitReviewRequest, TTargetType } from "./reviews.schemas.ts";
import { sanitizeReviewText } from "./sanitize.ts";

interface Target {
  type: TTargetType;
  id: string;
  rating: number;
  body: string | null;
}

interface Written {
  id: string;
  targetType: string;
  targetId: string;
  rating: number;
  edited: boolean;
}

export async function submitReview(
  ctx: ReviewsContext,
  caller: AuthUser,
  input: TSubmitReviewRequest,
): Promise<{ reviews: TReview[] }> {
  assertReviewsEnabled(ctx);
  const now = ctx.now();
  return ctx.db.transaction().execute(async (trx) => {
    // Locking the order serializes two submits of the same order (double tap, two devices).
    const order = await customerOrderForReview(trx, caller.id, input.orderId, { lock: true });
    if (!order) throw notFound("We could not find that order.");
    if (order.status !== "delivered" && order.status !== "picked_up") {
      throw preconditionFailed("You can review an order once it has been delivered or picked up.", {
        status: order.status,
      });
    }
    const targets = await reviewTargets(trx, order, input);
    const written = await writeReviews(trx, order, caller, targets, now);
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
    return { reviews: await reviewsOfOrder(trx, order.id, ctx.now()) };
  });
}

/** What the customer rates, each checked against the order (its items, its driver, its store). */
async function reviewTargets(
  trx: Transaction<Database>,
  order: OrderForReview,
  input: TSubmitReviewRequest,
): Promise<Target[]> {
  const targets: Target[] = [];
  const itemIds = new Set(order.itemIds);
  for (const item of input.items ?? []) {
    if (!itemIds.has(item.itemId)) {
      throw badRequest(`"${item.itemId}" was not part of this order.`, {
        field: "items",
        itemId: item.itemId,
      });
    }
    targets.push({ type: "item", id: item.itemId, rating: item.rating, body: sanitizeReviewText(item.text) });
  }
  if (input.driver) {
    if (order.channel !== "delivery") {
      throw badRequest("This order was picked up, so there is no delivery to rate.", { field: "driver" });
    }
    const driverId = await driverOfOrder(trx, order.id, order.region_code);
    if (!driverId) {
      throw badRequest("No driver is recorded for this order, so there is no driver to rate.", {
        field: "driver",
      });
    }
    targets.push({
      type: "driver",
      id: driverId,
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
  return targets;
}

/** Inserts new reviews and edits earlier ones of the same target, then moves the rating aggregates. */
async function writeReviews(
  trx: Transaction<Database>,
  order: OrderForReview,
  caller: AuthUser,
  targets: Target[],
  now: Date,
): Promise<Written[]> {
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
  const written: Written[] = [];
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
      written.push({ id: previous.id, targetType: t.type, targetId: t.id, rating: t.rating, edited: true });
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
  return written;
}
