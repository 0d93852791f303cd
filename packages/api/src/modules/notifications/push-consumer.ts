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
import type { MessageLocale } from "./templates/i18n.ts";

type Topics = "delivery.offered" | "order.ready" | "delivery.no_driver" | "order.status_changed";

const REMINDER_WINDOW_MS = 30 * 60_000;
/** The store's name, read once and only when someone is to be pushed to. */
const storeName = (trx: Transaction<Database>, storeId: string) => {
  let name: Promise<string> | undefined;
  return () => {
    name ??= storeForReceipt(trx, storeId).then((s) => s?.name ?? "your store");
    return name;
  };
};

/** Queues `build(locale)` for every subscription of the users who want this kind by push. */
async function pushTo(
  trx: Transaction<Database>,
  key: string,
  to: { kind: PreferenceKind | null; userIds: string[]; app: PushApp },
  build: (locale: MessageLocale) => Promise<PushPayload | undefined>,
): Promise<void> {
  for (const r of await pushRecipients(trx, to.kind, to.userIds, to.app)) {
    const payload = await build(r.locale);
    if (payload) await enqueuePushes(trx, key, r.subscriptionIds, payload);
  }
}

async function handle(event: TopicEvent<Topics>, trx: Transaction<Database>): Promise<void> {
  const at = Date.parse(event.createdAt);
  switch (event.topic) {
    case "delivery.offered": {
      const p = event.payload;
      const store = storeName(trx, p.storeId);
      const to = { kind: "new_offer" as const, userIds: [p.driverId], app: "driver" as const };
      await pushTo(trx, event.id, to, async (locale) =>
        offerPush({ ...p, storeName: await store(), locale }),
      );
      return;
    }
    case "order.ready": {
      const p = event.payload;
      if (p.channel !== "delivery") return;
      const driverId = await deliveryLookup(trx).driverOf(p.orderId);
      if (!driverId) return;
      const store = storeName(trx, p.storeId);
      const to = { kind: null, userIds: [driverId], app: "driver" as const };
      await pushTo(trx, event.id, to, async (locale) =>
        orderReadyPush({ ...p, storeName: await store(), at, locale }),
      );
      return;
    }
    case "delivery.no_driver": {
      const p = event.payload;
      const drivers = await offlineDriversOf(trx, p.storeId);
      if (drivers.length === 0) return;
      const window = Math.floor(at / REMINDER_WINDOW_MS);
      const store = storeName(trx, p.storeId);
      const to = { kind: "shift_reminder" as const, userIds: drivers, app: "driver" as const };
      await pushTo(trx, `shift-reminder:${p.storeId}:${window}`, to, async (locale) =>
        shiftReminderPush({ storeId: p.storeId, storeName: await store(), at, locale }),
      );
      return;
    }
    case "order.status_changed": {
      const p = event.payload;
      if (p.correction) return;
      if (!orderStagePush({ ...p, at })) return;
      const to = { kind: "order_status" as const, userIds: [p.customerId], app: "customer" as const };
      await pushTo(trx, event.id, to, async (locale) => orderStagePush({ ...p, at, locale }));
      return;
    }
  }
}

export function pushConsumer(): OnceConsumer<Topics> {
  return {
    name: "notifications.push",
    topics: ["delivery.offered", "order.ready", "delivery.no_driver", "order.status_changed"],
    handle,
  };
}
