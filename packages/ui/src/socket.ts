import {
  applySnapshot,
  applyStatus,
  emptyTrackedOrder,
  OrderTracker,
  type TrackedOrder,
} from "@pizza/api/realtime-sequence";
import type {
  ClientToServerEvents,
  DriverDeliveryEvent,
  DriverPositionEvent,
  JoinError,
  OrderSnapshot,
  OrderStatus,
  OrderStatusEvent,
  ServerToClientEvents,
} from "@pizza/api/realtime-types";
import {
  createContext,
  createElement,
  type ReactNode,
  useCallback,
  useContext,
  useEffect,
  useRef,
  useState,
  useSyncExternalStore,
} from "react";
import { io, type Socket } from "socket.io-client";
import { useSession, useTRPCClient } from "./api-provider.tsx";

/**
 * The Socket.IO client of the apps (contract: packages/api/src/realtime/README.md).
 *
 * - Handshake `auth: { token }` with the session's CURRENT access token, read at every (re)connect, so a
 *   reconnect after a token refresh uses the fresh one. A refusal ("unauthorized": the token expired
 *   while we were away) triggers one refresh through the tRPC client, then a reconnect with back-off.
 * - Transport drops reconnect with Socket.IO's own exponential back-off (with jitter).
 * - Rooms: staff are put in their store's room and drivers in theirs by the server on connect; order
 *   rooms (and, for admins, store rooms) are joined on request and RE-JOINED on every connect, so the
 *   server sends a fresh `order:snapshot` first each time.
 * - Stale and duplicate events are dropped with the per-order `version` (`@pizza/api/realtime-sequence`).
 *
 * Pure parts (back-off, the store feed reducer) are exported for tests; the React side is
 * `<SocketProvider>` + `useSocket`, `useConnectionState`, `useOrderFeed`, `useStoreFeed`, `useDriverFeed`.
 */

export type RealtimeSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

// ---------------------------------------------------------------------------------------------------
// Pure parts

export interface BackoffOptions {
  /** First delay. */
  baseMs: number;
  /** Ceiling of the delay. */
  maxMs: number;
  /** Growth per attempt. */
  factor: number;
  /** 0..1: the delay is spread uniformly over ±jitter of itself, so clients that dropped together do not return together. */
  jitter: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 500, maxMs: 15_000, factor: 2, jitter: 0.3 };

/** The wait before reconnect attempt number `attempt` (0-based). */
export function backoffDelay(
  attempt: number,
  options: BackoffOptions = DEFAULT_BACKOFF,
  random: () => number = Math.random,
): number {
  const n = Math.max(0, Math.floor(attempt));
  const raw = Math.min(options.maxMs, options.baseMs * options.factor ** Math.min(n, 32));
  const spread = raw * options.jitter * (random() * 2 - 1);
  return Math.max(0, Math.min(options.maxMs, Math.round(raw + spread)));
}

export type ConnectionStatus =
  /** Not signed in, or stopped. */
  | "idle"
  | "connecting"
  | "connected"
  /** Lost the connection; trying again with back-off. */
  | "reconnecting"
  /** The server refused the token and it could not be refreshed (signed out). */
  | "unauthorized";

export interface ConnectionState {
  status: ConnectionStatus;
  /** Failed attempts since the last successful connect. */
  attempt: number;
  /** Why the last attempt failed (Socket.IO's message). */
  lastError: string | null;
  /** How many times this connection has (re)connected: each one re-joined its rooms. */
  connects: number;
}

export const IDLE_CONNECTION: ConnectionState = { status: "idle", attempt: 0, lastError: null, connects: 0 };

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

// ---------------------------------------------------------------------------------------------------
// The connection (framework-free; the provider owns one)

export interface RealtimeConnectionOptions {
  /** Server origin; default: the page's own (the API serves the apps). */
  url?: string;
  /** Socket.IO path; default `/socket.io`. */
  path?: string;
  /** The current access token (read at every connect), `null` when signed out. */
  getToken(): string | null;
  /** Refreshes the session after the server refused the token; resolves false when signed out. */
  refresh(): Promise<boolean>;
  backoff?: BackoffOptions;
  /** For tests: Socket.IO's `io`. */
  connect?: typeof io;
}

