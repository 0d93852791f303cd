// Payloads of help with an order (issue 16): a customer reported a problem, the store answered it.
import { z } from "zod";
import { Id, IsoTime, Minor } from "./fields.ts";

const HelpFields = {
  helpRequestId: Id,
  orderId: Id,
  orderNumber: z.number().int(),
  storeId: Id,
  customerId: Id,
  kind: z.enum(["missing_item", "wrong_item", "late", "quality", "other"]),
  at: IsoTime,
};

/** A customer reported a problem with an order; the store's console lists it. */
export const HelpRequested = z.object(HelpFields);

/** The store answered: refunded (part or all), gave a credit (a code for the next order) or declined. */
export const HelpResolved = z.object({
  ...HelpFields,
  outcome: z.enum(["refunded", "credited", "declined"]),
  amount: Minor.nullable(),
  currency: z.string(),
  creditCode: z.string().nullable(),
  note: z.string().nullable(),
});

export const HELP_EVENTS = { "help.requested": HelpRequested, "help.resolved": HelpResolved } as const;
