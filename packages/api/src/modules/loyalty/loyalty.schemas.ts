// What the customer's loyalty procedures answer: the balance and the ledger, newest first.
import { z } from "zod";
import { LEDGER_KINDS } from "./ledger.ts";

export const ZLoyaltyBalance = z.object({
  points: z.number().int(),
  nextExpiry: z.object({ points: z.number().int(), at: z.string() }).nullable(),
});
export type TLoyaltyBalance = z.infer<typeof ZLoyaltyBalance>;

export const ZLoyaltyEntry = z.object({
  id: z.string(),
  kind: z.enum(LEDGER_KINDS),
  delta: z.number().int(),
  orderId: z.string().nullable(),
  orderNumber: z.number().int().nullable(),
  reason: z.string().nullable(),
  createdAt: z.string(),
  expiresAt: z.string().nullable(),
});
export type TLoyaltyEntry = z.infer<typeof ZLoyaltyEntry>;

export const ZLoyaltyHistoryInput = z
  .object({
    limit: z.number().int().min(1, "Ask for at least one entry.").max(100, "Ask for at most 100 entries."),
  })
  .strict()
  .optional();

/** A manager's goodwill points for the customer of one of their store's orders. */
export const ZGrantGoodwill = z.object({
  orderId: z.uuid("Order id must be a UUID."),
  points: z
    .number("Say how many points to grant.")
    .int("Points are whole numbers.")
    .min(1, "Grant at least 1 point.")
    .max(500, "Grant at most 500 points at a time."),
  reason: z
    .string("Say why you grant these points.")
    .trim()
    .min(1, "Say why you grant these points.")
    .max(200, "Keep the reason under 200 characters."),
  /** The same key twice grants once (a double click, a retried request). */
  idempotencyKey: z
    .string()
    .min(8, "The idempotency key is too short.")
    .max(100, "The idempotency key is too long."),
});
export type TGrantGoodwill = z.infer<typeof ZGrantGoodwill>;

export const ZGoodwillGranted = z.object({ granted: z.boolean(), points: z.number().int() });

/** `loyalty.rewards`: the region of the customer's cart (its store's region). */
export const ZLoyaltyRewardsInput = z.object({
  regionCode: z
    .string("Say which region's rewards to list.")
    .regex(/^[a-z]{2,8}$/, "A region code is 2 to 8 lower-case letters, e.g. us."),
});

export const ZLoyaltyRewards = z.object({
  /** The caller's points now. */
  points: z.number().int(),
  rewards: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      points: z.number().int(),
      kind: z.enum(["free_item", "amount_off", "free_delivery"]),
      itemId: z.string().nullable(),
      variant: z.string().nullable(),
      /** amount_off: minor units of the region's currency. */
      amount: z.number().int().nullable(),
      affordable: z.boolean(),
    }),
  ),
});
export type TLoyaltyRewards = z.infer<typeof ZLoyaltyRewards>;

/** `goodwillOrder`: one of the store's orders by its number. */
export const ZGoodwillOrderInput = z.object({
  orderNumber: z
    .number("Enter the order number.")
    .int("An order number is a whole number.")
    .min(1, "An order number is a whole number from 1."),
});

export const ZGoodwillOrder = z.object({
  orderId: z.string(),
  orderNumber: z.number().int(),
  status: z.string(),
  total: z.number().int(),
  currency: z.string(),
  customerName: z.string(),
  createdAt: z.string(),
  /** The customer's points now. */
  points: z.number().int(),
  /** Goodwill points this order has had already, oldest first. */
  goodwill: z.array(z.object({ points: z.number().int(), reason: z.string(), createdAt: z.string() })),
});
export type TGoodwillOrder = z.infer<typeof ZGoodwillOrder>;
