import type { TRPCRouterRecord } from "@trpc/server";
import { forbidden } from "../../errors.ts";
import {
  customerProcedure,
  protectedProcedure,
  publicProcedure,
  staffProcedure,
  storeStaffProcedure,
} from "../../trpc.ts";
import {
  ZAvailability,
  ZAvailabilityRequest,
  ZHideRequest,
  ZListForItemRequest,
  ZListForItemResponse,
  ZMarkHelpfulRequest,
  ZMarkHelpfulResponse,
  ZModeratedReview,
  ZMyReviewsRequest,
  ZRatingsForRequest,
  ZRatingsForResponse,
  ZStoreReviewsRequest,
  ZStoreReviewsResponse,
  ZSubmitReviewRequest,
  ZSubmitReviewResponse,
  ZUnhideRequest,
} from "./reviews.schemas.ts";

export const reviewRouter = {
  /** Lets the apps hide the reviews UI when reviews are off, or say "temporarily unavailable" up front. */
  availability: publicProcedure
    .input(ZAvailabilityRequest)
    .output(ZAvailability)
    .query(({ ctx }) => ctx.services.reviews.availability()),

  /** Rate the items, the driver, the service and the overall experience of a delivered order. */
  submitReview: customerProcedure
    .input(ZSubmitReviewRequest)
    .output(ZSubmitReviewResponse)
    .mutation(({ ctx, input }) => ctx.services.reviews.submitReview(ctx.user, input)),

  /** The caller's own reviews of one order (to fill the edit form). */
  forOrder: customerProcedure
    .input(ZMyReviewsRequest)
    .output(ZSubmitReviewResponse)
    .query(({ ctx, input }) => ctx.services.reviews.forOrder(ctx.user, input.orderId)),

  /** Visible reviews of a menu item, newest or most helpful first, by cursor. */
  listForItem: publicProcedure
    .input(ZListForItemRequest)
    .output(ZListForItemResponse)
    .query(({ ctx, input }) => ctx.services.reviews.listForItem(input)),

  markHelpful: protectedProcedure
    .input(ZMarkHelpfulRequest)
    .output(ZMarkHelpfulResponse)
    .mutation(({ ctx, input }) => ctx.services.reviews.markHelpful(ctx.user, input)),

  hide: staffProcedure
    .input(ZHideRequest)
    .output(ZModeratedReview)
    .mutation(({ ctx, input }) => ctx.services.reviews.hide(ctx.user, input.reviewId, input.reason)),

  unhide: staffProcedure
    .input(ZUnhideRequest)
    .output(ZModeratedReview)
    .mutation(({ ctx, input }) => ctx.services.reviews.unhide(ctx.user, input.reviewId, input.reason)),

  /** Average and count per target. Drivers' ratings are for store staff and admins only. */
  ratingsFor: publicProcedure
    .input(ZRatingsForRequest)
    .output(ZRatingsForResponse)
    .query(async ({ ctx, input }) => {
      if (input.targetType === "driver" && ctx.user?.role !== "staff" && ctx.user?.role !== "admin") {
        throw forbidden("Drivers' ratings are visible to store staff only.");
      }
      return { ratings: await ctx.services.reviews.ratingsFor(input.targetType, input.ids) };
    }),

  /** The store console's moderation list: the store's reviews, hidden ones included, and its ratings. */
  storeReviews: storeStaffProcedure
    .input(ZStoreReviewsRequest)
    .output(ZStoreReviewsResponse)
    .query(({ ctx, input }) => ctx.services.reviews.storeReviews(ctx.storeId, input)),
} satisfies TRPCRouterRecord;
