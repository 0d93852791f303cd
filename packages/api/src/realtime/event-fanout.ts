// The two live consumers that carry bus events to Socket.IO rooms: order events to the order's and the
// store's rooms, delivery events to the driver's and the store's. Payloads arrive parsed with their
// topic's schema (`@pizza/contracts`), so no field is guessed here.
import type { DeliveryEvent, DeliveryTopic, OrderStatusEvent, OrderTopic } from "@pizza/contracts";
import type { EventsRuntime, TopicEvent } from "../events/consumers.ts";
import { rooms } from "./socket-rooms.ts";
import type { RealtimeServer } from "./socket-server.ts";
import type { TrackingService } from "./tracking.ts";

/**
 * The orders module writes `order.status_changed` for every transition (and `order.ready` /
 * `order.cancelled` beside it, with the same version, for their own consumers): clients need only the first.
 */
const ORDER_TOPICS = [
  "order.placed",
  "order.updated",
  "order.status_changed",
] as const satisfies OrderTopic[];

const DRIVER_TOPICS = [
  "delivery.offered",
  "delivery.assigned",
  "delivery.unassigned",
  "delivery.picked_up",
  "delivery.delivered",
] as const satisfies DeliveryTopic[];

/** Dispatch news for the store console: no driver found yet (it keeps looking), a driver took it. */
const STORE_DELIVERY_TOPICS = ["delivery.no_driver", "delivery.assigned"] as const satisfies DeliveryTopic[];

export const FANOUT_CONSUMERS = ["realtime.order-tracking", "realtime.store-notifications"] as const;

const isOrderEvent = (e: TopicEvent): e is TopicEvent<OrderTopic> => e.topic.startsWith("order.");

/** The order event as clients see it: the routing and status part of the payload. */
export function toStatusEvent(event: TopicEvent<OrderTopic>): OrderStatusEvent {
  const p = event.payload;
  return {
    topic: event.topic,
    orderId: p.orderId,
    orderNumber: p.orderNumber,
    storeId: p.storeId,
    channel: p.channel,
    status: p.status,
    previousStatus: p.previousStatus,
    version: p.version,
    at: p.at,
  };
}

/** A delivery event as a socket gets it: the topic, the ids to route by, and the payload. */
export function toDeliveryEvent(event: TopicEvent<DeliveryTopic>): DeliveryEvent {
  // Topic and payload come from one parsed event, so they belong together.
  return {
    topic: event.topic,
    deliveryId: event.payload.deliveryId,
    orderId: event.payload.orderId,
    payload: event.payload,
  } as DeliveryEvent;
}

/**
 * Registers the fan-out consumers on this node's runtime. One node of each group takes an event and
 * broadcasts it (to every node, through the adapter). `invalidate` tells every node that a driver's
 * deliveries changed, so positions go to the right order rooms.
 */
export function registerFanout(
  events: EventsRuntime,
  io: RealtimeServer,
  tracking: TrackingService,
  invalidate: (driverId: string | null) => void,
): void {
  events.registerLive({
    name: FANOUT_CONSUMERS[0],
    topics: [...ORDER_TOPICS, ...DRIVER_TOPICS, "delivery.arriving"],
    handle: async (event) => {
      if (event.topic === "delivery.arriving") {
        const p = (event as TopicEvent<"delivery.arriving">).payload;
        const arriving = {
          orderId: p.orderId,
          deliveryId: p.deliveryId,
          distanceM: p.distanceM,
          etaS: p.etaS,
          at: p.at,
        };
        io.to(rooms.order(p.orderId)).emit("order:arriving", arriving);
        return;
      }
      if (isOrderEvent(event)) {
        const e = toStatusEvent(event);
        io.to(rooms.order(e.orderId)).emit("order:status", e);
        if (e.status === "out_for_delivery" || e.status === "delivered" || e.status === "cancelled") {
          // The order's driver starts or stops sending positions to this room.
          invalidate(await tracking.driverOf(e.orderId));
        }
        return;
      }
      const news = event as TopicEvent<(typeof DRIVER_TOPICS)[number]>;
      io.to(rooms.driver(news.payload.driverId)).emit("driver:delivery", toDeliveryEvent(news));
      invalidate(news.payload.driverId);
    },
  });
  events.registerLive({
    name: FANOUT_CONSUMERS[1],
    topics: [...ORDER_TOPICS, ...STORE_DELIVERY_TOPICS],
    handle: async (event) => {
      if (isOrderEvent(event)) {
        const e = toStatusEvent(event);
        io.to(rooms.store(e.storeId)).emit("store:order", e);
        return;
      }
      const news = event as TopicEvent<(typeof STORE_DELIVERY_TOPICS)[number]>;
      io.to(rooms.store(news.payload.storeId)).emit("store:delivery", toDeliveryEvent(news));
    },
  });
}
