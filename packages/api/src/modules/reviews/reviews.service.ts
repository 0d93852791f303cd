// The reviews module's service: wires its use cases (one file each) to the database, the breaker, the
// feature switch and the `ReviewReads` port. See README.md for the degradation rules.
import type { AuthUser } from "../auth/tokens.ts";
import { markHelpful } from "./helpful-votes.ts";
import { listForItem, ratingSummaries, ratingsFor, reviewsForOrder, storeReviews } from "./list-reviews.ts";
import { moderateReview } from "./moderate-review.ts";
import { REVIEWS_BREAKER, type ReviewsContext, type ReviewsDeps, reviewsContext } from "./review-reads.ts";
import type {
  TListForItemRequest,
  TMarkHelpfulRequest,
  TStoreReviewsRequest,
  TSubmitReviewRequest,
  TTargetType,
} from "./reviews.schemas.ts";
import { submitReview } from "./submit-review.ts";

export class ReviewsService {
  private readonly ctx: ReviewsContext;

  constructor(deps: ReviewsDeps) {
    this.ctx = reviewsContext(deps);
  }

  submitReview(caller: AuthUser, input: TSubmitReviewRequest) {
    return submitReview(this.ctx, caller, input);
  }

  forOrder(caller: AuthUser, orderId: string) {
    return reviewsForOrder(this.ctx, caller, orderId);
  }

  listForItem(input: TListForItemRequest) {
    return listForItem(this.ctx, input);
  }

  ratingSummaries(itemIds: readonly string[]) {
    return ratingSummaries(this.ctx, itemIds);
  }

  ratingsFor(targetType: TTargetType, ids: readonly string[]) {
    return ratingsFor(this.ctx, targetType, ids);
  }

  /** A store's reviews for its staff; `storeId` is one the caller acts for (`storeStaffProcedure`). */
  storeReviews(storeId: string, input: TStoreReviewsRequest) {
    return storeReviews(this.ctx, storeId, input);
  }

  markHelpful(caller: AuthUser, input: TMarkHelpfulRequest) {
    return markHelpful(this.ctx, caller, input);
  }

  /** Staff of the review's store or an admin hide a review; it leaves the aggregates at once. */
  hide(caller: AuthUser, reviewId: string, reason: string) {
    return moderateReview(this.ctx, caller, reviewId, true, reason);
  }

  /** Undoes `hide`: the review is listed again and counts again. */
  unhide(caller: AuthUser, reviewId: string, reason: string | null | undefined) {
    return moderateReview(this.ctx, caller, reviewId, false, reason ?? null);
  }

  /** Whether the apps should show reviews at all ("off"), and whether they work right now ("degraded"). */
  availability(): { enabled: boolean; state: "ok" | "degraded" | "off" } {
    if (!this.ctx.features.isEnabled("reviews")) return { enabled: false, state: "off" };
    const breaker = this.ctx.resilience.states()[REVIEWS_BREAKER];
    return { enabled: true, state: breaker === "open" || breaker === "isolated" ? "degraded" : "ok" };
  }
}
