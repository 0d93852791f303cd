// The notifications module on a node: the receipt and moment consumers on the event stream (each writes one
// job row), and the sender sweep (on every node; rows are claimed with SKIP LOCKED) that queues scheduled
// orders' reminders, turns jobs into messages by the user's channels, and delivers them.
import type { Database, Kysely } from "@pizza/db";
import type { Logger } from "pino";
import type { Config } from "../../env.ts";
import type { EventsRuntime } from "../../events/consumers.ts";
import type { Notifier } from "../../infra/notifier.ts";
import type { AuthUser } from "../auth/tokens.ts";
import { type FailedDelivery, failedDeliveries } from "./delivery-queue.ts";
import { getPreferences, type Preferences } from "./get-preferences.ts";
import { JobExpander } from "./job-expander.ts";
import { momentConsumer } from "./moment-consumers.ts";
import { NotificationSender } from "./notification-sender.ts";
import { receiptConsumer } from "./receipt-consumer.ts";
import { queueReminders } from "./scheduled-reminders.ts";
import { setPreference } from "./set-preference.ts";

/** A scheduled order's reminder goes out this long before its time; the reminder sweep runs this often. */
const REMINDER_LEAD_MS = 30 * 60_000;
const REMINDER_EVERY_MS = 30_000;

export interface NotificationsService {
  sender: NotificationSender;
  /** Messages that failed for good, newest first (admins). */
  failed(limit: number): Promise<FailedDelivery[]>;
  preferences(user: AuthUser): Promise<Preferences>;
  setPreference(user: AuthUser, input: Parameters<typeof setPreference>[2]): Promise<Preferences>;
  /** Queues the reminders of scheduled orders due within the lead time (the sweep does it every 30 s). */
  queueReminders(): Promise<number>;
}

export function createNotifications(deps: {
  config: Config;
  db: Kysely<Database>;
  notifier: Notifier;
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
  const prepare = async () => {
    if (Date.now() - remindedAt >= REMINDER_EVERY_MS) {
      remindedAt = Date.now();
      await queueReminders(deps.db, REMINDER_LEAD_MS);
    }
    await expander.expandDue();
  };
  const sender = new NotificationSender(deps.db, deps.notifier, deps.log, {
    maxAttempts: n.maxAttempts,
    retryBaseMs: n.retryBaseMs,
    prepare,
  });
  deps.events.register(receiptConsumer());
  deps.events.register(momentConsumer());
  sender.start(n.sweepMs);
  return {
    service: {
      sender,
      failed: (limit) => failedDeliveries(deps.db, limit),
      preferences: (user) => getPreferences(deps.db, user),
      setPreference: (user, input) => setPreference(deps.db, user, input),
      queueReminders: () => queueReminders(deps.db, REMINDER_LEAD_MS),
    },
    close: () => sender.stop(),
  };
}
