import type {
  ClientToServerEvents,
  DriverDeliveryEvent,
  DriverPosition,
  ServerToClientEvents,
} from "@pizza/api/realtime-types";
import { useSession, useTRPC, useTRPCClient } from "@pizza/ui";
import { useQueryClient } from "@tanstack/react-query";
import { createContext, type ReactNode, useCallback, useContext, useEffect, useRef, useState } from "react";
import { io, type Socket } from "socket.io-client";

type DriverSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export interface LocationState {
  connected: boolean;
  /** Latest fix from the phone (sent or not). */
  fix: DriverPosition | null;
  /** When the server last acknowledged one of our positions (epoch ms). */
  lastSentAt: number | null;
  geoError: string | null;
  /** Reconnect attempts since the socket was last connected. */
  attempts: number;
}

const RealtimeContext = createContext<LocationState | null>(null);

export function useLocationState(): LocationState {
  const value = useContext(RealtimeContext);
  if (!value) throw new Error("useLocationState must be used inside <DriverRealtime>");
  return value;
}

/** At most one position a second; the tracker relays about one per second anyway. */
const MIN_SEND_MS = 1_000;
/** A phone standing still reports nothing new: say "still here" with the last fix while it is recent. */
const HEARTBEAT_MS = 10_000;
const HEARTBEAT_MAX_AGE_MS = 120_000;

/**
 * While on shift: one Socket.IO connection (access token in the handshake; exponential back-off with
 * jitter between reconnects; a refused token is refreshed through the API and the socket reconnects
 * with the new one), `watchPosition` streamed over it, and the driver's delivery events turned into
 * fresh offers / current delivery. Positions measured while disconnected are not queued: on reconnect
 * only the latest one goes out, with the time it was measured.
 */
