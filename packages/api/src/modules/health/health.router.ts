import type { TRPCRouterRecord } from "@trpc/server";
import type { Readiness } from "../../platform.ts";
import { publicProcedure } from "../../trpc.ts";

/** Everyone learns ready or not; the components, database kind, gateway and breakers only admins and ops. */
export type HealthStatus = Pick<Readiness, "ready"> & Partial<Omit<Readiness, "ready">>;

export const healthRouter = {
  /** What the apps show as "API health": the same answer as /readyz (details only to an admin or METRICS_TOKEN). */
  status: publicProcedure.query(async ({ ctx }): Promise<HealthStatus> => {
    const readiness = await ctx.platform.readiness();
    return ctx.ops || ctx.user?.role === "admin" ? readiness : { ready: readiness.ready };
  }),
} satisfies TRPCRouterRecord;
