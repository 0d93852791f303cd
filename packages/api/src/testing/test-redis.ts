// Redis for the integration suites: one server (TEST_REDIS_URL) or the local Redis Cluster
// (TEST_REDIS_CLUSTER_NODES, started by `bash .ci/redis-cluster.sh`), each test under a random key prefix.
import { randomBytes } from "node:crypto";
import { deleteByPrefix, parseClusterNodes } from "@pizza/dispatch";
import type { Cluster, Redis } from "ioredis";
import { afterAll, beforeAll } from "vitest";
import type { RedisTarget } from "../env-redis.ts";
import { createRedis, type RedisClient } from "../infra/redis.ts";

export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";
/** The cluster `.ci/redis-cluster.sh` starts (3 primaries, 3 replicas). */
export const TEST_REDIS_CLUSTER_NODES =
  process.env.TEST_REDIS_CLUSTER_NODES ??
  [7000, 7001, 7002, 7003, 7004, 7005].map((p) => `127.0.0.1:${p}`).join(",");

export type RedisTopology = "single" | "cluster";

/** Where the tests' Redis of `topology` is, as REDIS_URL / REDIS_CLUSTER_NODES would say it. */
export const testRedisEnv = (topology: RedisTopology): Record<string, string> =>
  topology === "cluster" ? { REDIS_CLUSTER_NODES: TEST_REDIS_CLUSTER_NODES } : { REDIS_URL: TEST_REDIS_URL };

export interface TestRedis<C extends RedisClient = RedisClient> {
  redis: C;
  prefix: string;
  cleanup(): Promise<void>;
}

/**
 * A client of `target` whose keys all live under a random prefix, deleted by `cleanup` (on every primary of
 * a cluster). Fails loudly, with a sentence, when the server or cluster does not answer.
 */
export async function createTestRedisFor(target: RedisTarget, prefix = randomPrefix()): Promise<TestRedis> {
  const redis = createRedis(target, { keyPrefix: prefix });
  const where =
    target.kind === "cluster"
      ? `the Redis Cluster at ${TEST_REDIS_CLUSTER_NODES} (start it with \`bash .ci/redis-cluster.sh\`, or set TEST_REDIS_CLUSTER_NODES)`
      : `${TEST_REDIS_URL}`;
  try {
    // A cluster client waits for its slot map as long as it takes: give it 5 s.
    await Promise.race([
      redis.ping(),
      new Promise<never>((_, reject) =>
        setTimeout(() => reject(new Error("no answer in 5 s")), 5_000).unref(),
      ),
    ]);
  } catch (error) {
    redis.disconnect();
    throw new Error(
      `Redis is required for the integration tests and is not reachable: ${where}: ${String(error)}`,
    );
  }
  return {
    redis,
    prefix,
    async cleanup() {
      await deleteByPrefix(redis, "");
      redis.disconnect();
    },
  };
}

export const randomPrefix = () => `test:${randomBytes(5).toString("hex")}:`;

export const testRedisTarget = (topology: RedisTopology): RedisTarget =>
  topology === "cluster"
    ? { kind: "cluster", nodes: parseClusterNodes(TEST_REDIS_CLUSTER_NODES) }
    : { kind: "single", url: TEST_REDIS_URL };

/** One Redis server under a random key prefix. */
export const createTestRedis = () =>
  createTestRedisFor(testRedisTarget("single")) as Promise<TestRedis<Redis>>;

/** The local Redis Cluster under a random key prefix. */
export const createTestRedisCluster = () =>
  createTestRedisFor(testRedisTarget("cluster")) as Promise<TestRedis<Cluster>>;

/** The two topologies the Redis contract suites run on (`describe.each(redisTopologies)("$name", …)`). */
export const redisTopologies: { name: string; topology: RedisTopology; create: () => Promise<TestRedis> }[] =
  [
    { name: "single Redis", topology: "single", create: createTestRedis },
    { name: "Redis Cluster", topology: "cluster", create: createTestRedisCluster },
  ];

/**
 * One test Redis per topology, opened before the file's tests and cleaned up after them; `get(topology)`
 * gives the open one (inside tests and hooks).
 */
export function redisPerTopology(): (topology: RedisTopology) => TestRedis {
  const open = new Map<RedisTopology, TestRedis>();
  beforeAll(async () => {
    for (const t of redisTopologies) open.set(t.topology, await t.create());
  });
  afterAll(async () => {
    for (const r of open.values()) await r.cleanup();
    open.clear();
  });
  return (topology) => {
    const r = open.get(topology);
    if (!r) throw new Error(`the test Redis (${topology}) is not open: use it inside a test or hook`);
    return r;
  };
}
