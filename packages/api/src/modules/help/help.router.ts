import type { TRPCRouterRecord } from "@trpc/server";
import { z } from "zod";
import { customerProcedure, storeStaffProcedure } from "../../trpc.ts";
import {
  ZFileHelpRequest,
  ZHelpOrderRef,
  ZHelpPhotoRef,
  ZHelpPhotoUploadLink,
  ZHelpPhotoUploadRequest,
  ZHelpRequestView,
  ZResolveHelpRequest,
  ZStoreHelpRequest,
} from "./help.schemas.ts";

export const helpRouter = {
  /** "Problem with my order": the customer's own order, one open request at a time, rate-limited. */
  file: customerProcedure
    .input(ZFileHelpRequest)
    .output(ZHelpRequestView)
    .mutation(({ ctx, input }) => ctx.services.help.file(ctx.user, input)),
  /** A signed link to upload a help photo straight to the blob store (JPEG/PNG/WebP, ≤ 2 MB, 10 an hour). */
  photoUploadLink: customerProcedure
    .input(ZHelpPhotoUploadRequest)
    .output(ZHelpPhotoUploadLink)
    .mutation(({ ctx, input }) => ctx.services.help.photoUploadLink(ctx.user, input)),
  /** The uploaded photo checked, normalised (no EXIF) and kept: its `photoId` for `file`. */
  confirmPhoto: customerProcedure
    .input(ZHelpPhotoRef)
    .output(z.object({ photoId: z.string() }))
    .mutation(({ ctx, input }) => ctx.services.help.confirmPhoto(ctx.user, input)),
  /** The caller's requests about one of their orders (the tracker shows the outcome). */
  forOrder: customerProcedure
    .input(ZHelpOrderRef)
    .output(z.array(ZHelpRequestView))
    .query(({ ctx, input }) => ctx.services.help.forOrder(ctx.user, input.orderId)),
  /** The caller's latest request per order (the order history). */
  mine: customerProcedure
    .input(z.object({}).strict().optional())
    .output(z.array(ZHelpRequestView))
    .query(({ ctx }) => ctx.services.help.mine(ctx.user)),
  /** Staff: the store's open requests with their orders. */
  forStore: storeStaffProcedure
    .output(z.array(ZStoreHelpRequest))
    .query(({ ctx }) => ctx.services.help.forStore(ctx.storeId)),
  /** Staff: refund (lines, an amount or all), credit, or decline, in one action. */
  resolve: storeStaffProcedure
    .input(ZResolveHelpRequest)
    .output(ZHelpRequestView)
    .mutation(({ ctx, input }) => ctx.services.help.resolve(ctx.user, input)),
} satisfies TRPCRouterRecord;
