// Input shapes of the promos procedures: checking a code, and the admins' create, list, pause/resume and
// redemptions. Codes are matched upper-case (the table's check constraint).
import { z } from "zod";
import { ZCart, ZLocale } from "../menu/menu.schemas.ts";

const code = z.string().trim().min(2, "Enter a promo code.").max(40, "That code is too long.");

/** A code checked against a cart, or against an existing order (re-priced with the code). */
export const ZPromoCheckRequest = z.union([
  z.object({
    code,
    storeId: z.uuid("Store id must be a UUID."),
    channel: z.enum(["delivery", "carryout"]),
    items: ZCart,
    tip: z.number().int().min(0).max(10_000_000).optional(),
    locale: ZLocale,
  }),
  z.object({ code, orderId: z.uuid("Order id must be a UUID."), locale: ZLocale }),
]);
export type TPromoCheckRequest = z.infer<typeof ZPromoCheckRequest>;

const region = z.string().regex(/^[a-z]{2,8}$/, "Region code looks like us.");

/** Words with which a description promises a ceiling on the discount ("up to 10", "at most $5", "max. 8 €"). */
const CAP_PROMISE = /\b(up to|at most|capped|max(imum)?)\b/i;

/**
 * A percent code whose description promises a cap it does not have (issue 13: WELCOME10 said "up to
 * 10" and gave 10% of any total). Null when text and code agree. Shared with the seed-data test.
 */
export function capPromiseProblem(p: {
  kind: string;
  description?: string | null | undefined;
  maxDiscount?: number | null | undefined;
}): string | null {
  if (p.kind !== "percent" || !p.description || p.maxDiscount != null) return null;
  if (!CAP_PROMISE.test(p.description)) return null;
  return 'The description promises a cap on the discount ("up to …"), but the code has no maxDiscount: set maxDiscount or reword the description.';
}

export const ZPromoCreateRequest = z
  .object({
    code: z
      .string()
      .trim()
      .toUpperCase()
      .regex(/^[A-Z0-9_-]{3,32}$/, "A code is 3 to 32 letters, digits, - or _."),
    description: z.string().trim().max(200).optional(),
    kind: z.enum(["percent", "fixed", "free_delivery"]),
    percent: z.number().int().min(1, "At least 1%.").max(100, "At most 100%.").optional(),
    /** Fixed discounts: minor units of the region's currency. */
    amount: z.number().int().min(1).max(10_000_000).optional(),
    maxDiscount: z.number().int().min(1).max(10_000_000).optional(),
    minSubtotal: z.number().int().min(0).max(10_000_000).default(0),
    regionCode: region.optional(),
    storeId: z.uuid("Store id must be a UUID.").optional(),
    validFrom: z.iso.datetime({ offset: true }).optional(),
    validTo: z.iso.datetime({ offset: true }).optional(),
    usageLimit: z.number().int().min(1).max(10_000_000).optional(),
    perCustomerLimit: z.number().int().min(1).max(1000).optional(),
    firstOrderOnly: z.boolean().default(false),
  })
  .refine((v) => v.kind !== "percent" || v.percent !== undefined, {
    message: "A percent code needs its percentage.",
    path: ["percent"],
  })
  .refine((v) => v.kind !== "fixed" || (v.amount !== undefined && v.regionCode !== undefined), {
    message: "A fixed discount needs an amount and the region whose currency it is in.",
    path: ["amount"],
  })
  .refine((v) => !v.validFrom || !v.validTo || new Date(v.validFrom) < new Date(v.validTo), {
    message: "The code must start before it ends.",
    path: ["validTo"],
  })
  .superRefine((v, ctx) => {
    const problem = capPromiseProblem(v);
    if (problem) ctx.addIssue({ code: "custom", message: problem, path: ["maxDiscount"] });
  });
export type TPromoCreateRequest = z.infer<typeof ZPromoCreateRequest>;

export const ZPromoListRequest = z
  .object({ regionCode: region.optional(), limit: z.number().int().min(1).max(200).default(100) })
  .default({ limit: 100 });
export const ZPromoSetActiveRequest = z.object({
  promoId: z.uuid("Promo id must be a UUID."),
  active: z.boolean(),
});
export const ZPromoRedemptionsRequest = z.object({
  promoId: z.uuid("Promo id must be a UUID."),
  limit: z.number().int().min(1).max(200).default(50),
});
