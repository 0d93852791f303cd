// Payloads of the payment topics: one shape for the three, with what each outcome adds.
import { z } from "zod";
import { Id, Minor, PaymentMethod } from "./fields.ts";

export const PaymentEvent = z.object({
  paymentId: Id,
  orderId: Id,
  /** Null only when the order could not be read in the payment's transaction. */
  storeId: Id.nullable(),
  customerId: Id,
  amount: Minor,
  currency: z.string(),
  status: z.enum([
    "pending",
    "processing",
    "requires_action",
    "succeeded",
    "failed",
    "refunded",
    "partially_refunded",
    "cancelled",
  ]),
  method: PaymentMethod,
  /** `payment.failed`: the gateway's or the capture rule's reason, and which attempt failed. */
  reason: z.string().optional(),
  attemptNo: z.number().int().nullable().optional(),
  /** `payment.refunded`: what this refund returned, and the payment's refunded total so far. */
  refundedNow: Minor.optional(),
  amountRefunded: Minor.optional(),
  /** `payment.succeeded` for cash: what the driver collected and the change given. */
  collected: Minor.optional(),
  change: Minor.optional(),
});

export const PAYMENT_EVENTS = {
  "payment.succeeded": PaymentEvent,
  "payment.failed": PaymentEvent,
  "payment.refunded": PaymentEvent,
} as const;
