// The apps' one Socket.IO connection, framework-free (the provider owns one): handshake with the current
// token, reconnects with back-off, a refresh after a refused token, and the rooms it re-joins on every connect.
import type { ClientToServerEvents, JoinError, ServerToClientEvents } from "@pizza/contracts";
import { io, type Socket } from "socket.io-client";
import { type BackoffOptions, backoffDelay, DEFAULT_BACKOFF } from "./backoff.ts";

export type RealtimeSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

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

export interface RealtimeConnectionOptions {
  /** Server origin; default: the page's own (the API serves the apps). */
  url?: string;
  /** Socket.IO path; default `/socket.io`. */
  path?: string;
  /** The current access token (read at every connect), `null` when signed out. */
  getToken(): string | null;
  /** "trackToken": `getToken` gives a tracking link's token (one order, read-only, no account). */
  tokenKind?: "token" | "trackToken";
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
      auth: (cb: (data: object) => void) => cb({ [options.tokenKind ?? "token"]: options.getToken() ?? "" }),
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
