// The notifications module on a node: the receipt and push consumers on the event stream, and the sender
// sweep that delivers queued messages (on every node; rows are claimed with SKIP LOCKED). Pushes go through
// the same queue: the sender's notifier sends channel 'push' with Web Push and the rest with the configured
// notifier.
import type { Database, Kysely } from "@pizza/db";
import type { Logger } from "pino";
import type { Config } from "../../env.ts";
import type { EventsRuntime } from "../../events/consumers.ts";
import type { Notifier } from "../../infra/notifier.ts";
import { WebPushSender } from "../../infra/notifier-push.ts";
import type { RateLimiter } from "../../infra/rate-limiter.ts";
import type { AuthUser } from "../auth/tokens.ts";
import { type FailedDelivery, failedDeliveries } from "./delivery-queue.ts";
import { NotificationSender } from "./notification-sender.ts";
import { withPushChannel } from "./push-channel.ts";
import { pushConsumer } from "./push-consumer.ts";
import { receiptConsumer } from "./receipt-consumer.ts";
import { type PushDeps, subscribePush, unsubscribePush } from "./subscribe-push.ts";

export interface NotificationsService {
  sender: NotificationSender;
  /** Messages that failed for good, newest first (admins). */
  failed(limit: number): Promise<FailedDelivery[]>;
  /** Web Push subscriptions (subscribe-push.ts) and the key browsers subscribe with. */
  push: {
    key(): { publicKey: string | null };
    subscribe(user: AuthUser, input: Parameters<typeof subscribePush>[2]): ReturnType<typeof subscribePush>;
    unsubscribe(user: AuthUser, endpoint: string): ReturnType<typeof unsubscribePush>;
  };
}

export function createNotifications(deps: {
  config: Config;
  db: Kysely<Database>;
  notifier: Notifier;
  rateLimiter: RateLimiter;
  events: EventsRuntime;
  log: Logger;
}): { service: NotificationsService; close(): Promise<void> } {
  const n = deps.config.notifications;
  const vapid = deps.config.push;
  if (!vapid)
    deps.log.warn(
      "Web Push is OFF: VAPID_PUBLIC_KEY, VAPID_PRIVATE_KEY and VAPID_SUBJECT are not set, so drivers get no offer notifications on a locked phone",
    );
  const notifier = withPushChannel(deps.notifier, deps.db, vapid ? new WebPushSender(vapid) : undefined);
  const sender = new NotificationSender(deps.db, notifier, deps.log, {
    maxAttempts: n.maxAttempts,
    retryBaseMs: n.retryBaseMs,
  });
  deps.events.register(receiptConsumer());
  if (vapid) deps.events.register(pushConsumer());
  sender.start(n.sweepMs);
  const pushDeps: PushDeps = {
    db: deps.db,
    rateLimiter: deps.rateLimiter,
    production: deps.config.env === "production",
    enabled: vapid !== undefined,
  };
  return {
    service: {
      sender,
      failed: (limit) => failedDeliveries(deps.db, limit),
      push: {
        key: () => ({ publicKey: vapid?.publicKey ?? null }),
        subscribe: (user, input) => subscribePush(pushDeps, user, input),
        unsubscribe: (user, endpoint) => unsubscribePush(pushDeps, user, endpoint),
      },
    },
    close: () => sender.stop(),
  };
}