export function DriverRealtime({ active, children }: { active: boolean; children: ReactNode }) {
  const { session } = useSession();
  const token = session?.accessToken ?? null;
  const trpc = useTRPC();
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  const socketRef = useRef<DriverSocket | null>(null);
  const tokenRef = useRef(token);
  const latest = useRef<{ fix: DriverPosition; sent: boolean; measuredAt: number } | null>(null);
  const lastEmit = useRef(0);
  const trailing = useRef<number | undefined>(undefined);
  const [state, setState] = useState<LocationState>({
    connected: false,
    fix: null,
    lastSentAt: null,
    geoError: null,
    attempts: 0,
  });

  const emit = useCallback((position: DriverPosition) => {
    const socket = socketRef.current;
    if (!socket?.connected) return;
    lastEmit.current = Date.now();
    socket.emit("driver:position", position, (result) => {
      if (result.ok) setState((s) => ({ ...s, lastSentAt: Date.now() }));
    });
  }, []);

  const sendLatest = useCallback(
    function send(force = false): void {
      const l = latest.current;
      if (!l || (l.sent && !force)) return;
      const wait = MIN_SEND_MS - (Date.now() - lastEmit.current);
      if (wait > 0 && !force) {
        window.clearTimeout(trailing.current);
        trailing.current = window.setTimeout(() => send(), wait);
        return;
      }
      if (!socketRef.current?.connected) return;
      l.sent = true;
      emit(l.fix);
    },
    [emit],
  );

  // The socket lives as long as the shift; the token is swapped in place when it is refreshed.
  useEffect(() => {
    if (!active) return;
    const socket: DriverSocket = io({
      path: "/socket.io",
      transports: ["websocket"],
      autoConnect: false,
      reconnectionDelay: 1_000,
      reconnectionDelayMax: 20_000,
      randomizationFactor: 0.5,
    });
    socketRef.current = socket;
    if (tokenRef.current) {
      socket.auth = { token: tokenRef.current };
      socket.connect();
    }
    const refreshQueries = () => {
      void queryClient.invalidateQueries({ queryKey: trpc.delivery.myOffers.queryKey() });
      void queryClient.invalidateQueries({ queryKey: trpc.delivery.current.queryKey() });
    };
    socket.on("connect", () => {
      setState((s) => ({ ...s, connected: true, attempts: 0 }));
      // Back online: only the latest position matters (the server refuses it if it is too old).
      sendLatest(true);
      refreshQueries();
    });
    socket.on("disconnect", () => setState((s) => ({ ...s, connected: false })));
    socket.io.on("reconnect_attempt", (n) => setState((s) => ({ ...s, attempts: n })));
    socket.on("connect_error", (error) => {
      setState((s) => ({ ...s, connected: false }));
      // A refused handshake is not retried by Socket.IO: refresh the token through the API (the tRPC
      // client refreshes on a 401), which changes the session and reconnects below.
      if (error.message === "unauthorized") {
        void client.delivery.shiftSummary.query().catch(() => undefined);
        window.setTimeout(() => {
          if (!socket.connected && !socket.active) socket.connect();
        }, 5_000);
      }
    });
    socket.on("driver:delivery", (_event: DriverDeliveryEvent) => refreshQueries());
    return () => {
      socket.removeAllListeners();
      socket.io.removeAllListeners();
      socket.disconnect();
      socketRef.current = null;
      setState((s) => ({ ...s, connected: false }));
    };
  }, [active, client, queryClient, trpc, sendLatest]);

  // A refreshed token: used by the next (re)connection, and at once when the socket gave up.
  useEffect(() => {
    tokenRef.current = token;
    const socket = socketRef.current;
    if (!socket || !token) return;
    socket.auth = { token };
    if (!socket.connected && !socket.active) socket.connect();
  }, [token]);

  // The phone's position, while on shift.
  useEffect(() => {
    if (!active) return;
    if (!("geolocation" in navigator)) {
      setState((s) => ({ ...s, geoError: "This device cannot share its location." }));
      return;
    }
    const id = navigator.geolocation.watchPosition(
      (p) => {
        const fix: DriverPosition = {
          lat: p.coords.latitude,
          lng: p.coords.longitude,
          accuracyM: Math.max(0, Math.round(p.coords.accuracy)),
          at: Math.min(Date.now(), Math.round(p.timestamp)),
          ...(p.coords.heading !== null && Number.isFinite(p.coords.heading)
            ? { heading: p.coords.heading }
            : {}),
          ...(p.coords.speed !== null && Number.isFinite(p.coords.speed) ? { speedMps: p.coords.speed } : {}),
        };
        latest.current = { fix, sent: false, measuredAt: Date.now() };
        setState((s) => ({ ...s, fix, geoError: null }));
        sendLatest();
      },
      (error) => {
        setState((s) => ({
          ...s,
          geoError:
            error.code === error.PERMISSION_DENIED
              ? "Location is blocked. Allow location for this app so the store can give you deliveries."
              : "Waiting for a GPS fix…",
        }));
      },
      { enableHighAccuracy: true, maximumAge: 5_000, timeout: 30_000 },
    );
    const heartbeat = window.setInterval(() => {
      const l = latest.current;
      if (!l || Date.now() - l.measuredAt > HEARTBEAT_MAX_AGE_MS) return;
      if (Date.now() - lastEmit.current < HEARTBEAT_MS) return;
      // Standing still: the same place, now.
      if (socketRef.current?.connected) emit({ ...l.fix, at: Date.now() });
    }, HEARTBEAT_MS / 2);
    return () => {
      navigator.geolocation.clearWatch(id);
      window.clearInterval(heartbeat);
      window.clearTimeout(trailing.current);
    };
  }, [active, emit, sendLatest]);

  return <RealtimeContext.Provider value={state}>{children}</RealtimeContext.Provider>;
}

/** "Sharing location ±12 m" — or why not. */
export function LocationIndicator() {
  const s = useLocationState();
  let tone: "ok" | "warn" | "down";
  let text: string;
  if (s.geoError && !s.fix) {
    tone = "down";
    text = s.geoError;
  } else if (!s.connected) {
    tone = "warn";
    text = s.attempts > 0 ? `Reconnecting (attempt ${s.attempts})… location paused` : "Connecting…";
  } else if (!s.fix) {
    tone = "warn";
    text = "Waiting for a GPS fix…";
  } else {
    tone = "ok";
    text = `Sharing location ±${s.fix.accuracyM ?? "?"} m`;
  }
  return (
    <p className={`location location--${tone}`} role="status" data-testid="location" data-state={tone}>
      <span className="location__dot" aria-hidden="true" />
      {text}
    </p>
  );
}
