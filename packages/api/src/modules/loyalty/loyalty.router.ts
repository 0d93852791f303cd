import type { TRPCRouterRecord } from "@trpc/server";
import { z } from "zod";
import { customerProcedure } from "../../trpc.ts";
import { ZLoyaltyBalance, ZLoyaltyEntry, ZLoyaltyHistoryInput } from "./loyalty.schemas.ts";

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
} satisfies TRPCRouterRecord;
