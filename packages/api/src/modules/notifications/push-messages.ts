// What a push says: the JSON the service workers read (title, body, the page a tap opens, actions) and
// how it is queued — one `notification_deliveries` row per (event, 'push', subscription id), the payload in
// `body_text`, its title in `subject`. Every payload carries `expiresAt`: the push service keeps it no longer
// (TTL), and a retry after that moment gives up (an expired offer is worth nothing). The words come from
// `templates/push-texts.ts` in the recipient's language (`locale`, English when absent).
import type { Database, Kysely } from "@pizza/db";
import type { PushKind } from "../../infra/notifier-push.ts";
import { enqueueNotification } from "./delivery-queue.ts";
import type { MessageLocale } from "./templates/i18n.ts";
import { type OrderStage, PUSH_TEXTS } from "./templates/push-texts.ts";

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
  /** The language it is written in. */
  locale: MessageLocale;
}

const minutesFrom = (at: number, minutes: number) => new Date(at + minutes * 60_000).toISOString();

export function offerPush(o: {
  offerId: string;
  storeName: string;
  distanceM: number;
  pickupEtaS: number;
  expiresAt: string;
  locale?: MessageLocale;
}): PushPayload {
  const locale = o.locale ?? "en";
  const w = PUSH_TEXTS[locale];
  const url = `/driver/?offer=${encodeURIComponent(o.offerId)}`;
  const km = new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(
    o.distanceM / 1000,
  );
  const minutes = Math.max(1, Math.round(o.pickupEtaS / 60));
  return {
    kind: "driver_offer",
    locale,
    title: w.offerTitle,
    body: w.offerBody(o.storeName, km, minutes),
    url,
    tag: `offer-${o.offerId}`,
    expiresAt: o.expiresAt,
    urgency: "high",
    actions: [
      { action: "accept", title: w.accept },
      { action: "decline", title: w.decline },
    ],
    actionUrls: { accept: `${url}&do=accept`, decline: `${url}&do=decline` },
    offerId: o.offerId,
  };
}

export function orderReadyPush(o: {
  orderId: string;
  orderNumber: number;
  storeName: string;
  at: number;
  locale?: MessageLocale;
}) {
  const locale = o.locale ?? "en";
  const w = PUSH_TEXTS[locale];
  return {
    kind: "order_ready",
    locale,
    title: w.readyTitle(o.orderNumber),
    body: w.readyBody(o.storeName),
    url: "/driver/",
    tag: `ready-${o.orderId}`,
    expiresAt: minutesFrom(o.at, 30),
    urgency: "high",
    orderId: o.orderId,
  } satisfies PushPayload;
}

export function shiftReminderPush(o: {
  storeName: string;
  storeId: string;
  at: number;
  locale?: MessageLocale;
}) {
  const locale = o.locale ?? "en";
  const w = PUSH_TEXTS[locale];
  return {
    kind: "shift_reminder",
    locale,
    title: w.shiftTitle,
    body: w.shiftBody(o.storeName),
    url: "/driver/",
    tag: `shift-${o.storeId}`,
    expiresAt: minutesFrom(o.at, 30),
    urgency: "normal",
  } satisfies PushPayload;
}

const STAGES: readonly string[] = [
  "preparing",
  "out_for_delivery",
  "ready",
  "delivered",
] satisfies OrderStage[];

/** The customer's push for an order stage, or undefined for stages that are not worth a notification. */
export function orderStagePush(o: {
  orderId: string;
  orderNumber: number;
  status: string;
  channel: "delivery" | "carryout";
  at: number;
  locale?: MessageLocale;
}): PushPayload | undefined {
  if (o.status === "ready" && o.channel !== "carryout") return undefined;
  if (!STAGES.includes(o.status)) return undefined;
  const locale = o.locale ?? "en";
  const stage = PUSH_TEXTS[locale].stages[o.status as OrderStage];
  return {
    kind: "order_status",
    locale,
    title: stage.title,
    body: stage.body(o.orderNumber),
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
      locale: payload.locale,
      subject: payload.title,
      text: JSON.stringify(payload),
    });
    if (fresh) queued++;
  }
  return queued;
}
