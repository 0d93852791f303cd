/**
 * The Socket.IO contract between the API and the apps: what each side may emit and what it carries.
 * Types only (plus the position schema both sides check with), so an app bundle gets nothing of the server.
 *
 * Every order event carries the order's `version` (bumped on each transition): the per-order sequence
 * number a client uses to drop stale and duplicate events (see `sequence.ts`).
 */
import { z } from "zod";
import type { DeliveryTopic, EventPayload, OrderTopic } from "../events/topics.ts";
import type { OrderStatus } from "../order-status.ts";

export interface TimelineEntry {
  status: OrderStatus;
  version: number;
  /** ISO time of the transition. */
  at: string;
}

/** A position a driver's app reports: `at` is when it was measured (epoch ms; the server's clock when missing). */
export const DriverPositionReport = z.object({
  lat: z.number().min(-90).max(90),
  lng: z.number().min(-180).max(180),
  heading: z.number().min(0).max(360).optional(),
  speedMps: z.number().min(0).max(100).optional(),
  accuracyM: z.number().min(0).max(10_000).optional(),
  at: z.number().int().positive().optional(),
});

/** A driver's position as the server relays it. `at` is when it was measured (epoch ms). */
export interface DriverPosition {
  lat: number;
  lng: number;
  heading?: number;
  speedMps?: number;
  accuracyM?: number;
  at: number;
}

/** Sent first on every join (and so on every reconnect): the order as it is now. */
export interface OrderSnapshot {
  orderId: string;
  orderNumber: number;
  storeId: string;
  channel: "delivery" | "carryout";
  status: OrderStatus;
  version: number;
  timeline: TimelineEntry[];
  /** While the order is out for delivery: its driver and last known position. */
  driver: { driverId: string; name: string; position: DriverPosition | null } | null;
  /** Server time of the snapshot (ISO). */
  at: string;
}

/** An order event as clients see it: the routing and status part of its payload. */
export interface OrderStatusEvent {
  topic: OrderTopic;
  orderId: string;
  orderNumber: number;
  storeId: string;
  channel: "delivery" | "carryout";
  status: OrderStatus;
  previousStatus: OrderStatus | null;
  version: number;
  at: string;
}

export interface DriverPositionEvent {
  orderId: string;
  /** The order's version when the position was relayed (positions never bump it). */
  version: number;
  driverId: string;
  position: DriverPosition;
}

/** The driver is about to reach the drop-off (once per delivery): the tracker says "Your driver is arriving". */
export interface OrderArrivingEvent {
  orderId: string;
  deliveryId: string;
  /** Straight-line metres to the drop-off and the ETA model's seconds, when it was noticed. */
  distanceM: number;
  etaS: number;
  at: string;
}

/**
 * A delivery event forwarded to a socket (a driver's offers and assignment changes, a store's dispatch
 * news): the topic says which payload it carries.
 */
export type DeliveryEvent<T extends DeliveryTopic = DeliveryTopic> = {
  [K in T]: { topic: K; deliveryId: string | null; orderId: string | null; payload: EventPayload<K> };
}[T];

/** A delivery event for the driver it concerns (offers, assignment changes, pick-up, drop-off). */
export type DriverDeliveryEvent = DeliveryEvent;

/**
 * `unauthorized`: the socket's access token expired (the server then disconnects it; reconnect with a fresh
 * token); `rate_limited`: too many requests on this socket, slow down.
 */
export type JoinError =
  | "bad_request"
  | "not_found"
  | "forbidden"
  | "unavailable"
  | "unauthorized"
  | "rate_limited";
export type JoinResult = { ok: true; version: number } | { ok: false; error: JoinError };
export type PositionResult =
  | { ok: true; fannedOut: number }
  | { ok: false; error: "forbidden" | "bad_request" | "unavailable" };

export interface ServerToClientEvents {
  /** The current state of an order, sent right after a successful `order:join`, before any of its events. */
  "order:snapshot": (snapshot: OrderSnapshot) => void;
  /** A status change (or placement, update, cancellation) of an order whose room the client joined. */
  "order:status": (event: OrderStatusEvent) => void;
  /** The driver's position while the order is out for delivery (about one per second per order, ≥ 0.9 s apart). */
  "order:driver_position": (event: DriverPositionEvent) => void;
  /** The order's driver is about to arrive (sent once per delivery). */
  "order:arriving": (event: OrderArrivingEvent) => void;
  /** Staff: a new order or a change in their store. */
  "store:order": (event: OrderStatusEvent) => void;
  /** Drivers: offers and updates of their own deliveries. */
  "driver:delivery": (event: DriverDeliveryEvent) => void;
  /** Staff: dispatch news of their store (`delivery.no_driver`: still looking for a driver; `delivery.assigned`). */
  "store:delivery": (event: DeliveryEvent) => void;
}

export interface ClientToServerEvents {
  /** Follow an order: allowed for its customer, its store's staff, its driver and admins. */
  "order:join": (request: { orderId: string }, ack: (result: JoinResult) => void) => void;
  "order:leave": (request: { orderId: string }) => void;
  /** Staff are placed in their store's room on connect; admins (or staff, for their own store) may join explicitly. */
  "store:join": (request: { storeId: string }, ack: (result: JoinResult) => void) => void;
  /** Drivers: their current position (about once per second). */
  "driver:position": (position: DriverPosition, ack?: (result: PositionResult) => void) => void;
}

/** Socket.IO's `auth` handshake payload: the access token from `auth.login`. */
export interface RealtimeAuth {
  token: string;
}
