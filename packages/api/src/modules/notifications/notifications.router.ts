import type { TRPCRouterRecord } from "@trpc/server";
import { z } from "zod";
import { adminProcedure, protectedProcedure } from "../../trpc.ts";
import {
  ZFailedDelivery,
  ZFailedRequest,
  ZPreferences,
  ZSetPreferenceRequest,
} from "./notifications.schemas.ts";

export const notificationsRouter = {
  /** Admins: messages that failed after their last retry, newest first, with the last error. */
  failed: adminProcedure
    .input(ZFailedRequest)
    .output(z.array(ZFailedDelivery))
    .query(({ ctx, input }) => ctx.services.notifications.failed(input.limit)),
  /** The signed-in user's channels per kind of message (their own choice or the default). */
  preferences: protectedProcedure
    .output(ZPreferences)
    .query(({ ctx }) => ctx.services.notifications.preferences(ctx.user)),
  /** The signed-in user chooses the channels of one kind (marketing only with consent). */
  setPreference: protectedProcedure
    .input(ZSetPreferenceRequest)
    .output(ZPreferences)
    .mutation(({ ctx, input }) => ctx.services.notifications.setPreference(ctx.user, input)),
} satisfies TRPCRouterRecord;
