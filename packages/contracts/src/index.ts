export {
  type DeliveryTopic,
  type EventPayload,
  type EventPayloads,
  isTopic,
  type OrderTopic,
  type ParsedPayload,
  parseEventPayload,
  TOPIC_NAMES,
  TOPICS,
  type Topic,
} from "./events/topics.ts";
export {
  type Basemap,
  type BasemapLandmark,
  type BasemapStreet,
  EARTH_RADIUS_M,
  haversineM,
  type LatLng,
} from "./geo.ts";
export { formatMoney, toMinor } from "./money.ts";
export { ORDER_STATUSES, type OrderStatus } from "./order-status.ts";
export {
  applyPosition,
  applySnapshot,
  applyStatus,
  emptyTrackedOrder,
  OrderTracker,
  type TrackedOrder,
} from "./realtime/sequence.ts";
export {
  type ClientToServerEvents,
  type DeliveryEvent,
  type DriverDeliveryEvent,
  type DriverPosition,
  type DriverPositionEvent,
  DriverPositionReport,
  type JoinError,
  type JoinResult,
  type OrderArrivingEvent,
  type OrderSnapshot,
  type OrderStatusEvent,
  type PositionResult,
  type RealtimeAuth,
  type ServerToClientEvents,
  type TimelineEntry,
} from "./realtime/socket-events.ts";
