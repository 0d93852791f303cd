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
