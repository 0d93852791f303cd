// What a connected socket may ask: follow an order (snapshot first, then its events), follow a store
// (staff), leave, and report a driver's position. Each request is validated; "not yours" answers like
// "not found"; every join is rate-limited and refused once the handshake's token has expired.
import { type DriverPosition, DriverPositionReport, type JoinError, type JoinResult } from "@pizza/contracts";
import type { Logger } from "pino";
import { RateLimiterMemory } from "rate-limiter-flexible";
import { z } from "zod";
import { actsForStore } from "../modules/auth/store-access.ts";
import type { AccessTokens } from "../modules/auth/tokens.ts";
import { positionStages } from "./position-stages.ts";
import { rooms } from "./socket-rooms.ts";
import type { RealtimeServer, RealtimeSocket } from "./socket-types.ts";
import type { TrackingService } from "./tracking.ts";

const orderIdInput = z.object({ orderId: z.uuid() });
const storeIdInput = z.object({ storeId: z.uuid() });

export interface SocketHandlerDeps {
  tracking: TrackingService;
  log: Logger;
  /** May this socket join a room now? The refusal, or undefined when it may. */
  admit(socket: RealtimeSocket): Promise<JoinError | undefined>;
  /** The server is shutting down: failures are expected and not worth a warning. */
  isClosing(): boolean;
  /** Positions a driver sends faster than this are ignored. */
  minDriverIntervalMs: number;
}

export function onConnection(io: RealtimeServer, deps: SocketHandlerDeps): void {
  io.on("connection", (socket: RealtimeSocket) => {
    const { user, linkOrderId } = socket.data;
    if (user) {
      void socket.join(rooms.user(user.id));
      if (user.sessionId) void socket.join(rooms.session(user.sessionId));
      if (user.role === "staff" && user.storeId) void socket.join(rooms.store(user.storeId));
      if (user.role === "driver") {
        void socket.join(rooms.driver(user.id));
        deps.tracking.warm(user.id);
      }
    }

    socket.on("order:join", async (request, ack) => {
      const reply = typeof ack === "function" ? ack : () => {};
      const parsed = orderIdInput.safeParse(request);
      if (!parsed.success) return reply({ ok: false, error: "bad_request" });
      const refused = await deps.admit(socket);
      if (refused) return reply({ ok: false, error: refused });
      const { orderId } = parsed.data;
      try {
        // Someone else's order looks exactly like a missing one; a tracking link opens its own order only.
        const order = user ? await deps.tracking.access(orderId) : undefined;
        const may = user
          ? order !== undefined && deps.tracking.mayFollow(user, order)
          : orderId === linkOrderId;
        if (!may) return reply({ ok: false, error: "not_found" });
        // Join first, then read: an event racing the read arrives before or after the snapshot, and the
        // client's version check sorts it out either way.
        await socket.join(rooms.order(orderId));
        const snapshot = await deps.tracking.snapshot(orderId);
        if (!snapshot) return reply({ ok: false, error: "not_found" });
        socket.emit("order:snapshot", snapshot);
        reply({ ok: true, version: snapshot.version } satisfies JoinResult);
      } catch (error) {
        if (!deps.isClosing()) deps.log.warn({ err: error, orderId }, "order:join failed");
        reply({ ok: false, error: "unavailable" });
      }
    });

    socket.on("order:leave", (request) => {
      const parsed = orderIdInput.safeParse(request);
      if (parsed.success) void socket.leave(rooms.order(parsed.data.orderId));
    });

    // A tracking link's socket only follows its order: no store rooms, no positions.
    if (!user) return;

    socket.on("store:join", async (request, ack) => {
      const reply = typeof ack === "function" ? ack : () => {};
      const parsed = storeIdInput.safeParse(request);
      if (!parsed.success) return reply({ ok: false, error: "bad_request" });
      const refused = await deps.admit(socket);
      if (refused) return reply({ ok: false, error: refused });
      if (!actsForStore(user, parsed.data.storeId)) return reply({ ok: false, error: "forbidden" });
      await socket.join(rooms.store(parsed.data.storeId));
      reply({ ok: true, version: 0 });
    });

    socket.on("driver:position", async (raw, ack) => {
      const reply = typeof ack === "function" ? ack : () => {};
      if (user.role !== "driver") return reply({ ok: false, error: "forbidden" });
      const parsed = DriverPositionReport.safeParse(raw);
      if (!parsed.success) return reply({ ok: false, error: "bad_request" });
      const now = Date.now();
      if (positionStages.enabled && parsed.data.at) positionStages.record("inbound", now - parsed.data.at);
      if (now - socket.data.lastPositionAt < deps.minDriverIntervalMs)
        return reply({ ok: true, fannedOut: 0 });
      socket.data.lastPositionAt = now;
      const position = positionOf(parsed.data, now);
      try {
        reply({ ok: true, fannedOut: await deps.tracking.reportPosition(user, position) });
      } catch (error) {
        if (!deps.isClosing())
          deps.log.warn({ err: error, driverId: user.id }, "driver position not relayed");
        reply({ ok: false, error: "unavailable" });
      }
    });
  });
}

