// A driver's own delivery news (offers, assignment changes) as it arrives on their room.
import type { DriverDeliveryEvent } from "@pizza/contracts";
import { useEffect, useRef } from "react";
import type { ConnectionState } from "./connection.ts";
import { useConnectionState, useSocket } from "./socket-provider.ts";

/** Drivers: offers and updates of their own deliveries (`driver:delivery`), and the connection state. */
export function useDriverFeed(onEvent: (event: DriverDeliveryEvent) => void): ConnectionState {
  const connection = useSocket();
  const state = useConnectionState();
  const ref = useRef(onEvent);
  ref.current = onEvent;
  useEffect(() => {
    const handler = (event: DriverDeliveryEvent) => ref.current(event);
    connection.socket.on("driver:delivery", handler);
    return () => void connection.socket.off("driver:delivery", handler);
  }, [connection]);
  return state;
}
