// The push channel of the delivery queue: a queued push names a subscription (its id is the row's
// recipient) and carries its JSON payload. The subscription is read at send time, so one removed meanwhile
// is not pushed to; a push service that answers 404/410 deletes it; a payload past its `expiresAt` is
// dropped (failed, not retried). Other channels go to the configured notifier (email, SMS).
import type { Database, Kysely } from "@pizza/db";
import type { Notification, Notifier } from "../../infra/notifier.ts";
import { PermanentDeliveryError } from "../../infra/notifier-errors.ts";
import { PushGoneError, type WebPushSender } from "../../infra/notifier-push.ts";
import type { PushPayload } from "./push-messages.ts";
import { deleteSubscription, markSubscriptionUsed, subscriptionById } from "./push-subscriptions.ts";

export async function sendPush(
  db: Kysely<Database>,
  sender: WebPushSender | undefined,
  message: Notification,
): Promise<void> {
  if (!sender) throw new PermanentDeliveryError("Web Push is not configured on this server (VAPID_* unset)");
  const subscription = await subscriptionById(db, message.to);
  if (!subscription) throw new PermanentDeliveryError("the push subscription was removed before sending");
  const payload = JSON.parse(message.text) as PushPayload;
  const ttlSeconds = (Date.parse(payload.expiresAt) - Date.now()) / 1000;
  if (!(ttlSeconds > 0))
    throw new PermanentDeliveryError(`the ${payload.kind} push expired before it was sent`);
  try {
    await sender.send(subscription, message.text, { ttlSeconds, urgency: payload.urgency });
  } catch (error) {
    if (error instanceof PushGoneError) await deleteSubscription(db, subscription.id);
    throw error;
  }
  await markSubscriptionUsed(db, subscription.id);
}

/** The queue's notifier: pushes through Web Push, everything else through `base`. */
export function withPushChannel(
  base: Notifier,
  db: Kysely<Database>,
  sender: WebPushSender | undefined,
): Notifier {
  return {
    send: (message) => (message.channel === "push" ? sendPush(db, sender, message) : base.send(message)),
  };
}
