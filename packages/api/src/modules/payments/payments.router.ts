import type { TRPCRouterRecord } from "@trpc/server";
import { z } from "zod";
import { inCallerLanguage } from "../../i18n/localize-output.ts";
import { customerProcedure, protectedProcedure, publicProcedure } from "../../trpc.ts";
import { ZApplyPromoCodeRequest } from "../orders/apply-promo-code.ts";
import {
  ZConfirmActionRequest,
  ZOrderRef,
  ZPaymentConfig,
  ZPaymentResult,
  ZPaymentView,
  ZProcessPaymentRequest,
  ZSavedCard,
  ZSavedCardRef,
} from "./payments.schemas.ts";

export const paymentRouter = {
  /** Which gateway the app should talk to (Stripe Elements with the publishable key, or the simulated card form). */
  config: publicProcedure
    .input(z.object({}).strict().optional())
    .output(ZPaymentConfig)
    .query(({ ctx }) => ctx.services.payments.config()),
  processPayment: customerProcedure
    .input(ZProcessPaymentRequest)
    .output(ZPaymentResult)
    .mutation(({ ctx, input }) => ctx.services.payments.processPayment(ctx.user, input)),
  /** After 3-D Secure in the client: records how the authentication ended. */
  confirmAction: customerProcedure
    .input(ZConfirmActionRequest)
    .output(ZPaymentResult)
    .mutation(({ ctx, input }) => ctx.services.payments.confirmAction(ctx.user, input)),
  /** Gives up on a 3-D Secure challenge: the intent is cancelled, the attempt failed, the order may change again. */
  cancelAttempt: customerProcedure
    .input(ZOrderRef)
    .output(ZPaymentResult)
    .mutation(({ ctx, input }) => ctx.services.payments.cancelAttempt(ctx.user, input)),
  /** The caller's cards saved at Stripe (`processPayment` with `saveCard`); none with the simulated gateway. */
  savedCards: customerProcedure
    .input(z.object({}).strict().optional())
    .output(z.array(ZSavedCard))
    .query(({ ctx }) => ctx.services.payments.savedCards(ctx.user)),
  /** Removes (detaches) one of the caller's saved cards for good; someone else's is "not found". Answers the cards left. */
  removeSavedCard: customerProcedure
    .input(ZSavedCardRef)
    .output(z.array(ZSavedCard))
    .mutation(({ ctx, input }) => ctx.services.payments.removeSavedCard(ctx.user, input.cardId)),
  getPayment: protectedProcedure
    .input(ZOrderRef)
    .output(ZPaymentView)
    .query(({ ctx, input }) => ctx.services.payments.getPayment(ctx.user, input.orderId)),
  /**
   * Applies a code to the caller's own order while it can still change: re-priced, a new version, the
   * code redeemed, by the orders module (`ctx.services.orders.applyPromoCode`). A quote against a cart, writing nothing, is `promo.check`.
   */
  applyPromoCode: customerProcedure
    .input(ZApplyPromoCodeRequest)
    .mutation(async ({ ctx, input }) =>
      inCallerLanguage(ctx, await ctx.services.orders.applyPromoCode(ctx.user, input)),
    ),
} satisfies TRPCRouterRecord;
