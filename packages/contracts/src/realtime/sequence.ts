import type { OrderStatus } from "../order-status.ts";
import type { DriverPositionEvent, OrderSnapshot, OrderStatusEvent, TimelineEntry } from "./socket-events.ts";

/**
 * Client-side ordering of one order's events (pure TypeScript; apps get it from `@pizza/contracts`,
 * through `@pizza/ui/socket`). Events can arrive twice (at-least-once bus), late (a snapshot read
 * after them), or out of order (several nodes). The order's `version` decides: an event is applied only
 * when it is newer than what the client holds; positions (which do not bump the version) are applied
 * only when measured after the last one applied.
 */
export interface TrackedOrder {
  orderId: string;
  status: OrderStatus | null;
  version: number;
  timeline: TimelineEntry[];
  driverId: string | null;
  driverPosition: { lat: number; lng: number; heading?: number; at: number } | null;
}

export function emptyTrackedOrder(orderId: string): TrackedOrder {
  return { orderId, status: null, version: 0, timeline: [], driverId: null, driverPosition: null };
}

function mergeTimeline(a: TimelineEntry[], b: TimelineEntry[]): TimelineEntry[] {
  const byVersion = new Map<number, TimelineEntry>();
  for (const e of [...a, ...b]) byVersion.set(e.version, e);
  return [...byVersion.values()].sort((x, y) => x.version - y.version);
}

/** Applies a snapshot; returns the new state, or `undefined` when it is older than what is held. */
export function applySnapshot(state: TrackedOrder, snapshot: OrderSnapshot): TrackedOrder | undefined {
  if (snapshot.orderId !== state.orderId || snapshot.version < state.version) return undefined;
  const position = snapshot.driver?.position ?? null;
  const keepPosition = state.driverPosition && (!position || position.at <= state.driverPosition.at);
  return {
    orderId: state.orderId,
    status: snapshot.status,
    version: snapshot.version,
    timeline: mergeTimeline(state.timeline, snapshot.timeline),
    driverId: snapshot.driver?.driverId ?? null,
    driverPosition: snapshot.driver
      ? keepPosition
        ? state.driverPosition
        : position
          ? { lat: position.lat, lng: position.lng, heading: position.heading, at: position.at }
          : null
      : null,
  };
}

/** Applies a status event; `undefined` when it is stale or a duplicate (version not newer). */
export function applyStatus(state: TrackedOrder, event: OrderStatusEvent): TrackedOrder | undefined {
  if (event.orderId !== state.orderId || event.version <= state.version) return undefined;
  const leftDelivery = event.status !== "out_for_delivery";
  return {
    ...state,
    status: event.status,
    version: event.version,
    timeline: mergeTimeline(state.timeline, [{ status: event.status, version: event.version, at: event.at }]),
    driverPosition: leftDelivery ? null : state.driverPosition,
  };
}

/** Applies a driver position; `undefined` when it belongs to an older version of the order or is not newer. */
export function applyPosition(state: TrackedOrder, event: DriverPositionEvent): TrackedOrder | undefined {
  if (event.orderId !== state.orderId || event.version < state.version) return undefined;
  if (state.status !== null && state.status !== "out_for_delivery" && event.version === state.version)
    return undefined;
  if (state.driverPosition && event.position.at <= state.driverPosition.at) return undefined;
  const p = event.position;
  return {
    ...state,
    // The version is left alone: a position never stands for a status the client has not seen.
    driverId: event.driverId,
    driverPosition: { lat: p.lat, lng: p.lng, heading: p.heading, at: p.at },
  };
}

/**
 * A small stateful wrapper for apps: feed it whatever arrives, read `state`; each `on*` returns whether
 * the message changed anything (false = dropped as stale or duplicate).
 */
export class OrderTracker {
  state: TrackedOrder;
  dropped = 0;

  constructor(orderId: string) {
    this.state = emptyTrackedOrder(orderId);
  }

  onSnapshot(snapshot: OrderSnapshot): boolean {
    return this.take(applySnapshot(this.state, snapshot));
  }

  onStatus(event: OrderStatusEvent): boolean {
    return this.take(applyStatus(this.state, event));
  }

  onPosition(event: DriverPositionEvent): boolean {
    return this.take(applyPosition(this.state, event));
  }

  private take(next: TrackedOrder | undefined): boolean {
    if (!next) {
      this.dropped++;
      return false;
    }
    this.state = next;
    return true;
  }
}
