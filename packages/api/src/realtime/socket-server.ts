import type { Server as HttpServer } from "node:http";
import {
  type ClientToServerEvents,
  type DriverPosition,
  DriverPositionReport,
  type JoinError,
  type JoinResult,
  type ServerToClientEvents,
} from "@pizza/contracts";
import { createAdapter } from "@socket.io/redis-adapter";
import type { Redis } from "ioredis";
import { RateLimiterMemory } from "rate-limiter-flexible";
import { Server, type Socket } from "socket.io";
import { z } from "zod";
import type { EndedSessions } from "../modules/auth/auth.service.ts";
import type { AuthUser } from "../modules/auth/tokens.ts";
import type { Platform } from "../platform.ts";
import { FANOUT_CONSUMERS, registerFanout } from "./event-fanout.ts";
import { PositionFanout } from "./position-fanout.ts";
import { PositionThrottle } from "./position-throttle.ts";
import { rooms } from "./socket-rooms.ts";
import type { TrackingService } from "./tracking.ts";

interface InterServerEvents {
  /** A driver's deliveries changed: every node drops what it cached about them. */
  "tracking:invalidate": (driverId: string) => void;
}

interface SocketData {
  user: AuthUser;
  /** When the handshake's access token expires: after that the socket may not join anything new. */
  expiresAtMs: number;
  lastPositionAt: number;
}

export type RealtimeServer = Server<
  ClientToServerEvents,
  ServerToClientEvents,
  InterServerEvents,
  SocketData
>;
type RealtimeSocket = Socket<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;

export interface RealtimeOptions {
  /** At most one driver position per order per this many ms reaches the order's room. */
  positionIntervalMs?: number;
  /** Positions a driver sends faster than this are ignored (the app sends about one per second). */
  minDriverIntervalMs?: number;
}

export interface Realtime {
  io: RealtimeServer;
  close(): Promise<void>;
}

export { rooms };

/** Room requests one socket may make: a burst, then this many per second (each is a database read). */
export const SOCKET_JOIN_LIMIT = { points: 20, durationS: 1 };

const orderIdInput = z.object({ orderId: z.uuid() });
const storeIdInput = z.object({ storeId: z.uuid() });

/**
 * Socket.IO on the API's HTTP server. Connections authenticate with the access token in the handshake;
 * rooms are `order:<id>` (joined on request, when allowed), `store:<id>` (staff, on connect) and
 * `driver:<id>` (drivers, on connect). Status events reach the rooms through two live consumers of the
 * event bus; with REDIS_URL the Redis adapter carries every room broadcast to the other nodes.
 */
