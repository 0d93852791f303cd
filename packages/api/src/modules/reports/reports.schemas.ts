// The reports' input (one filter for every report) and answers. Dates are the stores' local calendar days,
// `to` included; money is in minor units of each currency, never summed across currencies.
import { z } from "zod";

const ZDay = z.iso.date("Dates look like 2026-12-07.");

export const ZReportFilter = z
  .object({
    from: ZDay,
    to: ZDay,
    /** Staff: their own store (may be omitted). Admins: one store, or with `regionCode` a region, or neither: the chain. */
    storeId: z.uuid("Store id must be a UUID.").optional(),
    regionCode: z.string().trim().min(2).max(8).optional(),
    channel: z.enum(["delivery", "carryout"]).optional(),
    bucket: z.enum(["hour", "day", "week"]).default("day"),
  })
  .strict();
export type ReportFilter = z.infer<typeof ZReportFilter>;

/** p50/p90 of a duration in whole seconds (null when nothing was measured). */
const ZSpread = z.object({ count: z.number(), p50: z.number().nullable(), p90: z.number().nullable() });

export const ZSalesReport = z.object({
  totals: z.array(
    z.object({
      currency: z.string(),
      orders: z.number(),
      cancelled: z.number(),
      sales: z.number(),
      averageTicket: z.number().nullable(),
    }),
  ),
  buckets: z.array(
    z.object({ bucket: z.string(), currency: z.string(), orders: z.number(), sales: z.number() }),
  ),
});

export const ZDeliveryTimesReport = z.object({
  delivered: z.number(),
  late: z.number(),
  placedToOut: ZSpread,
  outToDelivered: ZSpread,
  placedToDelivered: ZSpread,
});

export const ZKitchenTimesReport = z.object({
  stages: z.array(z.object({ stage: z.string() }).extend(ZSpread.shape)),
});

export const ZDriverUtilisationReport = z.object({
  drivers: z.array(
    z.object({
      driverId: z.string(),
      name: z.string(),
      shiftSeconds: z.number(),
      busySeconds: z.number(),
      deliveries: z.number(),
      utilisation: z.number().nullable(),
    }),
  ),
  shiftSeconds: z.number(),
  busySeconds: z.number(),
  utilisation: z.number().nullable(),
});

export const ZCostReport = z.object({
  currencies: z.array(
    z.object({
      currency: z.string(),
      promoOrders: z.number(),
      promoCost: z.number(),
      rewardOrders: z.number(),
      rewardCost: z.number(),
      pointsRedeemed: z.number(),
      /** Orders with a deal, and what the deals took off their lines' regular prices. */
      dealOrders: z.number(),
      dealCost: z.number(),
    }),
  ),
});

export const ZRatingsReport = z.object({
  count: z.number(),
  average: z.number().nullable(),
  buckets: z.array(z.object({ bucket: z.string(), count: z.number(), average: z.number() })),
});

export type SalesReport = z.infer<typeof ZSalesReport>;
export type DeliveryTimesReport = z.infer<typeof ZDeliveryTimesReport>;
export type KitchenTimesReport = z.infer<typeof ZKitchenTimesReport>;
export type DriverUtilisationReport = z.infer<typeof ZDriverUtilisationReport>;
export type CostReport = z.infer<typeof ZCostReport>;
export type RatingsReport = z.infer<typeof ZRatingsReport>;
