import { ORDER_STATUSES } from "@pizza/contracts";
import { z } from "zod";
import { ZCart, ZLocale, ZLocation } from "../menu/menu.schemas.ts";

const ZAddress = z.object({
  line1: z.string().trim().min(1, "Street address is required.").max(200, "Street address is too long."),
  line2: z.string().trim().max(200, "Second address line is too long.").nullish(),
  city: z.string().trim().min(1, "City is required.").max(100, "City is too long."),
  postalCode: z.string().trim().max(20, "Postal code is too long.").nullish(),
  notes: z.string().trim().max(500, "Delivery notes are too long.").nullish(),
});

const money = (label: string) =>
  z
    .number()
    .int(`${label} is in minor units (cents, yen) and must be a whole number.`)
    .min(0, `${label} cannot be negative.`)
    .max(10_000_000, `${label} is too large.`);

export const ZOrderId = z.uuid("Order id must be a UUID.");
const ZRewardId = z.string().trim().min(1, "Choose a reward.").max(80, "That reward id is too long.");

export const ZPlaceOrderRequest = z
  .object({
    /** The client generates one per checkout attempt and reuses it on retries: the same key, the same order. */
    idempotencyKey: z
      .string()
      .trim()
      .min(8, "Idempotency key must be 8 to 100 characters.")
      .max(100, "Idempotency key must be 8 to 100 characters."),
    channel: z.enum(["delivery", "carryout"]),
    paymentMethod: z.enum(["card", "cash"]).default("card"),
    /** The store; for delivery it may be left out and is found from the location. */
    storeId: z.uuid("Store id must be a UUID.").optional(),
    address: ZAddress.optional(),
    location: ZLocation.optional(),
    /** When the customer wants it (delivered or picked up); ASAP when absent. */
    scheduledFor: z.iso
      .datetime({ offset: true, message: "scheduledFor must be an ISO date-time." })
      .optional(),
    items: ZCart,
    promoCode: z
      .string()
      .trim()
      .min(2, "Promo code is too short.")
      .max(40, "Promo code is too long.")
      .optional(),
    /** A loyalty reward of the store's region to spend points on (loyalty.rewards); signed-in customers. */
    rewardId: ZRewardId.optional(),
    tip: money("Tip").default(0),
    notes: z.string().trim().max(500, "Notes are too long (500 characters at most).").optional(),
    locale: ZLocale,
    /** Optional: the total the client showed. When it differs from the server's price the order is refused. */
    expectedTotal: money("Expected total").optional(),
  })
  .refine((v) => v.channel === "carryout" || (v.address && v.location), {
    message: "A delivery order needs an address and its location.",
    path: ["address"],
  })
  .refine((v) => v.channel === "delivery" || v.storeId, {
    message: "Choose the store to pick the order up from.",
    path: ["storeId"],
  });
export type TPlaceOrderRequest = z.infer<typeof ZPlaceOrderRequest>;
/** What a client sends (defaults not yet applied). */
export type TPlaceOrderInput = z.input<typeof ZPlaceOrderRequest>;

export const ZQuoteRequest = z
  .object({
    channel: z.enum(["delivery", "carryout"]),
    storeId: z.uuid("Store id must be a UUID.").optional(),
    location: ZLocation.optional(),
    items: ZCart,
    promoCode: z.string().trim().min(2).max(40).optional(),
    /** A loyalty reward of the store's region to spend points on (loyalty.rewards); signed-in customers. */
    rewardId: ZRewardId.optional(),
    tip: money("Tip").default(0),
    locale: ZLocale,
  })
  .refine((v) => v.storeId || v.location, {
    message: "Choose a store or give a delivery location.",
    path: ["storeId"],
  });
export type TQuoteRequest = z.infer<typeof ZQuoteRequest>;

export const ZUpdateOrderRequest = z.object({
  orderId: ZOrderId,
  /** The version the client last saw; a stale one is refused instead of overwriting someone else's change. */
  expectedVersion: z.number().int().min(1).optional(),
  items: ZCart,
  /** A new code, null to remove the current one, absent to keep (and re-check) it. */
  promoCode: z.string().trim().min(2).max(40).nullish(),
  tip: money("Tip").optional(),
  notes: z.string().trim().max(500).optional(),
  locale: ZLocale,
  /** Required when a store manager (or an admin) changes a customer's order; recorded in its history. */
  reason: z
    .string()
    .trim()
    .min(3, "Say in a few words why the order is changed.")
    .max(300, "Reason is too long (300 characters at most).")
    .optional(),
});
export type TUpdateOrderRequest = z.infer<typeof ZUpdateOrderRequest>;

export const ZCancelOrderRequest = z.object({
  orderId: ZOrderId,
  reason: z
    .string()
    .trim()
    .min(1, "Say why the order is cancelled.")
    .max(300, "Reason is too long.")
    .optional(),
  expectedVersion: z.number().int().min(1).optional(),
});

/** The customer's 4-digit handover code (orders/handover-code.ts). */
export const ZHandoverCode = z
  .string()
  .trim()
  .regex(/^[0-9]{4}$/, "The handover code is 4 digits.");

export const ZAdvanceOrderRequest = z.object({
  orderId: ZOrderId,
  to: z.enum(["preparing", "baking", "quality_check", "ready", "picked_up"]),
  expectedVersion: z.number().int().min(1).optional(),
  note: z.string().trim().max(300).optional(),
  /** A carryout order needing one is handed over (`picked_up`) against the customer's code. */
  handoverCode: ZHandoverCode.optional(),
});

export const ZUndoAdvanceRequest = z.object({
  orderId: ZOrderId,
  expectedVersion: z.number().int().min(1).optional(),
});

export const ZHistoryRequest = z
  .object({
    limit: z.number().int().min(1).max(50).default(20),
    /** `createdAt` of the last order of the previous page. */
    before: z.iso.datetime({ offset: true }).optional(),
  })
  .default({ limit: 20 });

/** The store itself comes from `storeStaffProcedure` (`storeId`, optional for staff). */
export const ZStoreOrdersRequest = z.object({
  statuses: z.array(z.enum(ORDER_STATUSES)).max(10).optional(),
  limit: z.number().int().min(1).max(200).default(100),
});

export const ZReorderRequest = z.object({
  orderId: ZOrderId,
  storeId: z.uuid().optional(),
  channel: z.enum(["delivery", "carryout"]).optional(),
  locale: ZLocale,
});

export const ZSlotsRequest = z.object({
  storeId: z.uuid("Store id must be a UUID."),
  channel: z.enum(["delivery", "carryout"]).default("carryout"),
  from: z.iso.datetime({ offset: true }).optional(),
  count: z.number().int().min(1).max(24).default(8),
});

/** A tracking token as it appears in a `/t/<token>` link. */
export const ZTrackToken = z
  .string()
  .trim()
  .min(1, "The tracking link is incomplete.")
  .max(100, "That is not a tracking link.");

/** `findOrder`: the order number and the email or phone given with it. */
export const ZFindOrderRequest = z.object({
  orderNumber: z.coerce
    .number({ error: "Enter the order number from your confirmation." })
    .int("Enter the order number from your confirmation.")
    .min(1, "Enter the order number from your confirmation.")
    .max(Number.MAX_SAFE_INTEGER, "That order number is too long."),
  contact: z
    .string()
    .trim()
    .min(3, "Enter the email or phone number you gave with the order.")
    .max(200, "That email or phone number is too long."),
});
export type TFindOrderRequest = z.infer<typeof ZFindOrderRequest>;