export function attachRealtime(
  platform: Platform,
  httpServer: HttpServer,
  options: RealtimeOptions = {},
): Realtime {
  const log = platform.log.child({ component: "realtime" });
  const tracking: TrackingService = platform.services.tracking;
  const io: RealtimeServer = new Server(httpServer, {
    serveClient: false,
    // Clients may start on long-polling (behind proxies without WebSocket) and upgrade; the cluster's
    // load balancer keeps a client on one node (sticky), which long-polling needs.
    pingInterval: 20_000,
    pingTimeout: 20_000,
    maxHttpBufferSize: 16 * 1024,
  });

  const adapterClients: Redis[] = [];
  let closing = false;
  if (platform.redis) {
    const pub = platform.redis.duplicate();
    // The subscriber waits for Redis however long it takes (no per-command retry limit): a SUBSCRIBE that
    // failed while Redis was down would never be replayed, and this node would stop hearing the others.
    const sub = platform.redis.duplicate({ maxRetriesPerRequest: null });
    for (const c of [pub, sub])
      c.on("error", (error) => log.warn({ err: error }, "socket.io redis adapter error"));
    adapterClients.push(pub, sub);
    // The adapter fires `publish` and forgets the promise: while Redis is away each one would reject
    // unhandled and bring the process down. A broadcast lost then only misses the other nodes' sockets.
    const publish = pub.publish.bind(pub) as (...args: unknown[]) => Promise<number>;
    (pub as unknown as { publish: (...args: unknown[]) => Promise<number> }).publish = (...args) => {
      const sent = publish(...args);
      sent.catch(() => undefined);
      return sent;
    };
    // Channels are not keys, so the client's key prefix does not apply: put it in the channel name.
    io.adapter(createAdapter(pub, sub, { key: `${platform.redis.options.keyPrefix ?? ""}socket.io` }));
  }

  io.use(async (socket, next) => {
    const token = (socket.handshake.auth as { token?: unknown } | undefined)?.token;
    const verified =
      typeof token === "string" ? await platform.tokens.inspect(token).catch(() => undefined) : undefined;
    if (!verified) return next(new Error("unauthorized"));
    socket.data.user = verified.user;
    socket.data.expiresAtMs = verified.expiresAtMs;
    socket.data.lastPositionAt = 0;
    next();
  });

  let positionLinks: { pub: Redis; sub: Redis; channel: string } | undefined;
  if (platform.redis) {
    const sub = platform.redis.duplicate({ maxRetriesPerRequest: null });
    sub.on("error", (error) => log.warn({ err: error }, "position fan-out redis error"));
    adapterClients.push(sub);
    positionLinks = {
      pub: adapterClients[0]!,
      sub,
      channel: `${platform.redis.options.keyPrefix ?? ""}tracking:positions`,
    };
  }
  const fanout = new PositionFanout(io, positionLinks);
  const throttle = new PositionThrottle(options.positionIntervalMs ?? 1_000, (event) => fanout.emit(event));
  const minDriverIntervalMs = options.minDriverIntervalMs ?? 200;
  const relay = async (driverId: string, position: DriverPosition) => {
    const orders = await tracking.activeOrdersOf(driverId);
    for (const o of orders) throttle.offer({ orderId: o.orderId, version: o.version, driverId, position });
    return orders.length;
  };
  tracking.positionRelay = relay;

  // A session that ends (logout, a stolen refresh token revoked) takes its sockets along, on every node
  // (the Redis adapter carries disconnectSockets to the others).
  const endSessions = (ended: EndedSessions) => {
    const room = "sessionId" in ended ? rooms.session(ended.sessionId) : rooms.user(ended.userId);
    Promise.resolve(io.in(room).disconnectSockets(true)).catch((error: unknown) =>
      log.warn({ err: error, room }, "could not disconnect the sockets of an ended session"),
    );
  };
  platform.services.auth.sessionsEnded.push(endSessions);
  const joins = new RateLimiterMemory({ ...SOCKET_JOIN_LIMIT, duration: SOCKET_JOIN_LIMIT.durationS });

  /** May this socket join a room now? Answers the refusal, or undefined when it may. */
  const admit = async (socket: RealtimeSocket): Promise<JoinError | undefined> => {
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

  io.on("connection", (socket: RealtimeSocket) => {
    const user = socket.data.user;
    void socket.join(rooms.user(user.id));
    if (user.sessionId) void socket.join(rooms.session(user.sessionId));
    if (user.role === "staff" && user.storeId) void socket.join(rooms.store(user.storeId));
    if (user.role === "driver") {
      void socket.join(rooms.driver(user.id));
      tracking.warm(user.id);
    }

    socket.on("order:join", async (request, ack) => {
      const reply = typeof ack === "function" ? ack : () => {};
      const parsed = orderIdInput.safeParse(request);
      if (!parsed.success) return reply({ ok: false, error: "bad_request" });
      const refused = await admit(socket);
      if (refused) return reply({ ok: false, error: refused });
      const { orderId } = parsed.data;
      try {
        const order = await tracking.access(orderId);
        // Someone else's order looks exactly like a missing one.
        if (!order || !tracking.mayFollow(user, order)) return reply({ ok: false, error: "not_found" });
        // Join first, then read: an event racing the read arrives before or after the snapshot, and the
        // client's version check sorts it out either way.
        await socket.join(rooms.order(orderId));
        const snapshot = await tracking.snapshot(orderId);
        if (!snapshot) return reply({ ok: false, error: "not_found" });
        socket.emit("order:snapshot", snapshot);
        reply({ ok: true, version: snapshot.version } satisfies JoinResult);
      } catch (error) {
        if (!closing) log.warn({ err: error, orderId }, "order:join failed");
        reply({ ok: false, error: "unavailable" });
      }
    });

    socket.on("order:leave", (request) => {
      const parsed = orderIdInput.safeParse(request);
      if (parsed.success) void socket.leave(rooms.order(parsed.data.orderId));
    });

    socket.on("store:join", async (request, ack) => {
      const reply = typeof ack === "function" ? ack : () => {};
      const parsed = storeIdInput.safeParse(request);
      if (!parsed.success) return reply({ ok: false, error: "bad_request" });
      const refused = await admit(socket);
      if (refused) return reply({ ok: false, error: refused });
      const allowed =
        user.role === "admin" || (user.role === "staff" && user.storeId === parsed.data.storeId);
      if (!allowed) return reply({ ok: false, error: "forbidden" });
      await socket.join(rooms.store(parsed.data.storeId));
      reply({ ok: true, version: 0 });
    });

    socket.on("driver:position", async (raw, ack) => {
      const reply = typeof ack === "function" ? ack : () => {};
      if (user.role !== "driver") return reply({ ok: false, error: "forbidden" });
      const parsed = DriverPositionReport.safeParse(raw);
      if (!parsed.success) return reply({ ok: false, error: "bad_request" });
      const now = Date.now();
      if (now - socket.data.lastPositionAt < minDriverIntervalMs) return reply({ ok: true, fannedOut: 0 });
      socket.data.lastPositionAt = now;
      const position: DriverPosition = { ...stripUndefined(parsed.data), at: parsed.data.at ?? now };
      try {
        reply({ ok: true, fannedOut: await tracking.reportPosition(user, position) });
      } catch (error) {
        if (!closing) log.warn({ err: error, driverId: user.id }, "driver position not relayed");
        reply({ ok: false, error: "unavailable" });
      }
    });
  });

  io.on("tracking:invalidate", (driverId) => tracking.invalidate(driverId));

  const invalidateEverywhere = (driverId: string | null) => {
    if (!driverId) return;
    tracking.invalidate(driverId);
    if (platform.redis) io.serverSideEmit("tracking:invalidate", driverId);
  };

  registerFanout(platform.events, io, tracking, invalidateEverywhere);

  return {
    io,
    async close() {
      closing = true;
      const hooks = platform.services.auth.sessionsEnded;
      if (hooks.includes(endSessions)) hooks.splice(hooks.indexOf(endSessions), 1);
      for (const name of FANOUT_CONSUMERS) await platform.events.unregister(name);
      if (tracking.positionRelay === relay) tracking.positionRelay = undefined;
      throttle.close();
      fanout.close();
      io.local.disconnectSockets(true);
      io.engine.close();
      await Promise.resolve(io.of("/").adapter.close());
      for (const c of adapterClients) c.disconnect();
    },
  };
}

function stripUndefined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}
