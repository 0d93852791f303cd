import type { Server as HttpServer } from "node:http";
import type { DriverPosition } from "@pizza/contracts";
import { Server } from "socket.io";
import type { EndedSessions } from "../modules/auth/auth.service.ts";
import type { Platform } from "../platform.ts";
import { FANOUT_CONSUMERS, registerFanout } from "./event-fanout.ts";
import { PositionFanout } from "./position-fanout.ts";
import { positionStages } from "./position-stages.ts";
import { PositionThrottle } from "./position-throttle.ts";
import { authenticateHandshake, joinGate, onConnection, SOCKET_JOIN_LIMIT } from "./socket-handlers.ts";
import { connectRedis } from "./socket-redis.ts";
import { rooms } from "./socket-rooms.ts";
import type { RealtimeServer } from "./socket-types.ts";
import type { TrackingService } from "./tracking.ts";

export type { RealtimeServer } from "./socket-types.ts";

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

export { rooms, SOCKET_JOIN_LIMIT };

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

  let closing = false;
  io.use(
    authenticateHandshake(platform.tokens, (token) => platform.services.orders.orderOfTrackToken(token)),
  );

  const { clients: adapterClients, positionLinks } = connectRedis(io, platform.redis, log);
  const fanout = new PositionFanout(io, positionLinks);
  const throttle = new PositionThrottle(options.positionIntervalMs ?? 1_000, (event) => fanout.emit(event));
  const minDriverIntervalMs = options.minDriverIntervalMs ?? 200;
  const relay = async (driverId: string, position: DriverPosition) => {
    const started = positionStages.enabled ? performance.now() : 0;
    const orders = await tracking.activeOrdersOf(driverId);
    if (started) positionStages.record("orders", performance.now() - started);
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
  const admit = joinGate();
  onConnection(io, { tracking, log, admit, isClosing: () => closing, minDriverIntervalMs });

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
