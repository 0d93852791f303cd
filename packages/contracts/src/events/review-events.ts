// Payload of a submitted review: the rating aggregates and the menu's ratings follow from it.
import { z } from "zod";
import { Id } from "./fields.ts";

/** A customer reviewed (or re-reviewed) what they got with a delivered order. */
export const ReviewSubmitted = z.object({
  orderId: Id,
  regionCode: z.string(),
  storeId: Id,
  customerId: Id,
  reviews: z.array(
    z.object({
      id: Id,
      targetType: z.string(),
      targetId: z.string(),
      rating: z.number(),
      edited: z.boolean(),
    }),
  ),
});

export const REVIEW_EVENTS = { "review.submitted": ReviewSubmitted } as const;
