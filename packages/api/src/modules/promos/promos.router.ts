import type { TRPCRouterRecord } from "@trpc/server";
import { adminProcedure, customerProcedure } from "../../trpc.ts";
import {
  PromoAdmin,
  ZPromoCreateRequest,
  ZPromoListRequest,
  ZPromoRedemptionsRequest,
  ZPromoSetActiveRequest,
} from "./promo-admin.ts";
import { ZPromoCheckRequest } from "./promos.schemas.ts";

export const promoRouter = {
  /** The discount breakdown, or the precise reason the code does not apply. `payment.applyPromoCode` delegates here. */
  check: customerProcedure
    .input(ZPromoCheckRequest)
    .query(({ ctx, input }) => ctx.services.promos.checkFor(ctx.user, input)),
  // ── admins (the store console): create, list, pause/resume, redemptions ──
  list: adminProcedure
    .input(ZPromoListRequest)
    .query(({ ctx, input }) => new PromoAdmin(ctx.platform.db).list(input)),
  create: adminProcedure
    .input(ZPromoCreateRequest)
    .mutation(({ ctx, input }) => new PromoAdmin(ctx.platform.db).create(ctx.user, input)),
  setActive: adminProcedure
    .input(ZPromoSetActiveRequest)
    .mutation(({ ctx, input }) => new PromoAdmin(ctx.platform.db).setActive(input)),
  redemptions: adminProcedure
    .input(ZPromoRedemptionsRequest)
    .query(({ ctx, input }) => new PromoAdmin(ctx.platform.db).redemptions(input)),
} satisfies TRPCRouterRecord;
