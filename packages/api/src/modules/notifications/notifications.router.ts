import type { TRPCRouterRecord } from "@trpc/server";
import { z } from "zod";
import { adminProcedure } from "../../trpc.ts";
import { ZFailedDelivery, ZFailedRequest } from "./notifications.schemas.ts";

export const notificationsRouter = {
  /** Admins: messages that failed after their last retry, newest first, with the last error. */
  failed: adminProcedure
    .input(ZFailedRequest)
    .output(z.array(ZFailedDelivery))
    .query(({ ctx, input }) => ctx.services.notifications.failed(input.limit)),
} satisfies TRPCRouterRecord;
