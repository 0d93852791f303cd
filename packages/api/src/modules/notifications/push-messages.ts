// What a push says: the JSON the service workers read (title, body, the page a tap opens, actions) and
// how it is queued — one `notification_deliveries` row per (event, 'push', subscription id), the payload in
// `body_text`, its title in `subject`. Every payload carries `expiresAt`: the push service keeps it no longer
// (TTL), and a retry after that moment gives up (an expired offer is worth nothing).
import type { Database, Kysely } from "@pizza/db";
import type { PushKind } from "../../infra/notifier-push.ts";
import { enqueueNotification } from "./delivery-queue.ts";

export interface PushAction {
  action: string;
  title: string;
}

export interface PushPayload {
  kind: PushKind;
  title: string;
  body: string;
  /** The page a tap opens (same origin as the app that subscribed). */
  url: string;
  /** Notifications with the same tag replace each other on the device. */
  tag: string;
  expiresAt: string;
  urgency: "normal" | "high";
  actions?: PushAction[];
  /** Action name → the page that action opens (accept/decline open the app at the offer). */
  actionUrls?: Record<string, string>;
  offerId?: string;
  orderId?: string;
}

const minutesFrom = (at: number, minutes: number) => new Date(at + minutes * 60_000).toISOString();

export function offerPush(o: {
  offerId: string;
  storeName: string;
  distanceM: number;
  pickupEtaS: number;
  expiresAt: string;
}): PushPayload {
  const url = `/driver/?offer=${encodeURIComponent(o.offerId)}`;
  const km = (o.distanceM / 1000).toFixed(1);
  const minutes = Math.max(1, Math.round(o.pickupEtaS / 60));
  return {
    kind: "driver_offer",
    title: "New delivery offer",
    body: `Pick up at ${o.storeName} · ${km} km away, about ${minutes} min. Answer before it expires.`,
    url,
    tag: `offer-${o.offerId}`,
    expiresAt: o.expiresAt,
    urgency: "high",
    actions: [
      { action: "accept", title: "Accept" },
      { action: "decline", title: "Decline" },
    ],
    actionUrls: { accept: `${url}&do=accept`, decline: `${url}&do=decline` },
    offerId: o.offerId,
  };
}

export function orderReadyPush(o: { orderId: string; orderNumber: number; storeName: string; at: number }) {
  return {
    kind: "order_ready",
    title: `Order #${o.orderNumber} is ready`,
    body: `It is waiting for you at ${o.storeName}.`,
    url: "/driver/",
    tag: `ready-${o.orderId}`,
    expiresAt: minutesFrom(o.at, 30),
    urgency: "high",
    orderId: o.orderId,
  } satisfies PushPayload;
}

export function shiftReminderPush(o: { storeName: string; storeId: string; at: number }) {
  return {
    kind: "shift_reminder",
    title: "Orders are waiting for a driver",
    body: `${o.storeName} has deliveries and no driver free. Start your shift if you can.`,
    url: "/driver/",
    tag: `shift-${o.storeId}`,
    expiresAt: minutesFrom(o.at, 30),
    urgency: "normal",
  } satisfies PushPayload;
}

const STAGES: Partial<Record<string, { title: string; body: string }>> = {
  preparing: { title: "The store is making your order", body: "Your order #{n} is being prepared." },
  out_for_delivery: { title: "Your order is on its way", body: "Order #{n} has left the store." },
  ready: { title: "Your order is ready", body: "Order #{n} is ready to collect at the counter." },
  delivered: { title: "Delivered — enjoy!", body: "Order #{n} has been delivered." },
};

/** The customer's push for an order stage, or undefined for stages that are not worth a notification. */
export function orderStagePush(o: {
  orderId: string;
  orderNumber: number;
  status: string;
  channel: "delivery" | "carryout";
  at: number;
}): PushPayload | undefined {
  if (o.status === "ready" && o.channel !== "carryout") return undefined;
  const stage = STAGES[o.status];
  if (!stage) return undefined;
  return {
    kind: "order_status",
    title: stage.title,
    body: stage.body.replace("{n}", String(o.orderNumber)),
    url: `/track?order=${encodeURIComponent(o.orderId)}`,
    tag: `order-${o.orderId}`,
    expiresAt: minutesFrom(o.at, 60),
    urgency: "normal",
    orderId: o.orderId,
  };
}

/** Queues one push per subscription, once per (event, subscription); answers how many were new. */
export async function enqueuePushes(
  db: Kysely<Database>,
  eventId: string,
  subscriptionIds: string[],
  payload: PushPayload,
): Promise<number> {
  let queued = 0;
  for (const id of subscriptionIds) {
    const fresh = await enqueueNotification(db, {
      eventId,
      kind: payload.kind,
      channel: "push",
      recipient: id,
      locale: "en",
      subject: payload.title,
      text: JSON.stringify(payload),
    });
    if (fresh) queued++;
  }
  return queued;
}
