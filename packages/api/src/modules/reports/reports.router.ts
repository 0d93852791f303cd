// reports.*: the chain's figures for store managers (their store) and head office (a store, a region,
// the chain), one procedure per report, all with the same filter (`ZReportFilter`).
import type { TRPCRouterRecord } from "@trpc/server";
import { z } from "zod";
import { staffProcedure } from "../../trpc.ts";
import {
  ZCostReport,
  ZDeliveryTimesReport,
  ZDriverUtilisationReport,
  ZKitchenTimesReport,
  ZRatingsReport,
  ZReportFilter,
  ZSalesReport,
} from "./reports.schemas.ts";

const report = staffProcedure.input(ZReportFilter);

export const reportsRouter = {
  /**
   * May the caller open the reports (store managers, region managers, admins), choose the chain (admins),
   * and which region is theirs (a region manager's; null for everyone else). The store console builds its
   * tabs and store picker from this.
   */
  access: staffProcedure
    .output(z.object({ canView: z.boolean(), chain: z.boolean(), regionCode: z.string().nullable() }))
    .query(({ ctx }) => ctx.services.reports.access(ctx.user)),
  /** Orders and sales by hour/day/week, with the average ticket, per currency. */
  sales: report.output(ZSalesReport).query(({ ctx, input }) => ctx.services.reports.sales(ctx.user, input)),
  /** placed → out → delivered with p50/p90, and late deliveries. */
  deliveryTimes: report
    .output(ZDeliveryTimesReport)
    .query(({ ctx, input }) => ctx.services.reports.deliveryTimes(ctx.user, input)),
  /** Time spent in each kitchen stage, p50/p90. */
  kitchenTimes: report
    .output(ZKitchenTimesReport)
    .query(({ ctx, input }) => ctx.services.reports.kitchenTimes(ctx.user, input)),
  /** Shift time, busy time and utilisation per driver. */
  drivers: report
    .output(ZDriverUtilisationReport)
    .query(({ ctx, input }) => ctx.services.reports.drivers(ctx.user, input)),
  /** Promo and loyalty reward cost per currency. */
  costs: report.output(ZCostReport).query(({ ctx, input }) => ctx.services.reports.costs(ctx.user, input)),
  /** Ratings over time. */
  ratings: report
    .output(ZRatingsReport)
    .query(({ ctx, input }) => ctx.services.reports.ratings(ctx.user, input)),
} satisfies TRPCRouterRecord;
