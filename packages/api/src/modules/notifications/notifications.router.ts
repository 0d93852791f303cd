import type { TRPCRouterRecord } from "@trpc/server";
import { z } from "zod";
import { adminProcedure, protectedProcedure, publicProcedure } from "../../trpc.ts";
import {
  ZFailedDelivery,
  ZFailedRequest,
  ZPreferences,
  ZPushKey,
  ZPushSubscribe,
  ZPushUnsubscribe,
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
  /** Anyone: the VAPID public key a browser subscribes with (null when this server has push off). */
  pushKey: publicProcedure.output(ZPushKey).query(({ ctx }) => ctx.services.notifications.push.key()),
  /** The signed-in user subscribes this browser (driver accounts: driver app; customers: customer web). */
  subscribePush: protectedProcedure
    .input(ZPushSubscribe)
    .output(z.object({ subscribed: z.literal(true) }))
    .mutation(({ ctx, input }) => ctx.services.notifications.push.subscribe(ctx.user, input)),
  /** Removes one of the caller's own subscriptions (another's or an unknown one: NOT_FOUND). */
  unsubscribePush: protectedProcedure
    .input(ZPushUnsubscribe)
    .output(z.object({ unsubscribed: z.literal(true) }))
    .mutation(({ ctx, input }) => ctx.services.notifications.push.unsubscribe(ctx.user, input.endpoint)),
} satisfies TRPCRouterRecord;
