import type { TRPCRouterRecord } from "@trpc/server";
import { protectedProcedure, publicProcedure } from "../../trpc.ts";
import {
  ZAuthResponse,
  ZGuestRequest,
  ZLoginRequest,
  ZLogoutRequest,
  ZPublicUser,
  ZRefreshRequest,
  ZRegisterRequest,
  ZRequestVerification,
  ZVerifyRequest,
} from "./auth.schemas.ts";

export const authRouter = {
  register: publicProcedure
    .input(ZRegisterRequest)
    .output(ZAuthResponse)
    .mutation(({ ctx, input }) => ctx.services.auth.register(input)),
  /** Guest checkout: the normal tokens for a new passwordless customer account. */
  guest: publicProcedure
    .input(ZGuestRequest)
    .output(ZAuthResponse)
    .mutation(({ ctx, input }) => ctx.services.auth.guest(input, ctx.ip)),
  login: publicProcedure
    .input(ZLoginRequest)
    .output(ZAuthResponse)
    .mutation(({ ctx, input }) => ctx.services.auth.login(input, ctx.ip)),
  refresh: publicProcedure
    .input(ZRefreshRequest)
    .output(ZAuthResponse)
    .mutation(({ ctx, input }) => ctx.services.auth.refresh(input.refreshToken)),
  logout: protectedProcedure
    .input(ZLogoutRequest)
    .mutation(({ ctx, input }) => ctx.services.auth.logout(ctx.user, input.refreshToken)),
  requestVerification: protectedProcedure
    .input(ZRequestVerification)
    .mutation(({ ctx, input }) => ctx.services.auth.requestVerification(ctx.user, input.channel)),
  verify: protectedProcedure
    .input(ZVerifyRequest)
    .output(ZPublicUser)
    .mutation(({ ctx, input }) => ctx.services.auth.verify(ctx.user, input.channel, input.code)),
} satisfies TRPCRouterRecord;
