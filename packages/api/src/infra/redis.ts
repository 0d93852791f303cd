import { isCluster, type RedisClient } from "@pizza/dispatch";
import { Cluster, Redis, type RedisOptions } from "ioredis";
import type { RedisTarget } from "../env-redis.ts";

export { isCluster, type RedisClient } from "@pizza/dispatch";

/** Commands fail fast instead of queueing forever while a server is away. */
const FAIL_FAST: RedisOptions = { maxRetriesPerRequest: 2, enableOfflineQueue: true, connectTimeout: 2_000 };
const backOff = (attempt: number) => Math.min(attempt * 100, 2_000);

/**
 * A Redis client that keeps retrying while the server is away (commands fail fast instead of
 * queueing forever), so a Redis restart degrades the features that need it instead of hanging requests.
 * A URL (or `{ kind: "single" }`) gives one server's client; `{ kind: "cluster" }` a Redis Cluster client
 * that finds every node from its seeds and follows MOVED/ASK redirections.
 */
export function createRedis(target: string, options?: { keyPrefix?: string }): Redis;
export function createRedis(target: RedisTarget, options?: { keyPrefix?: string }): RedisClient;
export function createRedis(target: string | RedisTarget, options: { keyPrefix?: string } = {}): RedisClient {
  const t: RedisTarget = typeof target === "string" ? { kind: "single", url: target } : target;
  if (t.kind === "single") {
    return new Redis(t.url, {
      ...FAIL_FAST,
      keyPrefix: options.keyPrefix,
      retryStrategy: backOff,
      lazyConnect: false,
    });
  }
  return new Cluster(t.nodes, {
    // Each node's connection fails fast like the single client; the key prefix goes to every node.
    redisOptions: { ...FAIL_FAST, keyPrefix: options.keyPrefix },
    keyPrefix: options.keyPrefix,
    // Reads go to the primaries: the driver index, the limits and the bus read what they just wrote
    // (claims, counts, consumer groups), and a replica may not have it yet.
    scaleReads: "master",
    enableOfflineQueue: true,
    clusterRetryStrategy: backOff,
    // A failover or a slot migration answers CLUSTERDOWN/TRYAGAIN for a moment: retry, don't fail the call.
    retryDelayOnFailover: 100,
    retryDelayOnClusterDown: 100,
    retryDelayOnTryAgain: 100,
    slotsRefreshTimeout: 2_000,
  });
}

/**
 * A second connection with the same settings (a blocking reader, a publisher, a subscriber). `waitForever`:
 * commands wait for the server however long it is away (subscriptions must not be dropped). `pubSub`, on a
 * cluster: sharded pub/sub — a subscriber SSUBSCRIBEs on one connection per primary (each for the channels
 * of its slots); and since ioredis routes SPUBLISH/SSUBSCRIBE by channel like a key, it would prefix the
 * channel too, so these connections go without the key prefix (callers put it in the channel name).
 */
export function duplicateRedis(
  client: RedisClient,
  opts: { waitForever?: boolean; pubSub?: "publisher" | "subscriber" } = {},
): RedisClient {
  const retries = opts.waitForever ? { maxRetriesPerRequest: null } : {};
  if (!isCluster(client)) return client.duplicate(retries);
  const unprefixed = opts.pubSub ? { keyPrefix: undefined } : {};
  return client.duplicate([], {
    ...unprefixed,
    redisOptions: { ...client.options.redisOptions, ...retries, ...unprefixed },
    shardedSubscribers: opts.pubSub === "subscriber",
  });
}

export async function pingRedis(redis: RedisClient, timeoutMs = 1_000): Promise<boolean> {
  try {
    const pong = await Promise.race([
      redis.ping(),
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error("timeout")), timeoutMs).unref()),
    ]);
    return pong === "PONG";
  } catch {
    return false;
  }
}
