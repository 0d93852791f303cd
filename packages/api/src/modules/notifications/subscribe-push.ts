// Subscribing a browser to pushes (drivers in the driver app, customers in the customer web): the caller
// manages only their own subscriptions. The server will POST to the endpoint, so in production it must be
// https on a known push service (Chrome/FCM, Firefox/Mozilla, Edge/WNS, Safari/Apple): no request to an
// address a user made up. Subscribing is rate-limited per account (each call is a row and, later, traffic).
import type { Database, Kysely } from "@pizza/db";
import { badRequest, forbidden, notFound, preconditionFailed } from "../../errors.ts";
import { type RateLimiter, tooManyRequests } from "../../infra/rate-limiter.ts";
import type { AuthUser } from "../auth/tokens.ts";
import {
  type PushApp,
  type PushSubscriptionInput,
  removeSubscription,
  saveSubscription,
} from "./push-subscriptions.ts";

export const PUSH_SUBSCRIBE_LIMIT = { perUser: 30, windowMs: 3_600_000 };

const PUSH_SERVICE_HOSTS = [
  "fcm.googleapis.com",
  "push.services.mozilla.com",
  "notify.windows.com",
  "push.apple.com",
];

/** Is `endpoint` a push service this server may POST to? Outside production any http(s) URL (local stand-ins). */
export function allowedEndpoint(endpoint: string, production: boolean): boolean {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    return false;
  }
  if (!production) return url.protocol === "https:" || url.protocol === "http:";
  const host = url.hostname.toLowerCase();
  return url.protocol === "https:" && PUSH_SERVICE_HOSTS.some((h) => host === h || host.endsWith(`.${h}`));
}

export interface PushDeps {
  db: Kysely<Database>;
  rateLimiter: RateLimiter;
  production: boolean;
  /** Push is configured (VAPID keys known). */
  enabled: boolean;
}

const APP_ROLES: Record<PushApp, AuthUser["role"][]> = { driver: ["driver"], customer: ["customer"] };

export async function subscribePush(
  deps: PushDeps,
  user: AuthUser,
  input: { app: PushApp; subscription: PushSubscriptionInput },
): Promise<{ subscribed: true }> {
  if (!deps.enabled) throw preconditionFailed("Push notifications are not set up on this server.");
  if (!APP_ROLES[input.app].includes(user.role))
    throw forbidden(`Only ${input.app} accounts can turn on ${input.app} notifications.`);
  if (!allowedEndpoint(input.subscription.endpoint, deps.production))
    throw badRequest("That push subscription's endpoint is not a push service this server sends to.");
  const decision = await deps.rateLimiter.hit(
    `push-subscribe:${user.id}`,
    PUSH_SUBSCRIBE_LIMIT.perUser,
    PUSH_SUBSCRIBE_LIMIT.windowMs,
  );
  if (!decision.allowed)
    throw tooManyRequests(
      "Too many notification sign-ups from this account; try again later.",
      decision.retryAfterMs,
      {
        reason: "rate_limited_user",
      },
    );
  await saveSubscription(deps.db, user.id, input.app, input.subscription);
  return { subscribed: true };
}

export async function unsubscribePush(
  deps: PushDeps,
  user: AuthUser,
  endpoint: string,
): Promise<{ unsubscribed: true }> {
  if (!(await removeSubscription(deps.db, user.id, endpoint)))
    throw notFound("There is no such push subscription on your account.");
  return { unsubscribed: true };
}
