/**
 * `@pizza/ui/socket`: the Socket.IO client of the apps (contract: packages/api/src/realtime/README.md).
 *
 * - Handshake `auth: { token }` with the session's CURRENT access token, read at every (re)connect, so a
 *   reconnect after a token refresh uses the fresh one. A refusal ("unauthorized": the token expired
 *   while we were away) triggers one refresh through the tRPC client, then a reconnect with back-off.
 * - Transport drops reconnect with Socket.IO's own exponential back-off (with jitter).
 * - Rooms: staff are put in their store's room and drivers in theirs by the server on connect; order
 *   rooms (and, for admins, store rooms) are joined on request and RE-JOINED on every connect, so the
 *   server sends a fresh `order:snapshot` first each time.
 * - Stale and duplicate events are dropped with the per-order `version` (`OrderTracker` of `@pizza/contracts`).
 *
 * One file per concern: `backoff.ts`, `connection.ts` (`RealtimeConnection`, framework-free),
 * `store-feed-state.ts` (the pure store reducer), `socket-provider.ts` (`<SocketProvider>`, `useSocket`,
 * `useConnectionState`), and one hook per feed: `order-feed.ts`, `store-feed.ts`, `driver-feed.ts`.
 */

export { applySnapshot, emptyTrackedOrder, OrderTracker, type TrackedOrder } from "@pizza/contracts";
export { type BackoffOptions, backoffDelay, DEFAULT_BACKOFF } from "./backoff.ts";
export {
  type ConnectionState,
  type ConnectionStatus,
  IDLE_CONNECTION,
  RealtimeConnection,
  type RealtimeConnectionOptions,
  type RealtimeSocket,
} from "./connection.ts";
export { useDriverFeed } from "./driver-feed.ts";
export { type OrderFeed, useOrderFeed } from "./order-feed.ts";
export { SocketProvider, useConnectionState, useSocket } from "./socket-provider.ts";
export { type StoreFeed, type StoreFeedOptions, useStoreFeed } from "./store-feed.ts";
export {
  applyStoreEvent,
  applyStoreSnapshot,
  type StoreFeedState,
  type StoreOrderState,
} from "./store-feed-state.ts";
