import { ORDER_STATUSES } from "@pizza/contracts";
import { z } from "zod";
import { ZCart, ZCartLine, ZLocale, ZLocation } from "../menu/menu.schemas.ts";

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

// ── what the procedures answer (`.output()`: checked on the way out, and the apps' types) ──

const ZChannel = z.enum(["delivery", "carryout"]);
const ZStatus = z.enum(ORDER_STATUSES);
const ZInstant = z.iso.datetime({ offset: true });
const ZMinor = z.number().int();
/** Ids as the database gives them (not re-checked for a UUID version on the way out). */
const ZId = z.guid();

/** How a line was configured (a pizza's crust, sauce, cheese, toppings; an item's options). */
const ZOrderItemConfig = z.object({
  crust: z.string().optional(),
  sauce: z.string().optional(),
  cheese: z.enum(["none", "light", "normal", "extra"]).optional(),
  toppings: z
    .array(
      z.object({
        id: z.string(),
        placement: z.enum(["whole", "left", "right"]),
        portion: z.enum(["normal", "extra"]),
      }),
    )
    .optional(),
  options: z.array(z.string()).optional(),
});

/** One rate of a tax breakdown (pricing/tax-lines.ts): the net amount taxed at it and its tax. */
export const ZTaxLine = z.object({ ratePpm: z.number().int(), base: ZMinor, tax: ZMinor });

export const ZOrderLine = z.object({
  lineNo: z.number().int(),
  itemId: z.string(),
  kind: z.string(),
  variant: z.string(),
  quantity: z.number().int(),
  name: z.string(),
  config: ZOrderItemConfig,
  unitPrice: ZMinor,
  lineTotal: ZMinor,
});
export type TOrderLine = z.infer<typeof ZOrderLine>;

/** An order as customers and staff see it (amounts in minor units of `currency`). */
export const ZOrderView = z.object({
  id: ZId,
  orderNumber: z.number().int(),
  regionCode: z.string(),
  storeId: ZId,
  customerId: ZId,
  channel: ZChannel,
  status: ZStatus,
  version: z.number().int(),
  paymentMethod: z.enum(["card", "cash"]),
  /** The delivery address as the customer gave it (null for carryout). */
  address: z.unknown(),
  lat: z.number().nullable(),
  lng: z.number().nullable(),
  notes: z.string().nullable(),
  currency: z.string(),
  subtotal: ZMinor,
  discount: ZMinor,
  deliveryFee: ZMinor,
  tax: ZMinor,
  taxIncluded: z.boolean(),
  taxLines: z.array(ZTaxLine),
  tip: ZMinor,
  total: ZMinor,
  promoCode: z.string().nullable(),
  scheduledFor: ZInstant.nullable(),
  promisedAt: ZInstant,
  readyEstimateAt: ZInstant.nullable(),
  cancelReason: z.string().nullable(),
  createdAt: ZInstant,
  updatedAt: ZInstant,
  items: z.array(ZOrderLine),
});
export type TOrderView = z.infer<typeof ZOrderView>;

/** `placeOrder`: the order, and whether it was placed earlier under the same idempotency key. */
export const ZPlacedOrder = ZOrderView.extend({ replayed: z.boolean() });

/** `updateOrder`: the order, why an existing promo or loyalty reward was dropped, and what went back to the card. */
export const ZUpdatedOrder = ZOrderView.extend({
  promoNote: z.string().nullable(),
  /** The order's reward no longer applied to the new cart: removed, its points returned. */
  rewardNote: z.string().nullable(),
  payment: z.object({ refunded: ZMinor }),
});

