// Payloads of the delivery topics: offers, assignment changes, pick-up and drop-off of one order's
// delivery. Each names the driver it concerns (except `delivery.no_driver`, which is for the store).
import { z } from "zod";
import { Id, IsoTime } from "./fields.ts";

const DeliveryRef = z.object({ deliveryId: Id, orderId: Id, storeId: Id });

/** A driver was offered the delivery; they have until `expiresAt` to accept. */
export const DeliveryOffered = DeliveryRef.extend({
  driverId: Id,
  offerId: Id,
  expiresAt: IsoTime,
  distanceM: z.number().int(),
  pickupEtaS: z.number().int(),
});

/** A driver has the delivery (accepted an offer, or a staff override). */
export const DeliveryAssigned = DeliveryRef.extend({ customerId: Id, driverId: Id, at: IsoTime });

/** The driver no longer has (or was offered) the delivery, and why. */
export const DeliveryUnassigned = DeliveryRef.extend({
  driverId: Id,
  reason: z.enum(["order_cancelled", "reassigned", "declined", "expired"]),
});

/** Nobody could be offered the delivery yet; dispatch tries again at `retryAt` (the store is told once). */
export const DeliveryNoDriver = DeliveryRef.extend({
  orderNumber: z.number().int(),
  retryAt: IsoTime,
  candidates: z.number().int().nonnegative(),
});

/** The driver took the order from the store (`picked_up`) or handed it over (`delivered`). */
export const DeliveryHandover = DeliveryRef.extend({ customerId: Id, driverId: Id, at: IsoTime });

/**
 * The driver came near the drop-off (about 500 m, or about two minutes by the ETA model): written once per
 * delivery, by the update that sets `deliveries.arriving_at`.
 */
export const DeliveryArriving = DeliveryRef.extend({
  customerId: Id,
  driverId: Id,
  at: IsoTime,
  distanceM: z.number().int().nonnegative(),
  etaS: z.number().int().nonnegative(),
});

export const DELIVERY_EVENTS = {
  "delivery.offered": DeliveryOffered,
  "delivery.assigned": DeliveryAssigned,
  "delivery.unassigned": DeliveryUnassigned,
  "delivery.no_driver": DeliveryNoDriver,
  "delivery.picked_up": DeliveryHandover,
  "delivery.delivered": DeliveryHandover,
  "delivery.arriving": DeliveryArriving,
} as const;
