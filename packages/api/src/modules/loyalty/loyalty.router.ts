import type { TRPCRouterRecord } from "@trpc/server";
import { z } from "zod";
import { callerLocale } from "../../i18n/caller-locale.ts";
import { adminProcedure, customerProcedure, storeStaffProcedure } from "../../trpc.ts";
import {
  ZGoodwillGranted,
  ZGoodwillOrder,
  ZGoodwillOrderInput,
  ZGrantGoodwill,
  ZLoyaltyBalance,
  ZLoyaltyEntry,
  ZLoyaltyHistoryInput,
  ZLoyaltyRewards,
  ZLoyaltyRewardsInput,
} from "./loyalty.schemas.ts";
import {
  ZCatalogueReward,
  ZCreateReward,
  ZRegionRewardsInput,
  ZUpdateReward,
} from "./reward-catalogue.schemas.ts";

export const loyaltyRouter = {
  /** The caller's points now (expired credits left out) and the next credit to expire. */
  balance: customerProcedure
    .input(z.object({}).strict().optional())
    .output(ZLoyaltyBalance)
    .query(({ ctx }) => ctx.services.loyalty.balance(ctx.user)),
  /** The caller's points ledger, newest first. */
  history: customerProcedure
    .input(ZLoyaltyHistoryInput)
    .output(z.array(ZLoyaltyEntry))
    .query(({ ctx, input }) => ctx.services.loyalty.history(ctx.user, input?.limit)),
  /** The rewards of the cart's region the caller can spend points on, named in the caller's language. */
  rewards: customerProcedure
    .input(ZLoyaltyRewardsInput)
    .output(ZLoyaltyRewards)
    .query(async ({ ctx, input }) =>
      ctx.services.loyalty.rewards(ctx.user, input.regionCode, await callerLocale(ctx)),
    ),
  /** Whether the caller may grant goodwill points at the store (managers and admins; crew may not). */
  goodwillAccess: storeStaffProcedure
    .output(z.object({ canGrant: z.boolean() }))
    .query(async ({ ctx }) => ({ canGrant: await ctx.services.loyalty.mayGrantGoodwill(ctx.user) })),
  /** A manager finds one of the store's orders by its number: its customer's points and goodwill so far. */
  goodwillOrder: storeStaffProcedure
    .input(ZGoodwillOrderInput)
    .output(ZGoodwillOrder)
    .query(({ ctx, input }) => ctx.services.loyalty.goodwillOrder(ctx.user, ctx.storeId, input.orderNumber)),
  /** A store manager (or an admin) grants goodwill points to the customer of one of the store's orders. */
  grantGoodwill: storeStaffProcedure
    .input(ZGrantGoodwill)
    .output(ZGoodwillGranted)
    .mutation(({ ctx, input }) => ctx.services.loyalty.grantGoodwill(ctx.user, ctx.storeId, input)),
  /** Admins: every reward of a region, withdrawn ones too, with its names in en/de/ja. */
  catalogue: adminProcedure
    .input(ZRegionRewardsInput)
    .output(z.array(ZCatalogueReward))
    .query(({ ctx, input }) => ctx.services.loyalty.catalogue(input.regionCode)),
  /** Admins: a new reward in a region's catalogue. */
  createReward: adminProcedure
    .input(ZCreateReward)
    .output(ZCatalogueReward)
    .mutation(({ ctx, input }) => ctx.services.loyalty.createReward(input)),
  /** Admins: a reward's names, points, kind and whether it is offered. */
  updateReward: adminProcedure
    .input(ZUpdateReward)
    .output(ZCatalogueReward)
    .mutation(({ ctx, input }) => ctx.services.loyalty.updateReward(input)),
} satisfies TRPCRouterRecord;
