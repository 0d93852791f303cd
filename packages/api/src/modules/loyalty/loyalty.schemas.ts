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