/** A cart's prices (`quote`, `reorder`): pricing.ts `PriceBreakdown`. */
const ZBreakdown = z.object({
  currency: z.string(),
  currencyDigits: z.number().int(),
  subtotal: ZMinor,
  discount: ZMinor,
  /** The deals applied (pricing/deals.ts), their savings part of `discount`. */
  deals: z.array(
    z.object({ id: z.string(), name: z.string(), times: z.number().int(), price: ZMinor, saving: ZMinor }),
  ),
  deliveryFee: ZMinor,
  tax: ZMinor,
  taxIncluded: z.boolean(),
  taxRatePpm: z.number().int(),
  taxLines: z.array(ZTaxLine),
  tip: ZMinor,
  total: ZMinor,
  promo: z
    .discriminatedUnion("applied", [
      z.object({ code: z.string(), applied: z.literal(true), discount: ZMinor, detail: z.string() }),
      z.object({ code: z.string(), applied: z.literal(false), reason: z.string() }),
    ])
    .nullable(),
  /** The loyalty reward's discount line, named after the reward (absent when none was chosen). */
  reward: z
    .object({
      id: z.string(),
      name: z.string(),
      points: z.number().int(),
      applied: z.boolean(),
      discount: ZMinor.optional(),
      reason: z.string().optional(),
    })
    .optional(),
});

export const ZQuote = ZBreakdown.extend({
  storeId: ZId,
  lines: z.array(
    z.object({
      itemId: z.string(),
      name: z.string(),
      variant: z.string(),
      quantity: z.number().int(),
      unitPrice: ZMinor,
      lineTotal: ZMinor,
    }),
  ),
});
export type TQuote = z.infer<typeof ZQuote>;

/** `cancelOrder`, `advance`, `undoAdvance`: the move that was made. */
export const ZTransitionResult = z.object({
  orderId: ZId,
  status: ZStatus,
  previousStatus: ZStatus,
  version: z.number().int(),
  at: ZInstant,
});

/** `trackOrder`: the order's path with the time each stage was reached, its ETA and its changes. */
export const ZTracking = z.object({
  orderId: ZId,
  orderNumber: z.number().int(),
  storeId: ZId,
  channel: ZChannel,
  status: ZStatus,
  version: z.number().int(),
  timeline: z.array(z.object({ status: ZStatus, at: ZInstant.nullable(), reached: z.boolean() })),
  eta: ZInstant.nullable(),
  etaKind: z.enum(["delivery", "pickup"]),
  readyEstimateAt: ZInstant.nullable(),
  promisedAt: ZInstant.nullable(),
  scheduledFor: ZInstant.nullable(),
  cancelReason: z.string().nullable(),
  currencyDigits: z.number().int(),
  /** "Tell your driver this code": only to the order's customer (or its tracking link), until handed over. */
  handoverCode: z.string().nullable(),
  changes: z.array(z.object({ at: ZInstant.nullable(), note: z.string().nullable() })),
});

/** `history`: the customer's orders, a page at a time. */
export const ZOrderHistory = z.object({
  orders: z.array(
    z.object({
      id: ZId,
      orderNumber: z.number().int(),
      status: ZStatus,
      channel: ZChannel,
      currency: z.string(),
      total: ZMinor,
      createdAt: ZInstant,
      storeId: ZId,
      storeName: z.string(),
      items: z.array(z.object({ name: z.string(), quantity: z.number().int() })),
    }),
  ),
  nextBefore: ZInstant.nullable(),
});

/** `reorder`: a new cart from a past order at today's prices, and what was left out. */
export const ZReorder = z.object({
  storeId: ZId,
  channel: ZChannel,
  items: z.array(ZCartLine),
  lines: z.array(
    z.object({
      itemId: z.string(),
      name: z.string(),
      quantity: z.number().int(),
      unitPrice: ZMinor,
      lineTotal: ZMinor,
    }),
  ),
  dropped: z.array(z.object({ itemId: z.string(), name: z.string(), reason: z.string() })),
  note: z.string().nullable(),
  breakdown: ZBreakdown.nullable(),
});

/** A tracking token as it appears in a `/t/<token>` link. */
export const ZTrackToken = z
  .string()
  .trim()
  .min(1, "The tracking link is incomplete.")
  .max(100, "That is not a tracking link.");

/** `trackLink`: the owner's link to share, and when it stops working (null while the order is under way). */
export const ZTrackLink = z.object({ token: z.string(), expiresAt: ZInstant.nullable() });

/** `linkedOrder`: what a tracking link shows: the order without who placed it, their address or notes. */
export const ZLinkedOrder = z.object({
  order: ZOrderView.omit({ customerId: true, address: true, notes: true }),
  tracking: ZTracking,
  expiresAt: ZInstant.nullable(),
});
export type TLinkedOrder = z.infer<typeof ZLinkedOrder>;

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
