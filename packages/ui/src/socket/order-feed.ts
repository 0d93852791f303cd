// One order's live state for a tracker screen: snapshot on every (re)connect, then its events and driver
// positions, each applied only when newer than what is held.
import {
  type DriverPositionEvent,
  emptyTrackedOrder,
  type JoinError,
  type OrderSnapshot,
  type OrderStatusEvent,
  OrderTracker,
  type TrackedOrder,
} from "@pizza/contracts";
import { useEffect, useState } from "react";
import type { ConnectionState } from "./connection.ts";
import { useConnectionState, useSocket } from "./socket-provider.ts";

export interface OrderFeed {
  order: TrackedOrder;
  /** The server's refusal of the join (`not_found` for someone else's order), if any. */
  error: JoinError | null;
  /** At least one snapshot arrived (the timeline is complete from then on). */
  ready: boolean;
  connection: ConnectionState;
}

/**
 * Follows one order: joins its room on every connect (snapshot first), then applies its status events
 * and driver positions, dropping stale and duplicate ones by version.
 */
export function useOrderFeed(orderId: string | null | undefined): OrderFeed {
  const connection = useSocket();
  const state = useConnectionState();
  const [feed, setFeed] = useState<{ order: TrackedOrder; error: JoinError | null; ready: boolean }>(() => ({
    order: emptyTrackedOrder(orderId ?? ""),
    error: null,
    ready: false,
  }));

  useEffect(() => {
    if (!orderId) return;
    const tracker = new OrderTracker(orderId);
    setFeed({ order: tracker.state, error: null, ready: false });
    const publish = (ready?: boolean) =>
      setFeed((f) => ({ order: tracker.state, error: null, ready: ready ?? f.ready }));
    const socket = connection.socket;
    const onSnapshot = (s: OrderSnapshot) => {
      if (s.orderId === orderId && tracker.onSnapshot(s)) publish(true);
    };
    const onStatus = (e: OrderStatusEvent) => {
      if (e.orderId === orderId && tracker.onStatus(e)) publish();
    };
    const onPosition = (e: DriverPositionEvent) => {
      if (e.orderId === orderId && tracker.onPosition(e)) publish();
    };
    socket.on("order:snapshot", onSnapshot);
    socket.on("order:status", onStatus);
    socket.on("order:driver_position", onPosition);
    const offError = connection.onJoinError((id, error) => {
      if (id === orderId) setFeed((f) => ({ ...f, error }));
    });
    const unfollow = connection.followOrder(orderId);
    return () => {
      unfollow();
      offError();
      socket.off("order:snapshot", onSnapshot);
      socket.off("order:status", onStatus);
      socket.off("order:driver_position", onPosition);
    };
  }, [connection, orderId]);

  return { ...feed, connection: state };
}