type Listener = () => void;

export class RealtimeConnection {
  readonly socket: RealtimeSocket;
  private state: ConnectionState = IDLE_CONNECTION;
  private readonly listeners = new Set<Listener>();
  private readonly orders = new Map<string, number>();
  private readonly stores = new Map<string, number>();
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private stopped = true;
  private readonly backoff: BackoffOptions;

  constructor(private readonly options: RealtimeConnectionOptions) {
    this.backoff = options.backoff ?? DEFAULT_BACKOFF;
    const connect = options.connect ?? io;
    const socketOptions = {
      path: options.path ?? "/socket.io",
      autoConnect: false,
      // Read at every (re)connect: a refreshed token is used from the next attempt on.
      auth: (cb: (data: object) => void) => cb({ token: options.getToken() ?? "" }),
      reconnection: true,
      reconnectionDelay: this.backoff.baseMs,
      reconnectionDelayMax: this.backoff.maxMs,
      randomizationFactor: this.backoff.jitter,
      transports: ["websocket", "polling"],
    };
    this.socket = (
      options.url ? connect(options.url, socketOptions) : connect(socketOptions)
    ) as RealtimeSocket;

    this.socket.on("connect", () => {
      this.set({ status: "connected", attempt: 0, lastError: null, connects: this.state.connects + 1 });
      // Rooms are per connection: re-join everything followed (each join answers with a fresh snapshot).
      for (const storeId of this.stores.keys()) this.socket.emit("store:join", { storeId }, () => {});
      for (const orderId of this.orders.keys()) this.joinOrder(orderId);
    });
    this.socket.on("disconnect", (reason) => {
      if (this.stopped) return;
      // "io server disconnect": the server closed us on purpose; Socket.IO will not retry by itself.
      if (reason === "io server disconnect") this.retry(reason);
      else this.set({ ...this.state, status: "reconnecting", lastError: reason });
    });
    this.socket.on("connect_error", (error) => {
      if (this.stopped) return;
      // `active`: Socket.IO retries by itself (a transport failure). Otherwise the server's middleware
      // refused us (an expired or revoked token): refresh, then retry with back-off.
      if (this.socket.active) {
        this.set({
          ...this.state,
          status: "reconnecting",
          attempt: this.state.attempt + 1,
          lastError: error.message,
        });
        return;
      }
      void this.options.refresh().then(
        (ok) => {
          if (this.stopped) return;
          if (!ok) {
            this.set({ ...this.state, status: "unauthorized", lastError: error.message });
            return;
          }
          this.retry(error.message);
        },
        () => this.retry(error.message),
      );
    });
  }

  /** Joins an order room and asks the server for its snapshot; answered through `order:snapshot`. */
  private joinOrder(orderId: string) {
    this.socket.emit("order:join", { orderId }, (result) => {
      if (!result.ok) for (const l of this.joinErrorListeners) l(orderId, result.error);
    });
  }

  private readonly joinErrorListeners = new Set<(orderId: string, error: JoinError) => void>();

  onJoinError(listener: (orderId: string, error: JoinError) => void): () => void {
    this.joinErrorListeners.add(listener);
    return () => this.joinErrorListeners.delete(listener);
  }

  private retry(reason: string) {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    const attempt = this.state.attempt;
    this.set({ ...this.state, status: "reconnecting", attempt: attempt + 1, lastError: reason });
    this.retryTimer = setTimeout(
      () => {
        this.retryTimer = null;
        if (!this.stopped && !this.socket.connected) this.socket.connect();
      },
      backoffDelay(attempt, this.backoff),
    );
  }

  start() {
    if (!this.stopped) return;
    this.stopped = false;
    if (!this.options.getToken()) {
      this.set({ ...IDLE_CONNECTION });
      return;
    }
    this.set({ ...this.state, status: "connecting" });
    this.socket.connect();
  }

  stop() {
    this.stopped = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.socket.disconnect();
    this.set({ ...IDLE_CONNECTION, connects: this.state.connects });
  }

