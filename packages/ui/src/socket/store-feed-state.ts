// The store console's live view of its orders as pure functions: events and re-read lists merged by
// version, so a late or repeated one never undoes a newer state.
import {
  applyStatus,
  emptyTrackedOrder,
  type OrderStatus,
  type OrderStatusEvent,
  type TrackedOrder,
} from "@pizza/contracts";

/** What a store console knows of one order from the live feed (the status, not the ticket's content). */
export interface StoreOrderState {
  orderId: string;
  orderNumber: number;
  channel: "delivery" | "carryout";
  status: OrderStatus;
  version: number;
  /** ISO time of the last change. */
  at: string;
}

export type StoreFeedState = ReadonlyMap<string, StoreOrderState>;

function tracked(s: StoreOrderState | undefined, orderId: string): TrackedOrder {
  return s
    ? { ...emptyTrackedOrder(orderId), status: s.status, version: s.version }
    : emptyTrackedOrder(orderId);
}

/**
 * Applies a `store:order` event; returns the new state, or `undefined` when the event is stale or a
 * duplicate (its version is not newer than what is held for that order).
 */
export function applyStoreEvent(state: StoreFeedState, event: OrderStatusEvent): StoreFeedState | undefined {
  const next = applyStatus(tracked(state.get(event.orderId), event.orderId), event);
  if (!next) return undefined;
  const map = new Map(state);
  map.set(event.orderId, {
    orderId: event.orderId,
    orderNumber: event.orderNumber,
    channel: event.channel,
    status: event.status,
    version: event.version,
    at: event.at,
  });
  return map;
}

/**
 * Merges a snapshot of the store's orders (read through the API after (re)connecting): a row replaces
 * what is held only when its version is at least as new, so an event that arrived while the read was in
 * flight is never undone by it.
 */
export function applyStoreSnapshot(state: StoreFeedState, rows: readonly StoreOrderState[]): StoreFeedState {
  const map = new Map(state);
  for (const row of rows) {
    const held = map.get(row.orderId);
    if (!held || row.version >= held.version) map.set(row.orderId, row);
  }
  return map;
}
