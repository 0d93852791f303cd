// Pushes from the event stream (`notifications.push`, once per event through `handleOnce`), queued per
// subscription so the dispatcher and the order transactions never wait for a push service:
// - delivery.offered → the offered driver: "New delivery offer" with Accept / Decline (until the deadline);
// - order.ready of a delivery order that has its driver → that driver: "Order #N is ready";
// - delivery.no_driver → the store's drivers who are off shift: a shift reminder, at most one per store and
//   device per half hour (the queue's key is the store and the half hour, not the event);
// - order.status_changed (preparing, out for delivery, ready for carryout, delivered) → the customer's
//   subscribed browsers.
import type { Database, Transaction } from "@pizza/db";
import type { OnceConsumer, TopicEvent } from "../../events/consumers.ts";
import { deliveryLookup } from "../delivery/delivery-lookup.ts";
import { offlineDriversOf } from "../delivery/offline-drivers.ts";
import { storeForReceipt } from "../stores/store-for-receipt.ts";
import {
  enqueuePushes,
  offerPush,
  orderReadyPush,
  orderStagePush,
  shiftReminderPush,
} from "./push-messages.ts";
import { subscriptionsOf } from "./push-subscriptions.ts";

type Topics = "delivery.offered" | "order.ready" | "delivery.no_driver" | "order.status_changed";

const REMINDER_WINDOW_MS = 30 * 60_000;
const ids = (subs: { id: string }[]) => subs.map((s) => s.id);
const storeName = async (trx: Transaction<Database>, storeId: string) =>
  (await storeForReceipt(trx, storeId))?.name ?? "your store";

async function handle(event: TopicEvent<Topics>, trx: Transaction<Database>): Promise<void> {
  const at = Date.parse(event.createdAt);
  switch (event.topic) {
    case "delivery.offered": {
      const p = event.payload;
      const subs = await subscriptionsOf(trx, [p.driverId], "driver");
      if (subs.length === 0) return;
      const payload = offerPush({ ...p, storeName: await storeName(trx, p.storeId) });
      await enqueuePushes(trx, event.id, ids(subs), payload);
      return;
    }
    case "order.ready": {
      const p = event.payload;
      if (p.channel !== "delivery") return;
      const driverId = await deliveryLookup(trx).driverOf(p.orderId);
      if (!driverId) return;
      const subs = await subscriptionsOf(trx, [driverId], "driver");
      if (subs.length === 0) return;
      const payload = orderReadyPush({ ...p, storeName: await storeName(trx, p.storeId), at });
      await enqueuePushes(trx, event.id, ids(subs), payload);
      return;
    }
    case "delivery.no_driver": {
      const p = event.payload;
      const subs = await subscriptionsOf(trx, await offlineDriversOf(trx, p.storeId), "driver");
      if (subs.length === 0) return;
      const window = Math.floor(at / REMINDER_WINDOW_MS);
      const payload = shiftReminderPush({
        storeId: p.storeId,
        storeName: await storeName(trx, p.storeId),
        at,
      });
      await enqueuePushes(trx, `shift-reminder:${p.storeId}:${window}`, ids(subs), payload);
      return;
    }
    case "order.status_changed": {
      const p = event.payload;
      if (p.correction) return;
      const payload = orderStagePush({ ...p, at });
      if (!payload) return;
      const subs = await subscriptionsOf(trx, [p.customerId], "customer");
      await enqueuePushes(trx, event.id, ids(subs), payload);
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
