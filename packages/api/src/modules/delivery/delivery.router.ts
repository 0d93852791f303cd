// The `delivery` procedures: drivers' shift, offers and actions; staff's override and roster; the
// delivery status for everyone who may follow the order. Each one calls one use case.
import type { TRPCRouterRecord } from "@trpc/server";
import { z } from "zod";
import { driverProcedure, protectedProcedure, staffProcedure, storeStaffProcedure } from "../../trpc.ts";
import {
  ZActionResult,
  ZAssignDeliveryRequest,
  ZCurrentDeliveryView,
  ZDeclineOfferResult,
  ZDeliveryStatus,
  ZDriverStore,
  ZGoOfflineResult,
  ZGoOnlineRequest,
  ZGoOnlineResult,
  ZMarkDeliveredRequest,
  ZMarkPickedUpRequest,
  ZOfferRequest,
  ZOfferView,
  ZOrderIdRequest,
  ZRoster,
  ZSetStatusRequest,
  ZSetStatusResult,
  ZShiftSummary,
  ZShiftSummaryRequest,
} from "./delivery.schemas.ts";
import { ZEarningsExport, ZEarningsExportRequest, ZWeeklyEarnings } from "./earnings.schemas.ts";
import { ZPhotoUploadLink, ZPhotoUploadLinkRequest } from "./proof.schemas.ts";

const none = z.object({}).strict().optional();

export const deliveryRouter = {
  // ── drivers ──
  goOnline: driverProcedure
    .input(ZGoOnlineRequest)
    .output(ZGoOnlineResult)
    .mutation(({ ctx, input }) => ctx.services.delivery.goOnline(ctx.user, input)),
  setStatus: driverProcedure
    .input(ZSetStatusRequest)
    .output(ZSetStatusResult)
    .mutation(({ ctx, input }) => ctx.services.delivery.setStatus(ctx.user, input)),
  goOffline: driverProcedure
    .input(none)
    .output(ZGoOfflineResult)
    .mutation(({ ctx }) => ctx.services.delivery.goOffline(ctx.user)),
  myOffers: driverProcedure
    .input(none)
    .output(z.array(ZOfferView))
    .query(({ ctx }) => ctx.services.delivery.myOffers(ctx.user)),
  current: driverProcedure
    .input(none)
    .output(z.array(ZCurrentDeliveryView))
    .query(({ ctx }) => ctx.services.delivery.current(ctx.user)),
  myStores: driverProcedure
    .input(none)
    .output(z.array(ZDriverStore))
    .query(({ ctx }) => ctx.services.delivery.myStores(ctx.user)),
  acceptOffer: driverProcedure
    .input(ZOfferRequest)
    .output(ZCurrentDeliveryView)
    .mutation(({ ctx, input }) => ctx.services.delivery.acceptOffer(ctx.user, input.offerId)),
  declineOffer: driverProcedure
    .input(ZOfferRequest)
    .output(ZDeclineOfferResult)
    .mutation(({ ctx, input }) => ctx.services.delivery.declineOffer(ctx.user, input.offerId)),
  markPickedUp: driverProcedure
    .input(ZMarkPickedUpRequest)
    .output(ZActionResult)
    .mutation(({ ctx, input }) => ctx.services.delivery.markPickedUp(ctx.user, input)),
  markDelivered: driverProcedure
    .input(ZMarkDeliveredRequest)
    .output(ZActionResult)
    .mutation(({ ctx, input }) => ctx.services.delivery.markDelivered(ctx.user, input)),
  /** The delivery's driver only: a signed link to upload the drop-off photo to (then `markDelivered({ photo })`). */
  photoUploadLink: driverProcedure
    .input(ZPhotoUploadLinkRequest)
    .output(ZPhotoUploadLink)
    .mutation(({ ctx, input }) => ctx.services.delivery.photoUploadLink(ctx.user, input)),
  shiftSummary: driverProcedure
    .input(ZShiftSummaryRequest)
    .output(ZShiftSummary)
    .query(({ ctx, input }) => ctx.services.delivery.shiftSummary(ctx.user, input)),
  /** This week and last week, per day and in total, in the home store's time zone. */
  weeklyEarnings: driverProcedure
    .input(none)
    .output(ZWeeklyEarnings)
    .query(({ ctx }) => ctx.services.delivery.weeklyEarnings(ctx.user)),
  // ── staff ──
  assignDelivery: staffProcedure
    .input(ZAssignDeliveryRequest)
    .output(ZDeliveryStatus)
    .mutation(({ ctx, input }) => ctx.services.delivery.assignDelivery(ctx.user, input)),
  /** Staff: their own store's drivers; admins name the store. */
  roster: storeStaffProcedure.output(ZRoster).query(({ ctx }) => ctx.services.delivery.roster(ctx.storeId)),
  /** Staff: a row per delivery of this or last week (all the store's drivers or one), for the CSV export. */
  earningsExport: storeStaffProcedure
    .input(ZEarningsExportRequest)
    .output(ZEarningsExport)
    .query(({ ctx, input }) => ctx.services.delivery.earningsExport(ctx.storeId, input)),
  // ── the order's customer, its driver, its store ──
  getDeliveryStatus: protectedProcedure
    .input(ZOrderIdRequest)
    .output(ZDeliveryStatus)
    .query(({ ctx, input }) => ctx.services.delivery.getDeliveryStatus(ctx.user, input.orderId)),
} satisfies TRPCRouterRecord;