  /** The session's token changed. A refreshed token is picked up at the next connect; a new user reconnects now. */
  tokenChanged(userChanged: boolean) {
    if (this.stopped) return;
    if (!this.options.getToken()) {
      this.socket.disconnect();
      this.set({ ...IDLE_CONNECTION, connects: this.state.connects });
      return;
    }
    if (userChanged) {
      this.socket.disconnect();
      this.set({ ...this.state, status: "connecting", attempt: 0 });
      this.socket.connect();
    } else if (this.state.status === "unauthorized" || (!this.socket.connected && !this.socket.active)) {
      this.set({ ...this.state, status: "connecting" });
      this.socket.connect();
    }
  }

  /** Follows an order (reference counted); returns the function that stops following it. */
  followOrder(orderId: string): () => void {
    const n = this.orders.get(orderId) ?? 0;
    this.orders.set(orderId, n + 1);
    if (n === 0 && this.socket.connected) this.joinOrder(orderId);
    return () => {
      const left = (this.orders.get(orderId) ?? 1) - 1;
      if (left > 0) return void this.orders.set(orderId, left);
      this.orders.delete(orderId);
      if (this.socket.connected) this.socket.emit("order:leave", { orderId });
    };
  }

  /** Joins a store's room explicitly (admins; staff are placed in theirs automatically). */
  followStore(storeId: string): () => void {
    const n = this.stores.get(storeId) ?? 0;
    this.stores.set(storeId, n + 1);
    if (n === 0 && this.socket.connected) this.socket.emit("store:join", { storeId }, () => {});
    return () => {
      const left = (this.stores.get(storeId) ?? 1) - 1;
      if (left > 0) this.stores.set(storeId, left);
      else this.stores.delete(storeId);
    };
  }

  getState = (): ConnectionState => this.state;

  subscribe = (listener: Listener): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private set(state: ConnectionState) {
    this.state = state;
    for (const l of this.listeners) l();
  }
}

// ---------------------------------------------------------------------------------------------------
// React

const SocketContext = createContext<RealtimeConnection | null>(null);

/**
 * One Socket.IO connection for the signed-in user, shared by every hook below. Put it inside
 * `<ApiProvider>`; it connects while someone is signed in and follows the session (refresh, sign-out,
 * another user).
 */
export function SocketProvider({
  children,
  url,
  path,
  backoff,
}: {
  children: ReactNode;
  url?: string;
  path?: string;
  backoff?: BackoffOptions;
}) {
  const { session } = useSession();
  const client = useTRPCClient();
  const tokenRef = useRef<string | null>(session?.accessToken ?? null);
  tokenRef.current = session?.accessToken ?? null;
  const [connection] = useState(
    () =>
      new RealtimeConnection({
        url,
        path,
        backoff,
        getToken: () => tokenRef.current,
        // Any authenticated call refreshes the session on a 401 (api-client.ts); the new token then
        // reaches tokenRef through the session store before the reconnect reads it.
        refresh: async () => {
          try {
            await client.user.profile.query();
            return tokenRef.current !== null;
          } catch {
            return false;
          }
        },
      }),
  );

  useEffect(() => {
    connection.start();
    return () => connection.stop();
  }, [connection]);

  const userId = session?.user.id ?? null;
  const token = session?.accessToken ?? null;
  const previous = useRef({ userId, token });
  useEffect(() => {
    const before = previous.current;
    previous.current = { userId, token };
    if (before.userId === userId && before.token === token) return;
    connection.tokenChanged(before.userId !== userId);
  }, [connection, userId, token]);

  return createElement(SocketContext.Provider, { value: connection }, children);
}

/** The shared connection (its `socket` for anything the hooks below do not cover). */
export function useSocket(): RealtimeConnection {
  const connection = useContext(SocketContext);
  if (!connection) throw new Error("useSocket must be used inside <SocketProvider>");
  return connection;
}

export function useConnectionState(): ConnectionState {
  const connection = useSocket();
  return useSyncExternalStore(connection.subscribe, connection.getState, connection.getState);
}

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

export { applySnapshot, emptyTrackedOrder, OrderTracker, type TrackedOrder };
