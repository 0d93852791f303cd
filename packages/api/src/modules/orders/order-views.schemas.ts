// What the orders procedures answer (`.output()`: checked on the way out, and the apps' types); what
// they are asked is orders.schemas.ts.
import { ORDER_STATUSES } from "@pizza/contracts";
import { z } from "zod";
import { ZCartLine } from "../menu/menu.schemas.ts";

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
/** Deals as applied to a cart or an order (pricing/deals.ts `AppliedDeal`, `orders.deals`). */
const ZDeals = z.array(
  z.object({ id: z.string(), name: z.string(), times: z.number().int(), price: ZMinor, saving: ZMinor }),
);

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
  /** The deals applied at placement or the last edit, their savings part of `discount`. */
  deals: ZDeals,
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
  deals: ZDeals,
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

/** `trackLink`: the owner's link to share, and when it stops working (null while the order is under way). */
export const ZTrackLink = z.object({ token: z.string(), expiresAt: ZInstant.nullable() });

/** `linkedOrder`: what a tracking link shows: the order without who placed it, their address or notes. */
export const ZLinkedOrder = z.object({
  order: ZOrderView.omit({ customerId: true, address: true, notes: true }),
  tracking: ZTracking,
  expiresAt: ZInstant.nullable(),
});
export type TLinkedOrder = z.infer<typeof ZLinkedOrder>;
