/**
 * The Socket.IO contract between the API and the apps, defined in `@pizza/contracts` and re-exported here
 * as types for `@pizza/api/realtime-types`, so nothing of the server reaches an app bundle.
 */
export type {
  ClientToServerEvents,
  DeliveryEvent,
  DriverDeliveryEvent,
  DriverPosition,
  DriverPositionEvent,
  JoinError,
  JoinResult,
  OrderSnapshot,
  OrderStatus,
  OrderStatusEvent,
  OrderTopic,
  PositionResult,
  RealtimeAuth,
  ServerToClientEvents,
  TimelineEntry,
} from "@pizza/contracts";
