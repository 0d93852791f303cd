import type { TRPCRouterRecord } from "@trpc/server";
import { inCallerLanguage } from "../../i18n/localize-output.ts";
import { adminProcedure, customerProcedure } from "../../trpc.ts";
import {
  ZPromoCheckRequest,
  ZPromoCreateRequest,
  ZPromoListRequest,
  ZPromoRedemptionsRequest,
  ZPromoSetActiveRequest,
} from "./promos.schemas.ts";

export const promoRouter = {
  /** The discount breakdown, or the precise reason the code does not apply. `payment.applyPromoCode` delegates here. */
  check: customerProcedure
    .input(ZPromoCheckRequest)
    .query(async ({ ctx, input }) =>
      inCallerLanguage(ctx, await ctx.services.promos.checkFor(ctx.user, input)),
    ),
  // ── admins (the store console): create, list, pause/resume, redemptions ──
  list: adminProcedure
    .input(ZPromoListRequest)
    .query(({ ctx, input }) => ctx.services.promoAdmin.list(input)),
  create: adminProcedure
    .input(ZPromoCreateRequest)
    .mutation(({ ctx, input }) => ctx.services.promoAdmin.create(ctx.user, input)),
  setActive: adminProcedure
    .input(ZPromoSetActiveRequest)
    .mutation(({ ctx, input }) => ctx.services.promoAdmin.setActive(input)),
  redemptions: adminProcedure
    .input(ZPromoRedemptionsRequest)
    .query(({ ctx, input }) => ctx.services.promoAdmin.redemptions(input)),
} satisfies TRPCRouterRecord;
