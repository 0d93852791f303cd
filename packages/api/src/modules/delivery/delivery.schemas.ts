// Shapes of the delivery procedures: the inputs drivers and staff send and the answers they get back.
import { ORDER_STATUSES } from "@pizza/contracts";
import { z } from "zod";
import { ZHandoverCode } from "../orders/orders.schemas.ts";
import { ZEarningsFigures } from "./earnings.schemas.ts";
import {
  BAG_CHECKS,
  ZAwayReason,
  ZDeliveryProof,
  ZHandoverState,
  ZPhotoRef,
  ZSignatureRef,
} from "./proof.schemas.ts";

const uuid = (what: string) => z.uuid(`${what} must be a valid id.`);

/** Ids the offline driver app generates for each queued action (a UUID or any stable token). */
const clientActionId = z
  .string()
  .trim()
  .min(8, "clientActionId must be at least 8 characters.")
  .max(100, "clientActionId must be at most 100 characters.")
  .regex(/^[A-Za-z0-9:_.-]+$/, "clientActionId may contain letters, digits and : _ . - only.");

export const ZGoOnlineRequest = z.object({ storeId: uuid("storeId") });
export const ZSetStatusRequest = z.object({
  status: z.enum(["available", "break"], "status must be available or break."),
});
export const ZOfferRequest = z.object({ offerId: uuid("offerId") });
export const ZMarkPickedUpRequest = z.object({
  deliveryId: uuid("deliveryId"),
  clientActionId,
  /** The bag checks the driver ticked (`current().bagChecks` lists the ones required). */
  checks: z.array(z.enum(BAG_CHECKS, "A bag check must be order, items or drinks.")).max(3).default([]),
});
export const ZMarkDeliveredRequest = z.object({
  deliveryId: uuid("deliveryId"),
  clientActionId,
  /** Cash orders: what the driver took, in the order's currency's minor units. */
  cashCollected: z
    .number()
    .int("cashCollected must be a whole number of minor units.")
    .min(0, "cashCollected cannot be negative.")
    .max(100_000_000)
    .optional(),
  /** Needed beyond ~300 m from the address (the driver's latest position); recorded and shown to the store. */
  awayReason: ZAwayReason.optional(),
  /** The photo uploaded through `photoUploadLink`. */
  photo: ZPhotoRef.optional(),
  /** The customer's signature (PNG) uploaded through `photoUploadLink({ purpose: "signature" })`. */
  signature: ZSignatureRef.optional(),
  /** The customer's 4-digit code, when the delivery's `codeRequired`. */
  handoverCode: ZHandoverCode.optional(),
});
export const ZAssignDeliveryRequest = z.object({
  orderId: uuid("orderId"),
  driverId: uuid("driverId").optional(),
});
export const ZOrderIdRequest = z.object({ orderId: uuid("orderId") });
export const ZShiftSummaryRequest = z
  .object({ shiftId: uuid("shiftId").optional() })
  .optional()
  .default({});

export type TGoOnlineRequest = z.infer<typeof ZGoOnlineRequest>;
export type TSetStatusRequest = z.infer<typeof ZSetStatusRequest>;
export type TMarkPickedUpRequest = z.infer<typeof ZMarkPickedUpRequest>;
export type TMarkDeliveredRequest = z.infer<typeof ZMarkDeliveredRequest>;
export type TAssignDeliveryRequest = z.infer<typeof ZAssignDeliveryRequest>;

// ── answers ──────────────────────────────────────────────────────────────────────────────────

const isoTime = z.string();
const latLng = { lat: z.number(), lng: z.number() };

export const ZDeliveryStage = z.enum([
  "waiting",
  "offered",
  "assigned",
  "picked_up",
  "delivered",
  "cancelled",
]);
const ZDriverState = z.enum(["offline", "available", "offered", "assigned", "break"]);
const ZPlace = z.object({ id: z.string(), name: z.string(), address: z.string(), ...latLng });
const ZDropoff = z.object({ ...latLng, address: z.unknown() });
const ZPosition = z.object({ ...latLng, at: isoTime });

export const ZGoOnlineResult = z.object({
  shiftId: z.string(),
  storeId: z.string(),
  startedAt: isoTime,
  state: ZDriverState,
});
export const ZSetStatusResult = z.object({
  status: z.enum(["offline", "available", "break"]),
  state: ZDriverState,
});
export const ZGoOfflineResult = z.object({
  shiftId: z.string().nullable(),
  endedAt: isoTime.nullable(),
  deliveries: z.number(),
  distanceM: z.number(),
  tips: z.number(),
});
export const ZShiftSummary = z
  .object({
    shiftId: z.string(),
    storeId: z.string(),
    startedAt: isoTime,
    endedAt: isoTime.nullable(),
    online: z.boolean(),
    state: ZDriverState,
    deliveries: z.number(),
    distanceM: z.number(),
    tips: z.number(),
    currency: z.string(),
    /** Time, fees, tips by kind, earnings and cash to hand in (earnings-figures.ts). */
    figures: ZEarningsFigures,
    /** What the store pays per delivery now (past deliveries keep the fee of their day). */
    feePerDelivery: z.number(),
  })
  .nullable();
export const ZDriverStore = z.object({
  id: z.string(),
  name: z.string(),
  address: z.string(),
  ...latLng,
  regionCode: z.string(),
});

/** An open offer as the driver's app shows it. */
/** A delivery's place on its trip (two orders of a store batched for one driver): stop `stop` of `stops`. */
export const ZTripPosition = z.object({ tripId: z.string(), stop: z.number(), stops: z.number() });

