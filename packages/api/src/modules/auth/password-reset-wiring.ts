// "Forgot password" on the auth service: the flow (password-reset.ts) built from the dependencies the
// account flows share (codes, sessions, the notifier), and the start-up warning when PUBLIC_URL is unset,
// so messages carry a code but no link. AuthService exposes the two procedures as they are.
import type { Logger } from "pino";
import type {
  TAuthResponse,
  TPasswordResetAnswer,
  TRequestPasswordReset,
  TResetPassword,
} from "./auth.schemas.ts";
import { type PasswordResetDeps, PasswordResets } from "./password-reset.ts";

export interface PasswordResetProcedures {
  /** The same answer whether or not the account exists. */
  requestPasswordReset(input: TRequestPasswordReset, ip: string): Promise<TPasswordResetAnswer>;
  /** The reset's code or link sets a new password: every session revoked, the sign-in throttle cleared. */
  resetPassword(input: TResetPassword, ip: string): Promise<TAuthResponse>;
}

export function passwordResetProcedures(
  deps: PasswordResetDeps,
  log: Logger | undefined,
): PasswordResetProcedures {
  const resets = new PasswordResets(deps);
  if (!deps.publicUrl)
    log?.warn("PUBLIC_URL is not set: password resets carry a code only and guests get no account link");
  return {
    requestPasswordReset: (input, ip) => resets.request(input, ip),
    resetPassword: (input, ip) => resets.complete(input, ip),
  };
}
