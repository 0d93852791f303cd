// Which Redis the platform uses: one server (REDIS_URL) or a Redis Cluster (REDIS_CLUSTER_NODES, issue 18),
// never both. Read by loadConfig with the rest of the configuration; infra/redis.ts builds the client.
import { parseClusterNodes } from "@pizza/dispatch";

/** One Redis server, or the seed nodes of a Redis Cluster (the client discovers the rest). */
export type RedisTarget =
  | { kind: "single"; url: string }
  | { kind: "cluster"; nodes: { host: string; port: number }[] };

/**
 * The Redis of `source`: REDIS_CLUSTER_NODES (comma-separated `host:port` seeds) or REDIS_URL (already
 * checked by env.ts's schema), or none (everything in process). `fail` turns a bad setting into the caller's error.
 */
export function redisSettings(
  source: NodeJS.ProcessEnv,
  fail: (message: string) => Error,
): RedisTarget | undefined {
  const seeds = source.REDIS_CLUSTER_NODES?.trim();
  const url = source.REDIS_URL?.trim();
  if (seeds && url)
    throw fail(
      "Invalid configuration: set REDIS_URL (one Redis server) or REDIS_CLUSTER_NODES (a Redis Cluster), not both",
    );
  if (seeds) {
    try {
      return { kind: "cluster", nodes: parseClusterNodes(seeds) };
    } catch (error) {
      throw fail(
        `Invalid configuration: REDIS_CLUSTER_NODES ${(error as Error).message} (got ${JSON.stringify(source.REDIS_CLUSTER_NODES)})`,
      );
    }
  }
  return url ? { kind: "single", url } : undefined;
}
