import { z } from "zod";

/** Longest review text, counted after markup is stripped (the raw input may not exceed it either). */
export const MAX_REVIEW_TEXT = 1000;

const ZRating = z
  .number({ error: "Rating must be a whole number from 1 to 5." })
  .int("Rating must be a whole number from 1 to 5.")
  .min(1, "Rating must be a whole number from 1 to 5.")
  .max(5, "Rating must be a whole number from 1 to 5.");

const ZText = z
  .string()
  .max(MAX_REVIEW_TEXT, `Review text is too long (${MAX_REVIEW_TEXT} characters at most).`)
  .nullish();

const ZTargetRating = z.object({ rating: ZRating, text: ZText });

export const ZSubmitReviewRequest = z
  .object({
    orderId: z.uuid("Order id is not valid."),
    items: z
      .array(ZTargetRating.extend({ itemId: z.string().trim().min(1, "Item id is required.").max(100) }))
      .max(50, "Too many items.")
      .refine((items) => new Set(items.map((i) => i.itemId)).size === items.length, {
        message: "Rate each item once.",
      })
      .optional(),
    driver: ZTargetRating.optional(),
    service: ZTargetRating.optional(),
    overall: ZTargetRating.optional(),
  })
  .refine((r) => (r.items?.length ?? 0) > 0 || r.driver || r.service || r.overall, {
    message: "Rate at least one thing: an item, the delivery, the service or the overall experience.",
  });
export type TSubmitReviewRequest = z.infer<typeof ZSubmitReviewRequest>;

export const ZTargetType = z.enum(["item", "driver", "service", "overall"]);
export type TTargetType = z.infer<typeof ZTargetType>;

export const ZReview = z.object({
  id: z.uuid(),
  orderId: z.uuid(),
  targetType: ZTargetType,
  targetId: z.string(),
  rating: z.number().int(),
  text: z.string().nullable(),
  helpfulCount: z.number().int(),
  hidden: z.boolean(),
  createdAt: z.date(),
  updatedAt: z.date(),
  /** Until when the author may still change it. */
  editableUntil: z.date(),
});
export type TReview = z.infer<typeof ZReview>;

export const ZSubmitReviewResponse = z.object({ reviews: z.array(ZReview) });
export type TSubmitReviewResponse = z.infer<typeof ZSubmitReviewResponse>;

export const ZRatingSummary = z.object({
  /** Mean of visible ratings, 2 decimals; null when nobody rated yet. */
  average: z.number().nullable(),
  count: z.number().int(),
});
export type TRatingSummary = z.infer<typeof ZRatingSummary>;

export const ZListForItemRequest = z.object({
  itemId: z.string().trim().min(1, "Item id is required.").max(100),
  sort: z.enum(["newest", "helpful"]).default("newest"),
  cursor: z.string().max(200).nullish(),
  limit: z.number().int().min(1).max(50).default(20),
});
export type TListForItemRequest = z.input<typeof ZListForItemRequest>;

export const ZPublicReview = z.object({
  id: z.uuid(),
  rating: z.number().int(),
  text: z.string().nullable(),
  /** First name and initial only. */
  author: z.string(),
  helpfulCount: z.number().int(),
  createdAt: z.date(),
  edited: z.boolean(),
});
export type TPublicReview = z.infer<typeof ZPublicReview>;

export const ZListForItemResponse = z.object({
  reviews: z.array(ZPublicReview),
  nextCursor: z.string().nullable(),
  summary: ZRatingSummary,
});
export type TListForItemResponse = z.infer<typeof ZListForItemResponse>;

export const ZMarkHelpfulRequest = z.object({
  reviewId: z.uuid("Review id is not valid."),
  /** false withdraws the vote. */
  helpful: z.boolean().default(true),
});
export type TMarkHelpfulRequest = z.input<typeof ZMarkHelpfulRequest>;
export const ZMarkHelpfulResponse = z.object({ helpfulCount: z.number().int(), helpful: z.boolean() });

export const ZHideRequest = z.object({
  reviewId: z.uuid("Review id is not valid."),
  reason: z
    .string()
    .trim()
    .min(3, "Give a reason (3 characters at least).")
    .max(500, "Reason is too long (500 characters at most)."),
});
export type THideRequest = z.infer<typeof ZHideRequest>;

export const ZUnhideRequest = z.object({
  reviewId: z.uuid("Review id is not valid."),
  reason: z.string().trim().max(500, "Reason is too long (500 characters at most).").nullish(),
});
export type TUnhideRequest = z.infer<typeof ZUnhideRequest>;

export const ZModeratedReview = z.object({
  id: z.uuid(),
  hidden: z.boolean(),
  hiddenReason: z.string().nullable(),
  hiddenAt: z.date().nullable(),
});

export const ZAvailabilityRequest = z.object({}).optional();
export const ZAvailability = z.object({ enabled: z.boolean(), state: z.enum(["ok", "degraded", "off"]) });

export const ZRatingsForRequest = z.object({
  targetType: ZTargetType,
  ids: z
    .array(z.string().trim().min(1).max(100))
    .min(1, "Give at least one id.")
    .max(200, "At most 200 ids."),
});
export type TRatingsForRequest = z.infer<typeof ZRatingsForRequest>;
export const ZRatingsForResponse = z.object({ ratings: z.record(z.string(), ZRatingSummary) });

export const ZMyReviewsRequest = z.object({ orderId: z.uuid("Order id is not valid.") });

export const ZStoreReviewsRequest = z.object({
  storeId: z.uuid("Store id is not valid.").optional(),
  includeHidden: z.boolean().default(true),
  cursor: z.string().max(200).nullish(),
  limit: z.number().int().min(1).max(100).default(50),
});
export type TStoreReviewsRequest = z.input<typeof ZStoreReviewsRequest>;
export const ZStoreReview = ZReview.extend({
  author: z.string(),
  hiddenReason: z.string().nullable(),
});
export const ZStoreReviewsResponse = z.object({
  reviews: z.array(ZStoreReview),
  nextCursor: z.string().nullable(),
  ratings: z.object({ service: ZRatingSummary, overall: ZRatingSummary }),
});
export type TStoreReviewsResponse = z.infer<typeof ZStoreReviewsResponse>;
