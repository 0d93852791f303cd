// Payloads of the order topics. Every one carries the order's `version`: the per-order sequence number
// clients use to drop stale and duplicate events.
import { z } from "zod";
import { Channel, Id, IsoTime, Minor, PaymentMethod, Status } from "./fields.ts";

/** What every order event carries (the orders module's `eventPayload`). */
export const OrderEventBase = z.object({
  orderId: Id,
  orderNumber: z.number().int(),
  regionCode: z.string(),
  storeId: Id,
  customerId: Id,
  channel: Channel,
  status: Status,
  previousStatus: Status.nullable(),
  version: z.number().int().nonnegative(),
  at: IsoTime,
});

/** A new order, paid (cash) or waiting for its card payment (`pending_payment`). */
export const OrderPlaced = OrderEventBase.extend({
  paymentMethod: PaymentMethod,
  total: Minor,
  currency: z.string(),
  promisedAt: IsoTime,
  readyEstimateAt: IsoTime,
  scheduledFor: IsoTime.nullable(),
});

/** New lines, promo or tip while the order is still editable (the status stays). */
export const OrderUpdated = OrderEventBase.extend({
  previousTotal: Minor,
  total: Minor,
  currency: z.string(),
  note: z.string().nullable(),
});

/** Every move along the state machine; `correction` is set when the kitchen undid its last bump. */
export const OrderStatusChanged = OrderEventBase.extend({
  correction: z.string().optional(),
});

/** Ready for pick-up by a driver (or the customer): what dispatch needs without reading the order. */
export const OrderReady = OrderEventBase.extend({
  lat: z.number().nullable(),
  lng: z.number().nullable(),
  promisedAt: IsoTime.nullable(),
  paymentMethod: PaymentMethod,
  total: Minor,
});

/** Cancelled by the customer, the store, or the unpaid-order expiry; `reason` is the history note. */
export const OrderCancelled = OrderEventBase.extend({
  reason: z.string().nullable(),
  total: Minor,
  currency: z.string(),
  paymentMethod: PaymentMethod,
  /** Who cancelled: the customer, the store (staff or an admin), or the platform (unpaid expiry). */
  by: z.enum(["customer", "store", "system"]).optional(),
});

export const ORDER_EVENTS = {
  "order.placed": OrderPlaced,
  "order.updated": OrderUpdated,
  "order.status_changed": OrderStatusChanged,
  "order.ready": OrderReady,
  "order.cancelled": OrderCancelled,
} as const;
