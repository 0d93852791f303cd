import { randomBytes } from "node:crypto";
import { Cluster, Redis } from "ioredis";
import { deleteByPrefix, parseClusterNodes, type RedisClient } from "../redis-client.ts";

export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";
/** The local cluster `.ci/redis-cluster.sh` starts. */
export const TEST_REDIS_CLUSTER_NODES =
  process.env.TEST_REDIS_CLUSTER_NODES ??
  [7000, 7001, 7002, 7003, 7004, 7005].map((p) => `127.0.0.1:${p}`).join(",");

/** Connects or throws: an unreachable Redis fails the suite, it never skips it. */
export async function connectTestRedis(url = TEST_REDIS_URL): Promise<Redis> {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 2, connectTimeout: 3000 });
  try {
    await redis.connect();
    await redis.ping();
    return redis;
  } catch (err) {
    redis.disconnect();
    throw new Error(`Redis is unreachable at ${url} (set TEST_REDIS_URL): ${(err as Error).message}`);
  }
}

/** Connects to the test Redis Cluster or throws a sentence saying how to start it. */
export async function connectTestRedisCluster(nodes = TEST_REDIS_CLUSTER_NODES): Promise<Cluster> {
  const cluster = new Cluster(parseClusterNodes(nodes), {
    lazyConnect: true,
    redisOptions: { maxRetriesPerRequest: 2, connectTimeout: 3000 },
    clusterRetryStrategy: (times) => (times > 3 ? null : 200),
  });
  try {
    await cluster.connect();
    await cluster.ping();
    return cluster;
  } catch (err) {
    cluster.disconnect();
    throw new Error(
      `The Redis Cluster is unreachable at ${nodes} (start it with \`bash .ci/redis-cluster.sh\`, or set TEST_REDIS_CLUSTER_NODES): ${(err as Error).message}`,
    );
  }
}

/** The two Redis topologies the Redis suites run on. */
export const redisTopologies: { name: string; connect: () => Promise<RedisClient> }[] = [
  { name: "single Redis", connect: () => connectTestRedis() },
  { name: "Redis Cluster", connect: () => connectTestRedisCluster() },
];

export function randomPrefix(): string {
  return `test:dispatch:${randomBytes(6).toString("hex")}:`;
}

/** Deletes the keys under `prefix` (a client without a key prefix of its own), on every primary of a cluster. */
export const deletePrefix = (redis: RedisClient, prefix: string): Promise<void> =>
  deleteByPrefix(redis, prefix);
