// The typed Socket.IO server and socket of the API: client and server events from @pizza/contracts, the
// events nodes send each other, and what a socket carries after its handshake.
import type { ClientToServerEvents, ServerToClientEvents } from "@pizza/contracts";
import type { Server, Socket } from "socket.io";
import type { AuthUser } from "../modules/auth/tokens.ts";

export interface InterServerEvents {
  /** A driver's deliveries changed: every node drops what it cached about them. */
  "tracking:invalidate": (driverId: string) => void;
}

export interface SocketData {
  /** The signed-in user; null for a socket opened with a tracking link. */
  user: AuthUser | null;
  /** A tracking link's socket follows this one order, read-only; null for signed-in sockets. */
  linkOrderId: string | null;
  /** When the handshake's access token (or tracking link) expires: after that the socket may not join anything new. */
  expiresAtMs: number;
  lastPositionAt: number;
}

export type RealtimeServer = Server<
  ClientToServerEvents,
  ServerToClientEvents,
  InterServerEvents,
  SocketData
>;
export type RealtimeSocket = Socket<
  ClientToServerEvents,
  ServerToClientEvents,
  InterServerEvents,
  SocketData
>;
