import type { TRPCRouterRecord } from "@trpc/server";
import { protectedProcedure, publicProcedure } from "../../trpc.ts";
import {
  ZAuthResponse,
  ZClaimGuestAccount,
  ZCompleteOidcSignIn,
  ZConfirmSignUp,
  ZGuestRequest,
  ZIdentityProviders,
  ZLoginRequest,
  ZLogoutRequest,
  ZPasswordResetAnswer,
  ZPublicUser,
  ZRefreshRequest,
  ZRegisterRequest,
  ZRequestPasswordReset,
  ZRequestVerification,
  ZResendSignUpCode,
  ZResetPassword,
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
  /** "Forgot password", step one: sends a code (and a link by email); the same answer for unknown accounts. */
  requestPasswordReset: publicProcedure
    .input(ZRequestPasswordReset)
    .output(ZPasswordResetAnswer)
    .mutation(({ ctx, input }) => ctx.services.auth.requestPasswordReset(input, ctx.ip)),
  /** "Forgot password", step two: the code or link sets a new password; every old session ends. */
  resetPassword: publicProcedure
    .input(ZResetPassword)
    .output(ZAuthResponse)
    .mutation(({ ctx, input }) => ctx.services.auth.resetPassword(input, ctx.ip)),
  /** A guest's receipt link: set a password and become a full account. */
  claimGuestAccount: publicProcedure
    .input(ZClaimGuestAccount)
    .output(ZAuthResponse)
    .mutation(({ ctx, input }) => ctx.services.auth.claimGuest(input)),
  /** The OpenID Connect providers configured (OIDC_PROVIDERS): the sign-in pages' "Continue with …" buttons. */
  identityProviders: publicProcedure
    .output(ZIdentityProviders)
    .query(({ ctx }) => ctx.services.auth.oidc.providers()),
  /** Trades the OpenID callback's one-time ticket for the session (or the sentence why there is none). */
  completeOidcSignIn: publicProcedure
    .input(ZCompleteOidcSignIn)
    .output(ZAuthResponse)
    .mutation(({ ctx, input }) => ctx.services.auth.oidc.complete(input.ticket)),
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
