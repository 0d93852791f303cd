import type { TRPCRouterRecord } from "@trpc/server";
import { publicProcedure } from "../../trpc.ts";

export const healthRouter = {
  /** What the apps show as "API health": the same components /readyz checks. */
  status: publicProcedure.query(({ ctx }) => ctx.platform.readiness()),
} satisfies TRPCRouterRecord;
