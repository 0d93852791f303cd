import type { TRPCRouterRecord } from "@trpc/server";
import { z } from "zod";
import { customerProcedure, storeStaffProcedure } from "../../trpc.ts";
import {
  ZGoodwillGranted,
  ZGrantGoodwill,
  ZLoyaltyBalance,
  ZLoyaltyEntry,
  ZLoyaltyHistoryInput,
  ZLoyaltyRewards,
  ZLoyaltyRewardsInput,
} from "./loyalty.schemas.ts";

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
  /** The rewards of the cart's region the caller can spend points on, each with whether they can afford it. */
  rewards: customerProcedure
    .input(ZLoyaltyRewardsInput)
    .output(ZLoyaltyRewards)
    .query(({ ctx, input }) => ctx.services.loyalty.rewards(ctx.user, input.regionCode)),
  /** A store manager (or an admin) grants goodwill points to the customer of one of the store's orders. */
  grantGoodwill: storeStaffProcedure
    .input(ZGrantGoodwill)
    .output(ZGoodwillGranted)
    .mutation(({ ctx, input }) => ctx.services.loyalty.grantGoodwill(ctx.user, ctx.storeId, input)),
} satisfies TRPCRouterRecord;
