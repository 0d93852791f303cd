// Socket.IO across nodes: the Redis adapter carries room broadcasts, and a pub/sub channel carries drivers'
// positions, so a customer on one node sees a driver reporting to another. On a Redis Cluster both use
// sharded pub/sub (SPUBLISH/SSUBSCRIBE, Redis 7): a message goes to the shard of its channel only, where a
// plain PUBLISH is copied to every node of the cluster.

import { keyPrefixOf } from "@pizza/dispatch";
import { createAdapter, createShardedAdapter } from "@socket.io/redis-adapter";
import type { Logger } from "pino";
import { duplicateRedis, isCluster, type RedisClient } from "../infra/redis.ts";
import type { RealtimeServer } from "./socket-types.ts";

/** Where positions travel between nodes; `sharded`: SPUBLISH/SSUBSCRIBE (a cluster), else PUBLISH/SUBSCRIBE. */
export interface PositionLinks {
  pub: RedisClient;
  sub: RedisClient;
  channel: string;
  sharded: boolean;
}

export interface RedisLinks {
  /** Every connection opened here; closed with the server. */
  clients: RedisClient[];
  positionLinks: PositionLinks | undefined;
}

/** Without Redis (one node) there is nothing to link: no clients, no position channel. */
export function connectRedis(io: RealtimeServer, redis: RedisClient | undefined, log: Logger): RedisLinks {
  if (!redis) return { clients: [], positionLinks: undefined };
  const sharded = isCluster(redis);
  const pub = duplicateRedis(redis, { pubSub: "publisher" });
  // The subscribers wait for Redis however long it takes (no per-command retry limit): a SUBSCRIBE that
  // failed while Redis was down would never be replayed, and this node would stop hearing the others.
  const subscriber = () => duplicateRedis(redis, { waitForever: true, pubSub: "subscriber" });
  const sub = subscriber();
  for (const c of [pub, sub])
    c.on("error", (error) => log.warn({ err: error }, "socket.io redis adapter error"));
  // The adapter fires `publish` and forgets the promise: while Redis is away each one would reject
  // unhandled and bring the process down. A broadcast lost then only misses the other nodes' sockets.
  const method = sharded ? "spublish" : "publish";
  const target = pub as unknown as Record<string, (...args: unknown[]) => Promise<number>>;
  const publish = target[method]!.bind(pub);
  target[method] = (...args) => {
    const sent = publish(...args);
    sent.catch(() => undefined);
    return sent;
  };
  // Channels are not keys, so the client's key prefix does not apply: put it in the channel name.
  const prefix = keyPrefixOf(redis);
  io.adapter(
    sharded
      ? createShardedAdapter(pub, sub, { channelPrefix: `${prefix}socket.io` })
      : createAdapter(pub, sub, { key: `${prefix}socket.io` }),
  );

  const positionsSub = subscriber();
  positionsSub.on("error", (error) => log.warn({ err: error }, "position fan-out redis error"));
  return {
    clients: [pub, sub, positionsSub],
    positionLinks: { pub, sub: positionsSub, channel: `${prefix}tracking:positions`, sharded },
  };
}