/** The relayed position: what the driver sent, without absent fields, stamped with now when it had no time. */
function positionOf(p: z.infer<typeof DriverPositionReport>, now: number): DriverPosition {
  const position: DriverPosition = { lat: p.lat, lng: p.lng, at: p.at ?? now };
  if (p.heading !== undefined) position.heading = p.heading;
  if (p.speedMps !== undefined) position.speedMps = p.speedMps;
  if (p.accuracyM !== undefined) position.accuracyM = p.accuracyM;
  return position;
}

/** Room requests one socket may make: a burst, then this many per second (each is a database read). */
export const SOCKET_JOIN_LIMIT = { points: 20, durationS: 1 };

/** How long a tracking link's socket may join before it must reconnect (and its link is checked again). */
const LINK_SOCKET_MS = 60 * 60_000;

/** What the handshake asks the orders module about a tracking token: its order, and when it stops. */
export type TrackTokenLookup = (
  token: string,
) => Promise<{ orderId: string; expiresAt: Date | null } | undefined>;

/**
 * Connections authenticate with the access token in the handshake (`auth.token`), or with a tracking
 * link's token (`auth.trackToken`: read-only, that one order); the socket keeps who it is and its expiry.
 */
export function authenticateHandshake(tokens: AccessTokens, trackLinks: TrackTokenLookup) {
  return async (socket: RealtimeSocket, next: (err?: Error) => void) => {
    const auth = socket.handshake.auth as { token?: unknown; trackToken?: unknown } | undefined;
    socket.data.lastPositionAt = 0;
    if (typeof auth?.trackToken === "string") {
      const link = await trackLinks(auth.trackToken).catch(() => undefined);
      if (!link) return next(new Error("unauthorized"));
      socket.data.user = null;
      socket.data.linkOrderId = link.orderId;
      socket.data.expiresAtMs = Math.min(link.expiresAt?.getTime() ?? Infinity, Date.now() + LINK_SOCKET_MS);
      return next();
    }
    const token = auth?.token;
    const verified =
      typeof token === "string" ? await tokens.inspect(token).catch(() => undefined) : undefined;
    if (!verified) return next(new Error("unauthorized"));
    socket.data.user = verified.user;
    socket.data.linkOrderId = null;
    socket.data.expiresAtMs = verified.expiresAtMs;
    next();
  };
}

/** The per-socket join rule: refused once the handshake's token has expired, rate-limited otherwise. */
export function joinGate(): (socket: RealtimeSocket) => Promise<JoinError | undefined> {
  const joins = new RateLimiterMemory({ ...SOCKET_JOIN_LIMIT, duration: SOCKET_JOIN_LIMIT.durationS });

  return async (socket: RealtimeSocket): Promise<JoinError | undefined> => {
    if (Date.now() >= socket.data.expiresAtMs) {
      // The token it connected with has expired: it must reconnect with a fresh one (the apps do on
      // "io server disconnect"), so a revoked or lapsed session stops following orders.
      setImmediate(() => socket.disconnect(true));
      return "unauthorized";
    }
    try {
      await joins.consume(socket.id);
      return undefined;
    } catch {
      return "rate_limited";
    }
  };
}
