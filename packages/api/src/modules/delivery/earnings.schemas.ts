// Shapes of a driver's earnings (issue 20): one set of figures for a shift, a day or a week, the driver's
// weekly summary, and the rows of the store's CSV export. Money is integer minor units of `currency`.
import { z } from "zod";

const isoTime = z.string();

export const ZEarningsFigures = z.object({
  deliveries: z.number(),
  /** Distance driven, from accepted positions (a shift's distance counts on the day it started). */
  distanceM: z.number(),
  /** Clocked in, in seconds (a shift counts on the day it started; an open one up to now). */
  onShiftS: z.number(),
  /** From assignment (or pick-up) to the door, summed over the deliveries, in seconds. */
  onDeliveryS: z.number(),
  /** The store's fee per delivery, as it was at each delivery. */
  fees: z.number(),
  tipsCard: z.number(),
  /** Tips of cash orders: kept by the driver, not handed in. */
  tipsCash: z.number(),
  tips: z.number(),
  /** fees + tips */
  earnings: z.number(),
  /** The cash orders' totals less their tips: what the driver hands in at the store. */
  cashToHandIn: z.number(),
  currency: z.string(),
});
export const ZEarningsDay = ZEarningsFigures.extend({ date: z.string() });
export const ZEarningsWeek = z.object({
  /** The week's first local midnight (Monday) and the next one, in the store's time zone. */
  from: isoTime,
  to: isoTime,
  days: z.array(ZEarningsDay),
  totals: ZEarningsFigures,
});
export const ZWeeklyEarnings = z.object({
  storeId: z.string(),
  timezone: z.string(),
  feePerDelivery: z.number(),
  currency: z.string(),
  thisWeek: ZEarningsWeek,
  lastWeek: ZEarningsWeek,
});

export const ZEarningsExportRequest = z.object({
  week: z.enum(["this", "last"], "week must be this or last.").default("this"),
  driverId: z.uuid("driverId must be a valid id.").optional(),
});
export const ZEarningsExportRow = z.object({
  driverId: z.string(),
  driverName: z.string(),
  deliveryId: z.string(),
  orderId: z.string(),
  orderNumber: z.number(),
  deliveredAt: isoTime,
  paymentMethod: z.enum(["card", "cash"]),
  onDeliveryS: z.number(),
  fee: z.number(),
  tipCard: z.number(),
  tipCash: z.number(),
  earnings: z.number(),
  cashToHandIn: z.number(),
  currency: z.string(),
});
export const ZEarningsExport = z.object({
  storeId: z.string(),
  timezone: z.string(),
  from: isoTime,
  to: isoTime,
  rows: z.array(ZEarningsExportRow),
});

export type TEarningsFigures = z.infer<typeof ZEarningsFigures>;
export type TEarningsWeek = z.infer<typeof ZEarningsWeek>;
export type TWeeklyEarnings = z.infer<typeof ZWeeklyEarnings>;
export type TEarningsExportRequest = z.infer<typeof ZEarningsExportRequest>;
export type TEarningsExportRow = z.infer<typeof ZEarningsExportRow>;
export type TEarningsExport = z.infer<typeof ZEarningsExport>;
