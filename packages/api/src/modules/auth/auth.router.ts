import type { TRPCRouterRecord } from "@trpc/server";
import { protectedProcedure, publicProcedure } from "../../trpc.ts";
import {
  ZAuthResponse,
  ZConfirmSignUp,
  ZGuestRequest,
  ZLoginRequest,
  ZLogoutRequest,
  ZPublicUser,
  ZRefreshRequest,
  ZRegisterRequest,
  ZRequestVerification,
  ZResendSignUpCode,
  ZSignUpAnswer,
  ZVerifyRequest,
} from "./auth.schemas.ts";

export const authRouter = {
  /** Sign-up, step one: sends a code (or tells an existing account's owner); the same answer either way. */
  register: publicProcedure
    .input(ZRegisterRequest)
    .output(ZSignUpAnswer)
    .mutation(({ ctx, input }) => ctx.services.auth.register(input, ctx.ip)),
  /** Sign-up, step two: the code confirms the account and answers its session. */
  confirmSignUp: publicProcedure
    .input(ZConfirmSignUp)
    .output(ZAuthResponse)
    .mutation(({ ctx, input }) => ctx.services.auth.confirmSignUp(input, ctx.ip)),
  resendSignUpCode: publicProcedure
    .input(ZResendSignUpCode)
    .output(ZSignUpAnswer)
    .mutation(({ ctx, input }) => ctx.services.auth.resendSignUpCode(input, ctx.ip)),
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