export const ZOfferView = z.object({
  offerId: z.string(),
  deliveryId: z.string(),
  orderId: z.string(),
  orderNumber: z.number(),
  store: ZPlace,
  dropoff: ZDropoff,
  distanceM: z.number(),
  pickupEtaS: z.number(),
  pay: z.number(),
  currency: z.string(),
  expiresAt: isoTime,
  /** One stop of a trip: accepting or declining this offer does it for every stop. */
  trip: ZTripPosition.nullable().optional(),
});
export const ZDeclineOfferResult = z.object({ offerId: z.string(), status: z.literal("declined") });

/** A delivery the driver holds: where to, what to collect; `current` adds the bag and the door. */
export const ZCurrentDeliveryView = z.object({
  deliveryId: z.string(),
  orderId: z.string(),
  orderNumber: z.number(),
  status: ZDeliveryStage,
  store: ZPlace,
  dropoff: ZDropoff,
  paymentMethod: z.enum(["card", "cash"]),
  /** Cash to collect at the door (minor units), 0 for card orders. */
  cashDue: z.number(),
  currency: z.string(),
  etaPickupAt: isoTime.nullable(),
  etaDropoffAt: isoTime.nullable(),
  items: z.array(z.object({ name: z.string(), kind: z.string(), quantity: z.number() })).optional(),
  itemCount: z.number().optional(),
  drinks: z.number().optional(),
  notes: z.string().nullable().optional(),
  customer: z.object({ name: z.string(), phone: z.string().nullable() }).optional(),
  /** On a trip: which stop this is (deliver in this order). */
  trip: ZTripPosition.nullable().optional(),
  /** The checks "Picked up" needs, all ticked (markPickedUp refuses otherwise). */
  bagChecks: z.array(z.enum(BAG_CHECKS)).optional(),
  /** The customer's code is asked at the door (the driver never gets the code itself). */
  codeRequired: z.boolean(),
  /** Five wrong codes: the store must confirm; `codeConfirmed`: it did, deliver without the code. */
  codeLocked: z.boolean(),
  codeConfirmed: z.boolean(),
});

/** The answer to a pick-up or drop-off (`replayed`: the same clientActionId was applied before). */
export const ZActionResult = z.object({
  deliveryId: z.string(),
  orderId: z.string(),
  status: ZDeliveryStage,
  at: isoTime,
  replayed: z.boolean(),
});

export const ZDriverOnTheWay = z.object({
  driverId: z.string(),
  name: z.string(),
  position: ZPosition.nullable(),
});
export const ZDeliveryStatus = z.object({
  orderId: z.string(),
  orderStatus: z.enum(ORDER_STATUSES),
  stage: z.union([ZDeliveryStage, z.enum(["not_started", "carryout"])]),
  driver: ZDriverOnTheWay.nullable(),
  etaPickupAt: isoTime.nullable(),
  etaDropoffAt: isoTime.nullable(),
  /** When the driver came within reach of the drop-off (delivery/arrival-watch.ts); null before. */
  arrivingAt: isoTime.nullable(),
  /** On a trip with another order: this order's stop ("2nd on this trip"); null otherwise. */
  trip: ZTripPosition.nullable(),
  /** For the store only: candidates, distances, ETAs, who declined or timed out, the offers. */
  explanation: z.record(z.string(), z.unknown()).nullable(),
  /** Once delivered: when, the photo (store and customer), where and why (store only). */
  proof: ZDeliveryProof.nullable(),
  /** The handover code's state (never the code) for the store and the driver; null when not needed. */
  handover: ZHandoverState.nullable(),
});

export const ZRosterDriver = z.object({
  driverId: z.string(),
  name: z.string(),
  vehicle: z.enum(["bike", "scooter", "car"]),
  state: ZDriverState,
  onShiftSince: isoTime.nullable(),
  position: ZPosition.nullable(),
  fresh: z.boolean(),
  rating: z.object({ average: z.number().nullable(), count: z.number() }).nullable(),
  offer: z.object({ deliveryId: z.string(), expiresAt: isoTime }).nullable(),
  currentDelivery: z
    .object({ deliveryId: z.string(), orderId: z.string(), orderNumber: z.number(), status: ZDeliveryStage })
    .nullable(),
  /** The open shift's figures (null off shift) and this week's (the store's time zone). */
  earnings: z.object({ shift: ZEarningsFigures.nullable(), week: ZEarningsFigures }),
});
export const ZRoster = z.object({ storeId: z.string(), drivers: z.array(ZRosterDriver) });

export type TDeliveryStage = z.infer<typeof ZDeliveryStage>;
export type TGoOnlineResult = z.infer<typeof ZGoOnlineResult>;
export type TSetStatusResult = z.infer<typeof ZSetStatusResult>;
export type TGoOfflineResult = z.infer<typeof ZGoOfflineResult>;
export type TShiftSummary = z.infer<typeof ZShiftSummary>;
export type TDriverStore = z.infer<typeof ZDriverStore>;
export type TOfferView = z.infer<typeof ZOfferView>;
export type TDeclineOfferResult = z.infer<typeof ZDeclineOfferResult>;
export type TCurrentDeliveryView = z.infer<typeof ZCurrentDeliveryView>;
export type TActionResult = z.infer<typeof ZActionResult>;
export type TDriverOnTheWay = z.infer<typeof ZDriverOnTheWay>;
export type TDeliveryStatus = z.infer<typeof ZDeliveryStatus>;
export type TRosterDriver = z.infer<typeof ZRosterDriver>;
export type TRoster = z.infer<typeof ZRoster>;
