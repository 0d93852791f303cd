// The notifications module on a node: the receipt consumer on the event stream, and the sender sweep that
// delivers queued messages (on every node; rows are claimed with SKIP LOCKED).
import type { Database, Kysely } from "@pizza/db";
import type { Logger } from "pino";
import type { Config } from "../../env.ts";
import type { EventsRuntime } from "../../events/consumers.ts";
import type { Notifier } from "../../infra/notifier.ts";
import { type FailedDelivery, failedDeliveries } from "./delivery-queue.ts";
import { NotificationSender } from "./notification-sender.ts";
import { receiptConsumer } from "./receipt-consumer.ts";

export interface NotificationsService {
  sender: NotificationSender;
  /** Messages that failed for good, newest first (admins). */
  failed(limit: number): Promise<FailedDelivery[]>;
}

export function createNotifications(deps: {
  config: Config;
  db: Kysely<Database>;
  notifier: Notifier;
  events: EventsRuntime;
  log: Logger;
}): { service: NotificationsService; close(): Promise<void> } {
  const n = deps.config.notifications;
  const sender = new NotificationSender(deps.db, deps.notifier, deps.log, {
    maxAttempts: n.maxAttempts,
    retryBaseMs: n.retryBaseMs,
  });
  deps.events.register(receiptConsumer(deps.config.publicUrl));
  sender.start(n.sweepMs);
  return {
    service: { sender, failed: (limit) => failedDeliveries(deps.db, limit) },
    close: () => sender.stop(),
  };
}
