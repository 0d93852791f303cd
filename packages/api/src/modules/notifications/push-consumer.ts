// Pushes from the event stream (`notifications.push`, once per event through `handleOnce`), queued per
// subscription so the dispatcher and the order transactions never wait for a push service:
// - delivery.offered → the offered driver: "New delivery offer" with Accept / Decline (until the deadline);
// - order.ready of a delivery order that has its driver → that driver: "Order #N is ready" (not a choice:
//   the order is already theirs to carry);
// - delivery.no_driver → the store's drivers who are off shift: a shift reminder, at most one per store and
//   device per half hour (the queue's key is the store and the half hour, not the event);
// - order.status_changed (preparing, out for delivery, ready for carryout, delivered) → the customer's
//   subscribed browsers.
// Each user's choice decides (`push-targets.ts`: new_offer, shift_reminder, order_status; a driver who
// turned offers' push off gets none), and each push is written in its recipient's language.
import type { Database, Transaction } from "@pizza/db";
import type { OnceConsumer, TopicEvent } from "../../events/consumers.ts";
import { deliveryLookup } from "../delivery/delivery-lookup.ts";
import { offlineDriversOf } from "../delivery/offline-drivers.ts";
import { storeForReceipt } from "../stores/store-for-receipt.ts";
import type { PreferenceKind } from "./channel-choice.ts";
import {
  enqueuePushes,
  offerPush,
  orderReadyPush,
  orderStagePush,
  type PushPayload,
  shiftReminderPush,
} from "./push-messages.ts";
import type { PushApp } from "./push-subscriptions.ts";
import { pushRecipients } from "./push-targets.ts";
import { type MessageLocale, messageLocale } from "./templates/i18n.ts";

type Topics = "delivery.offered" | "order.ready" | "delivery.no_driver" | "order.status_changed";

const REMINDER_WINDOW_MS = 30 * 60_000;
interface Audience {
  kind: PreferenceKind | null;
  userIds: string[];
  app: PushApp;
  /** The store the message is about: its name, and its region's language for users who chose none. */
  storeId: string;
}

/** Queues `build(locale, store name)` for every subscription of the users who want this kind by push. */
async function pushTo(
  trx: Transaction<Database>,
  key: string,
  to: Audience,
  build: (locale: MessageLocale, storeName: string) => PushPayload | undefined,
): Promise<void> {
  const recipients = await pushRecipients(trx, to.kind, to.userIds, to.app);
  if (recipients.length === 0) return;
  const store = await storeForReceipt(trx, to.storeId);
  for (const r of recipients) {
    const payload = build(messageLocale(r.locale ?? store?.regionLocale), store?.name ?? "your store");
    if (payload) await enqueuePushes(trx, key, r.subscriptionIds, payload);
  }
}

async function handle(event: TopicEvent<Topics>, trx: Transaction<Database>): Promise<void> {
  const at = Date.parse(event.createdAt);
  switch (event.topic) {
    case "delivery.offered": {
      const p = event.payload;
      const to: Audience = { kind: "new_offer", userIds: [p.driverId], app: "driver", storeId: p.storeId };
      await pushTo(trx, event.id, to, (locale, storeName) => offerPush({ ...p, storeName, locale }));
      return;
    }
    case "order.ready": {
      const p = event.payload;
      if (p.channel !== "delivery") return;
      const driverId = await deliveryLookup(trx).driverOf(p.orderId);
      if (!driverId) return;
      const to: Audience = { kind: null, userIds: [driverId], app: "driver", storeId: p.storeId };
      await pushTo(trx, event.id, to, (locale, storeName) => orderReadyPush({ ...p, storeName, at, locale }));
      return;
    }
    case "delivery.no_driver": {
      const p = event.payload;
      const drivers = await offlineDriversOf(trx, p.storeId);
      const window = Math.floor(at / REMINDER_WINDOW_MS);
      const to: Audience = { kind: "shift_reminder", userIds: drivers, app: "driver", storeId: p.storeId };
      await pushTo(trx, `shift-reminder:${p.storeId}:${window}`, to, (locale, storeName) =>
        shiftReminderPush({ storeId: p.storeId, storeName, at, locale }),
      );
      return;
    }
    case "order.status_changed": {
      const p = event.payload;
      if (p.correction || !orderStagePush({ ...p, at })) return;
      const to: Audience = {
        kind: "order_status",
        userIds: [p.customerId],
        app: "customer",
        storeId: p.storeId,
      };
      await pushTo(trx, event.id, to, (locale) => orderStagePush({ ...p, at, locale }));
      return;
    }
  }
}

/**
 * Events that can make a push: most status changes (placed, baking, a correction…) and a carryout's
 * `order.ready` make none, and are acknowledged without a transaction.
 */
function wants(event: TopicEvent<Topics>): boolean {
  if (event.topic === "order.ready") return event.payload.channel === "delivery";
  if (event.topic !== "order.status_changed") return true;
  const p = event.payload;
  return !p.correction && orderStagePush({ ...p, at: Date.parse(event.createdAt) }) !== undefined;
}

export function pushConsumer(): OnceConsumer<Topics> {
  return {
    name: "notifications.push",
    topics: ["delivery.offered", "order.ready", "delivery.no_driver", "order.status_changed"],
    wants,
    handle,
  };
}
