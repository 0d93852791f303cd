import type { TRPCRouterRecord } from "@trpc/server";
import { protectedProcedure } from "../../trpc.ts";
import { ZProfile, ZUpdateProfileRequest } from "./users.schemas.ts";

export const userRouter = {
  profile: protectedProcedure.output(ZProfile).query(({ ctx }) => ctx.services.users.profile(ctx.user)),
  updateProfile: protectedProcedure
    .input(ZUpdateProfileRequest)
    .output(ZProfile)
    .mutation(({ ctx, input }) => ctx.services.users.updateProfile(ctx.user, input)),
} satisfies TRPCRouterRecord;
