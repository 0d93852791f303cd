// "Was this review helpful?": one vote per person and review (not on one's own, not on a hidden one);
// the review's helpful_count moves with the vote in the same transaction.
import { badRequest, notFound } from "../../errors.ts";
import type { AuthUser } from "../auth/tokens.ts";
import { assertReviewsEnabled, type ReviewsContext } from "./review-reads.ts";
import type { TMarkHelpfulRequest } from "./reviews.schemas.ts";

export async function markHelpful(
  ctx: ReviewsContext,
  caller: AuthUser,
  input: TMarkHelpfulRequest,
): Promise<{ helpfulCount: number; helpful: boolean }> {
  assertReviewsEnabled(ctx);
  const helpful = input.helpful ?? true;
  return ctx.db.transaction().execute(async (trx) => {
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
