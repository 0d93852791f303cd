import type { TRPCRouterRecord } from "@trpc/server";
import { z } from "zod";
import { driverProcedure, protectedProcedure, staffProcedure } from "../../trpc.ts";
import {
  ZAssignDeliveryRequest,
  ZGoOnlineRequest,
  ZMarkDeliveredRequest,
  ZMarkPickedUpRequest,
  ZOfferRequest,
  ZOrderIdRequest,
  ZRosterRequest,
  ZSetStatusRequest,
  ZShiftSummaryRequest,
} from "./delivery.schemas.ts";

const none = z.object({}).strict().optional();

export const deliveryRouter = {
  // ── drivers ──
  goOnline: driverProcedure
    .input(ZGoOnlineRequest)
    .mutation(({ ctx, input }) => ctx.services.delivery.goOnline(ctx.user, input)),
  setStatus: driverProcedure
    .input(ZSetStatusRequest)
    .mutation(({ ctx, input }) => ctx.services.delivery.setStatus(ctx.user, input)),
  goOffline: driverProcedure.input(none).mutation(({ ctx }) => ctx.services.delivery.goOffline(ctx.user)),
  myOffers: driverProcedure.input(none).query(({ ctx }) => ctx.services.delivery.myOffers(ctx.user)),
  current: driverProcedure.input(none).query(({ ctx }) => ctx.services.delivery.current(ctx.user)),
  myStores: driverProcedure.input(none).query(({ ctx }) => ctx.services.delivery.myStores(ctx.user)),
  acceptOffer: driverProcedure
    .input(ZOfferRequest)
    .mutation(({ ctx, input }) => ctx.services.delivery.acceptOffer(ctx.user, input.offerId)),
  declineOffer: driverProcedure
    .input(ZOfferRequest)
    .mutation(({ ctx, input }) => ctx.services.delivery.declineOffer(ctx.user, input.offerId)),
  markPickedUp: driverProcedure
    .input(ZMarkPickedUpRequest)
    .mutation(({ ctx, input }) => ctx.services.delivery.markPickedUp(ctx.user, input)),
  markDelivered: driverProcedure
    .input(ZMarkDeliveredRequest)
    .mutation(({ ctx, input }) => ctx.services.delivery.markDelivered(ctx.user, input)),
  shiftSummary: driverProcedure
    .input(ZShiftSummaryRequest)
    .query(({ ctx, input }) => ctx.services.delivery.shiftSummary(ctx.user, input)),
  // ── staff ──
  assignDelivery: staffProcedure
    .input(ZAssignDeliveryRequest)
    .mutation(({ ctx, input }) => ctx.services.delivery.assignDelivery(ctx.user, input)),
  roster: staffProcedure
    .input(ZRosterRequest)
    .query(({ ctx, input }) => ctx.services.delivery.roster(ctx.user, input)),
  // ── the order's customer, its driver, its store ──
  getDeliveryStatus: protectedProcedure
    .input(ZOrderIdRequest)
    .query(({ ctx, input }) => ctx.services.delivery.getDeliveryStatus(ctx.user, input.orderId)),
} satisfies TRPCRouterRecord;
