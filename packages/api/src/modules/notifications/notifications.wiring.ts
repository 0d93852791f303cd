// The notifications module on a node: the receipt, moment and push consumers on the event stream (each
// writes one job or queued row), and the sender sweep (on every node; rows are claimed with SKIP LOCKED)
// that queues scheduled orders' reminders and the staff digest of failed deliveries, turns jobs into messages by the user's channels, and delivers
// them: channel 'push' with Web Push, the rest with the configured notifier.
import type { Database, Kysely } from "@pizza/db";
import type { Logger } from "pino";
import type { Config } from "../../env.ts";
import type { EventsRuntime } from "../../events/consumers.ts";
import type { Notifier } from "../../infra/notifier.ts";
import { WebPushSender } from "../../infra/notifier-push.ts";
import type { RateLimiter } from "../../infra/rate-limiter.ts";
import type { AuthUser } from "../auth/tokens.ts";
import { type FailedDelivery, failedDeliveries } from "./delivery-queue.ts";
import { lastDigestWindow, queueFailedDigests } from "./failed-digests.ts";
import { getPreferences, type Preferences } from "./get-preferences.ts";
import { helpOutcomeConsumer } from "./help-outcome-consumer.ts";
import { JobExpander } from "./job-expander.ts";
import { momentConsumer } from "./moment-consumers.ts";
import { NotificationSender } from "./notification-sender.ts";
import { withPushChannel } from "./push-channel.ts";
import { pushConsumer } from "./push-consumer.ts";
import { receiptConsumer } from "./receipt-consumer.ts";
import { queueReminders } from "./scheduled-reminders.ts";
import { setPreference } from "./set-preference.ts";

/** A scheduled order's reminder goes out this long before its time; the reminder sweep runs this often. */
const REMINDER_LEAD_MS = 30 * 60_000;
const REMINDER_EVERY_MS = 30_000;

import { type PushDeps, subscribePush, unsubscribePush } from "./subscribe-push.ts";

export interface NotificationsService {
  sender: NotificationSender;
  /** Messages that failed for good, newest first (admins). */
  failed(limit: number): Promise<FailedDelivery[]>;
  preferences(user: AuthUser): Promise<Preferences>;
  setPreference(user: AuthUser, input: Parameters<typeof setPreference>[2]): Promise<Preferences>;
  /** Queues the reminders of scheduled orders due within the lead time (the sweep does it every 30 s). */
  queueReminders(): Promise<number>;
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
  const expander = new JobExpander(deps.db, deps.log, {
    maxAttempts: n.maxAttempts,
    retryBaseMs: n.retryBaseMs,
    publicUrl: deps.config.publicUrl,
  });
  if (!deps.config.publicUrl)
    deps.log.warn("PUBLIC_URL is not set: receipts go out without the order's tracking link");
  let remindedAt = 0;
  // The failed-delivery digest: once per window on each node (its jobs' keys make the other nodes' no-ops).
  let digestedWindow = "";
  const prepare = async () => {
    if (Date.now() - remindedAt >= REMINDER_EVERY_MS) {
      remindedAt = Date.now();
      await queueReminders(deps.db, REMINDER_LEAD_MS);
    }
    const window = lastDigestWindow(Date.now(), n.digestMinutes * 60_000);
    if (window.start.toISOString() !== digestedWindow) {
      await queueFailedDigests(deps.db, window);
      digestedWindow = window.start.toISOString();
    }
    await expander.expandDue();
  };
  const vapid = deps.config.push;
  if (!vapid)
    deps.log.warn(
      "Web Push is OFF: VAPID_PUBLIC_KEY, VAPID_PRIVATE_KEY and VAPID_SUBJECT are not set, so drivers get no offer notifications on a locked phone",
    );
  const notifier = withPushChannel(deps.notifier, deps.db, vapid ? new WebPushSender(vapid) : undefined);
  const sender = new NotificationSender(deps.db, notifier, deps.log, {
    maxAttempts: n.maxAttempts,
    retryBaseMs: n.retryBaseMs,
    prepare,
  });
  deps.events.registerKeyed(receiptConsumer());
  deps.events.registerKeyed(momentConsumer());
  if (vapid) deps.events.register(pushConsumer());
  deps.events.register(helpOutcomeConsumer());
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
      preferences: (user) => getPreferences(deps.db, user),
      setPreference: (user, input) => setPreference(deps.db, user, input),
      queueReminders: () => queueReminders(deps.db, REMINDER_LEAD_MS),
      push: {
        key: () => ({ publicKey: vapid?.publicKey ?? null }),
        subscribe: (user, input) => subscribePush(pushDeps, user, input),
        unsubscribe: (user, endpoint) => unsubscribePush(pushDeps, user, endpoint),
      },
    },
    close: () => sender.stop(),
  };
}
