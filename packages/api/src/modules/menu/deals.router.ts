import type { TRPCRouterRecord } from "@trpc/server";
import { z } from "zod";
import { adminProcedure } from "../../trpc.ts";
import {
  ZAdminDeal,
  ZCreateDeal,
  ZDealIdInput,
  ZRegionDealsInput,
  ZUpdateDeal,
} from "./deal-admin.schemas.ts";

/** Admins keep each region's deals (issue 22); customers see them in `menu.getMenu` and in their prices. */
export const dealRouter = {
  /** Every deal of a region, withdrawn and ended ones too, with its names in en/de/ja. */
  list: adminProcedure
    .input(ZRegionDealsInput)
    .output(z.array(ZAdminDeal))
    .query(({ ctx, input }) => ctx.services.deals.list(input.regionCode)),
  /** A new deal in a region. */
  create: adminProcedure
    .input(ZCreateDeal)
    .output(ZAdminDeal)
    .mutation(({ ctx, input }) => ctx.services.deals.create(ctx.user, input)),
  /** A deal's names, price, slots, window and whether it is offered. */
  update: adminProcedure
    .input(ZUpdateDeal)
    .output(ZAdminDeal)
    .mutation(({ ctx, input }) => ctx.services.deals.update(ctx.user, input)),
  /** Stops offering a deal at once. */
  deactivate: adminProcedure
    .input(ZDealIdInput)
    .output(ZAdminDeal)
    .mutation(({ ctx, input }) => ctx.services.deals.deactivate(ctx.user, input.id)),
} satisfies TRPCRouterRecord;
