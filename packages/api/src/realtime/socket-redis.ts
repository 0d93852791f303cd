// Socket.IO across nodes: the Redis adapter carries room broadcasts, and a pub/sub channel carries drivers'
// positions, so a customer on one node sees a driver reporting to another.
import { createAdapter } from "@socket.io/redis-adapter";
import type { Redis } from "ioredis";
import type { Logger } from "pino";
import type { RealtimeServer } from "./socket-types.ts";

export interface RedisLinks {
  /** Every connection opened here; closed with the server. */
  clients: Redis[];
  positionLinks: { pub: Redis; sub: Redis; channel: string } | undefined;
}

/** Without Redis (one node) there is nothing to link: no clients, no position channel. */
export function connectRedis(io: RealtimeServer, redis: Redis | undefined, log: Logger): RedisLinks {
  if (!redis) return { clients: [], positionLinks: undefined };
  const pub = redis.duplicate();
  // The subscribers wait for Redis however long it takes (no per-command retry limit): a SUBSCRIBE that
  // failed while Redis was down would never be replayed, and this node would stop hearing the others.
  const sub = redis.duplicate({ maxRetriesPerRequest: null });
  for (const c of [pub, sub])
    c.on("error", (error) => log.warn({ err: error }, "socket.io redis adapter error"));
  // The adapter fires `publish` and forgets the promise: while Redis is away each one would reject
  // unhandled and bring the process down. A broadcast lost then only misses the other nodes' sockets.
  const publish = pub.publish.bind(pub) as (...args: unknown[]) => Promise<number>;
  (pub as unknown as { publish: (...args: unknown[]) => Promise<number> }).publish = (...args) => {
    const sent = publish(...args);
    sent.catch(() => undefined);
    return sent;
  };
  // Channels are not keys, so the client's key prefix does not apply: put it in the channel name.
  const prefix = redis.options.keyPrefix ?? "";
  io.adapter(createAdapter(pub, sub, { key: `${prefix}socket.io` }));

  const positionsSub = redis.duplicate({ maxRetriesPerRequest: null });
  positionsSub.on("error", (error) => log.warn({ err: error }, "position fan-out redis error"));
  return {
    clients: [pub, sub, positionsSub],
    positionLinks: { pub, sub: positionsSub, channel: `${prefix}tracking:positions` },
  };
}
