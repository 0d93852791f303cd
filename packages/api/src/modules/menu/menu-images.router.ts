// `menuImage.*` (issue 22): admins give menu items, deals and promos their pictures (a signed upload, then
// save); anyone reads a menu's promo banners. Item and deal pictures come with `menu.getMenu`.
import type { TRPCRouterRecord } from "@trpc/server";
import { adminProcedure, publicProcedure } from "../../trpc.ts";
import {
  ZImageSubject,
  ZMenuImageSave,
  ZMenuImageUploadRequest,
  ZPromoBannersRequest,
} from "./menu-images.schemas.ts";

export const menuImageRouter = {
  /** A signed upload (15 min) for the picture's bytes, after the subject, alt text, type, size and hourly limit are checked. */
  uploadLink: adminProcedure
    .input(ZMenuImageUploadRequest)
    .mutation(({ ctx, input }) => ctx.services.menuImages.uploadLink(ctx.user, input)),
  /** The uploaded picture rendered, stored and made the subject's picture; the menus show it at once. */
  save: adminProcedure
    .input(ZMenuImageSave)
    .mutation(({ ctx, input }) => ctx.services.menuImages.save(ctx.user, input)),
  remove: adminProcedure
    .input(ZImageSubject)
    .mutation(({ ctx, input }) => ctx.services.menuImages.remove(input)),
  /** Every menu item, deal and public promo with its current picture (the console's picker). */
  subjects: adminProcedure.query(({ ctx }) => ctx.services.menuImages.subjects()),
  /** The promos shown as banners on a store's menu now, with their pictures in the locale. */
  promoBanners: publicProcedure
    .input(ZPromoBannersRequest)
    .query(({ ctx, input }) => ctx.services.menuImages.promoBanners(input)),
} satisfies TRPCRouterRecord;
