import { z } from "zod";

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
export const ZMarkPickedUpRequest = z.object({ deliveryId: uuid("deliveryId"), clientActionId });
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
});
export const ZAssignDeliveryRequest = z.object({
  orderId: uuid("orderId"),
  driverId: uuid("driverId").optional(),
});
export const ZOrderIdRequest = z.object({ orderId: uuid("orderId") });
export const ZRosterRequest = z
  .object({ storeId: uuid("storeId").optional() })
  .optional()
  .default({});
export const ZShiftSummaryRequest = z
  .object({ shiftId: uuid("shiftId").optional() })
  .optional()
  .default({});

export type TGoOnlineRequest = z.infer<typeof ZGoOnlineRequest>;
export type TSetStatusRequest = z.infer<typeof ZSetStatusRequest>;
export type TMarkPickedUpRequest = z.infer<typeof ZMarkPickedUpRequest>;
export type TMarkDeliveredRequest = z.infer<typeof ZMarkDeliveredRequest>;
export type TAssignDeliveryRequest = z.infer<typeof ZAssignDeliveryRequest>;
