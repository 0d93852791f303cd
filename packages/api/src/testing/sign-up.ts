// Signs a customer up the way the apps do (auth.register, then auth.confirmSignUp with the code the
// embedded notifier "sent") and returns the session. Each sign-up comes from its own made-up network
// unless `ip` is given, so suites that create many accounts stay clear of the per-IP sign-up limit.
import { randomInt } from "node:crypto";
import type { LogNotifier } from "../infra/notifier.ts";
import type { TAuthResponse, TRegisterRequest } from "../modules/auth/auth.schemas.ts";
import { normalizePhone } from "../modules/auth/auth.service.ts";
import type { TestPlatform } from "./harness.ts";

/** The newest six-digit code the embedded notifier sent to `to` (an email or an E.164 number). */
export function lastCodeSentTo(t: Pick<TestPlatform, "platform">, to: string): string | undefined {
  const sent = (t.platform.notifier as LogNotifier).sent;
  return sent.findLast((m) => m.to === to && /\b\d{6}\b/.test(m.text))?.text.match(/\b\d{6}\b/)?.[0];
}

export const randomIp = () => `10.${randomInt(100, 250)}.${randomInt(0, 256)}.${randomInt(1, 255)}`;

export async function signUp(
  t: Pick<TestPlatform, "platform" | "caller">,
  input: TRegisterRequest,
  ip: string = randomIp(),
): Promise<TAuthResponse> {
  await t.caller(null, ip).auth.register(input);
  const contact = input.email
    ? { email: input.email.trim().toLowerCase() }
    : { phone: normalizePhone(input.phone!, input.country) };
  const code = lastCodeSentTo(t, contact.email ?? contact.phone!);
  if (!code) throw new Error(`no sign-up code was sent to ${contact.email ?? contact.phone}`);
  return t.caller(null, ip).auth.confirmSignUp({ ...contact, code });
}
