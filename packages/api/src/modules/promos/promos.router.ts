import type { TRPCRouterRecord } from "@trpc/server";
import { customerProcedure } from "../../trpc.ts";
import { ZPromoCheckRequest } from "./promos.schemas.ts";

export const promoRouter = {
  /** The discount breakdown, or the precise reason the code does not apply. `payment.applyPromoCode` delegates here. */
  check: customerProcedure
    .input(ZPromoCheckRequest)
    .query(({ ctx, input }) => ctx.services.promos.checkFor(ctx.user, input)),
} satisfies TRPCRouterRecord;
