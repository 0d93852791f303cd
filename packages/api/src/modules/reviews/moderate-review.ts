// Staff of the review's store (or an admin) hide a review with a reason, or show it again: it leaves
// (or rejoins) the listings and the rating aggregates in the same transaction. Another store's review
// answers like a missing one.
import { notFound } from "../../errors.ts";
import { actsForStore } from "../auth/store-access.ts";
import type { AuthUser } from "../auth/tokens.ts";
import { applyDeltas } from "./aggregates.ts";
import type { ReviewsContext } from "./review-reads.ts";

export interface ModeratedReview {
  id: string;
  hidden: boolean;
  hiddenReason: string | null;
  hiddenAt: Date | null;
}

export async function moderateReview(
  ctx: ReviewsContext,
  caller: AuthUser,
  reviewId: string,
  hide: boolean,
  reason: string | null,
): Promise<ModeratedReview> {
  return ctx.db.transaction().execute(async (trx) => {
    const review = await trx
      .selectFrom("reviews")
      .select(["id", "store_id", "target_type", "target_id", "rating", "hidden_at", "hidden_reason"])
      .where("id", "=", reviewId)
      .forUpdate()
      .executeTakeFirst();
    if (!review || !actsForStore(caller, review.store_id)) throw notFound("We could not find that review.");
    const isHidden = review.hidden_at !== null;
    if (isHidden === hide) {
      return {
        id: review.id,
        hidden: isHidden,
        hiddenReason: review.hidden_reason,
        hiddenAt: review.hidden_at,
      };
    }
    const row = await trx
      .updateTable("reviews")
      .set(
        hide
          ? { hidden_at: ctx.now(), hidden_reason: reason, hidden_by: caller.id }
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
    ctx.log.info(
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
