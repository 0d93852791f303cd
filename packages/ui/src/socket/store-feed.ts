// A store's live order statuses and dispatch news for the console, re-seeded from the API on every
// (re)connect because the store room has no snapshot.
import type { DriverDeliveryEvent, OrderStatusEvent } from "@pizza/contracts";
import { useCallback, useEffect, useRef, useState } from "react";
import type { ConnectionState } from "./connection.ts";
import { useConnectionState, useSocket } from "./socket-provider.ts";
import {
  applyStoreEvent,
  applyStoreSnapshot,
  type StoreFeedState,
  type StoreOrderState,
} from "./store-feed-state.ts";

export interface StoreFeedOptions {
  /** Joins this store's room explicitly (needed for admins; staff are in their own store's room anyway). */
  storeId?: string | null;
  /** Every new (not stale, not duplicate) order event of the store, after it was applied. */
  onEvent?(event: OrderStatusEvent): void;
  /** Dispatch news of the store (`delivery.no_driver`, `delivery.assigned`). */
  onDelivery?(event: DriverDeliveryEvent): void;
  /**
   * Called on every (re)connect: the store room has no snapshot, so read the store's orders through the
   * API here and hand them to `seed` (events that arrived meanwhile are kept when newer).
   */
  onResync?(): void;
}

export interface StoreFeed {
  orders: StoreFeedState;
  /** Merge a list of the store's orders read through the API (version-checked). */
  seed(rows: readonly StoreOrderState[]): void;
  connection: ConnectionState;
}

/** The live status of a store's orders (`store:order` events, deduplicated by version). */
export function useStoreFeed(options: StoreFeedOptions = {}): StoreFeed {
  const connection = useSocket();
  const state = useConnectionState();
  const [orders, setOrders] = useState<StoreFeedState>(() => new Map());
  const ordersRef = useRef<StoreFeedState>(orders);
  const optionsRef = useRef(options);
  optionsRef.current = options;

  const seed = useCallback((rows: readonly StoreOrderState[]) => {
    ordersRef.current = applyStoreSnapshot(ordersRef.current, rows);
    setOrders(ordersRef.current);
  }, []);

  useEffect(() => {
    const socket = connection.socket;
    const onOrder = (event: OrderStatusEvent) => {
      const next = applyStoreEvent(ordersRef.current, event);
      if (!next) return;
      ordersRef.current = next;
      setOrders(next);
      optionsRef.current.onEvent?.(event);
    };
    const onDelivery = (event: DriverDeliveryEvent) => optionsRef.current.onDelivery?.(event);
    const onConnect = () => optionsRef.current.onResync?.();
    socket.on("store:order", onOrder);
    socket.on("store:delivery", onDelivery);
    socket.on("connect", onConnect);
    return () => {
      socket.off("store:order", onOrder);
      socket.off("store:delivery", onDelivery);
      socket.off("connect", onConnect);
    };
  }, [connection]);

  const storeId = options.storeId ?? null;
  useEffect(() => (storeId ? connection.followStore(storeId) : undefined), [connection, storeId]);

  return { orders, seed, connection: state };
}
