import { z } from "zod";

export const ZOrderRef = z.object({ orderId: z.uuid("Order id must be a UUID.") });

const ZTestCard = z.object({
  type: z.literal("test_card"),
  number: z
    .string()
    .transform((s) => s.replace(/[\s-]/g, ""))
    .pipe(z.string().regex(/^\d{12,19}$/, "Card number must be 12 to 19 digits.")),
  expMonth: z.number().int().min(1, "Expiry month must be 1 to 12.").max(12, "Expiry month must be 1 to 12."),
  expYear: z
    .number()
    .int()
    .min(2000, "Expiry year must have four digits.")
    .max(2100, "Expiry year must have four digits."),
  cvc: z.string().regex(/^\d{3,4}$/, "Security code must be 3 or 4 digits."),
});

export const ZPaymentMethodInput = z.discriminatedUnion(
  "type",
  [
    ZTestCard,
    z.object({
      type: z.literal("stripe"),
      paymentMethodId: z.string().regex(/^pm_\w{1,250}$/, "A Stripe PaymentMethod id starts with pm_."),
    }),
    z.object({ type: z.literal("cash") }),
    /** The buyer approves at PayPal (the answer's nextAction.url) and comes back to confirmAction. */
    z.object({ type: z.literal("paypal") }),
  ],
  { error: "Payment method type must be test_card, stripe, paypal or cash." },
);
export type TPaymentMethodInput = z.infer<typeof ZPaymentMethodInput>;

const ZSavedCardId = z.string().regex(/^pm_\w{1,250}$/, "A saved card's id starts with pm_.");

export const ZProcessPaymentRequest = z
  .object({
    orderId: z.uuid("Order id must be a UUID."),
    /** The client's id for this payment request; a retry with the same id gets the same answer, never a second charge. */
    clientRequestId: z
      .string()
      .trim()
      .min(8, "Client request id must be 8 to 100 characters.")
      .max(100, "Client request id must be 8 to 100 characters.")
      .optional(),
    /** The currency the client shows; when given it must be the order's. The amount is always the server's order total. */
    currency: z
      .string()
      .regex(/^[A-Za-z]{3}$/, "Currency is a three-letter ISO code.")
      .transform((c) => c.toUpperCase())
      .optional(),
    /** How to pay; leave it out when paying with `savedCardId`. */
    method: ZPaymentMethodInput.optional(),
    /** Stripe only, signed-in customers: keep this card (a new `stripe` PaymentMethod) for later orders. */
    saveCard: z.boolean().optional(),
    /** Stripe only: one of the caller's saved cards (`payment.savedCards`) instead of `method`. */
    savedCardId: ZSavedCardId.optional(),
  })
  .refine((r) => (r.method === undefined) !== (r.savedCardId === undefined), {
    message: "Choose one way to pay: a payment method or a saved card.",
    path: ["method"],
  })
  .refine((r) => !r.saveCard || r.method?.type === "stripe", {
    message: "Only a card entered in the card form can be saved.",
    path: ["saveCard"],
  });
export type TProcessPaymentRequest = z.infer<typeof ZProcessPaymentRequest>;

export const ZConfirmActionRequest = z.object({
  orderId: z.uuid("Order id must be a UUID."),
  /** Simulated gateway only: how the customer's 3-D Secure challenge went (Stripe.js does this for real). */
  simulatedOutcome: z.enum(["approve", "fail"]).optional(),
});
export type TConfirmActionRequest = z.infer<typeof ZConfirmActionRequest>;

export const ZPaymentResult = z.object({
  paymentId: z.string(),
  orderId: z.string(),
  /**
   * succeeded · requires_action (3-D Secure: use clientSecret) · failed (declineReason says why; try
   * another card) · processing (the bank's answer is pending; poll getPayment) · pending (cash on delivery).
   */
  status: z.enum(["succeeded", "requires_action", "failed", "processing", "pending"]),
  amount: z.number().int(),
  currency: z.string(),
  attemptNo: z.number().int().nullable(),
  clientSecret: z.string().nullable(),
  nextAction: z.object({ type: z.string(), url: z.string().optional() }).nullable(),
  declineReason: z.string().nullable(),
  declineCode: z.string().nullable(),
  card: z.object({ brand: z.string(), last4: z.string() }).nullable(),
});
export type TPaymentResult = z.infer<typeof ZPaymentResult>;

export const ZPaymentView = z.object({
  orderId: z.string(),
  payment: z
    .object({
      id: z.string(),
      method: z.enum(["card", "cash"]),
      gateway: z.enum(["stripe", "simulated", "cash"]),
      status: z.string(),
      amount: z.number().int(),
      amountRefunded: z.number().int(),
      currency: z.string(),
      updatedAt: z.string(),
      attempts: z.array(
        z.object({
          attemptNo: z.number().int(),
          status: z.string(),
          amount: z.number().int(),
          card: z.object({ brand: z.string(), last4: z.string() }).nullable(),
          declineReason: z.string().nullable(),
          at: z.string(),
        }),
      ),
      refunds: z.array(
        z.object({ amount: z.number().int(), status: z.string(), reason: z.string(), at: z.string() }),
      ),
    })
    .nullable(),
});
export type TPaymentView = z.infer<typeof ZPaymentView>;

export const ZPaymentConfig = z.object({
  gateway: z.enum(["stripe", "simulated"]),
  publishableKey: z.string().nullable(),
  testMode: z.boolean(),
  /** Simulated mode only: the card numbers that behave like Stripe's test cards. */
  testCards: z.array(z.object({ number: z.string(), behaviour: z.string() })),
  /** PayPal is offered: through PayPal (`paypal`) or the embedded default's simulated PayPal (`simulated`); absent: not offered. */
  paypal: z.enum(["paypal", "simulated"]).optional(),
});
export type TPaymentConfig = z.infer<typeof ZPaymentConfig>;

export const ZSavedCardRef = z.object({ cardId: ZSavedCardId });

export const ZSavedCard = z.object({
  id: z.string(),
  brand: z.string(),
  last4: z.string(),
  expMonth: z.number().int(),
  expYear: z.number().int(),
});
export type TSavedCard = z.infer<typeof ZSavedCard>;
