// Several API nodes in one process over one PostgreSQL database and one Redis, as separate machines
// would run them: the multi-node suites (real time, dispatch, sockets following the session) share it.
import { randomBytes } from "node:crypto";
import { createTestDb, type DbHandle, seed } from "@pizza/db/testing";
import pino from "pino";
import { createDispatcherPlatform, type DispatcherPlatform } from "../dispatcher-platform.ts";
import type { BusOptions } from "../events/event-bus.ts";
import { createRedis, type RedisClient } from "../infra/redis.ts";
import { createPlatform, type Platform } from "../platform.ts";
import { startTestServer, testConfig } from "./harness.ts";
import { createTestRedisFor, type RedisTopology, testRedisEnv, testRedisTarget } from "./test-redis.ts";

export interface ApiNode {
  name: string;
  platform: Platform;
  /** Its HTTP and Socket.IO address; empty when started with `listen: false`. */
  url: string;
  redis: RedisClient;
  /** Stops serving, closes the platform and its Redis connection (a node going away). */
  stop(): Promise<void>;
}

export interface NodeOptions {
  /** Serve HTTP and Socket.IO on a free port (default true). */
  listen?: boolean;
  /** Run the outbox relay and the event consumers at once (default true). */
  events?: boolean;
  /** Configuration on top of the test defaults. */
  env?: Record<string, string>;
  bus?: BusOptions;
}

export interface DispatcherNode {
  name: string;
  platform: DispatcherPlatform;
  /** Stops it gracefully: its zones are handed back at once. */
  stop(): Promise<void>;
  /**
   * Dies as a killed process would look to the others: its leases stop being renewed and are not
   * handed back (they run out after their TTL), its ticks and consumers stop.
   */
  crash(): Promise<void>;
}

export interface NodeCluster {
  /** The one seeded PostgreSQL database every node uses. */
  db: DbHandle;
  /** The Redis key prefix every node shares (one logical Redis). */
  redisPrefix: string;
  /** The JWT secret every node signs and verifies access tokens with. */
  secret: string;
  nodes: ApiNode[];
  start(name: string, options?: NodeOptions): Promise<ApiNode>;
  /** A stand-alone dispatcher (dispatcher-platform.ts) on the same database and Redis, its consumers running. */
  startDispatcher(name: string, env?: Record<string, string>): Promise<DispatcherNode>;
  /** Stops every node still running and removes the database and the Redis keys. */
  close(): Promise<void>;
}

/**
 * A seeded PostgreSQL database and a Redis key space, on which `start` brings up nodes sharing one JWT secret.
 * `redis: "cluster"`: the nodes are configured with REDIS_CLUSTER_NODES (the local Redis Cluster).
 */
export async function createNodeCluster(options: { redis?: RedisTopology } = {}): Promise<NodeCluster> {
  const topology = options.redis ?? "single";
  const db = await createTestDb("postgres");
  await seed(db.db);
  const testRedis = await createTestRedisFor(testRedisTarget(topology));
  const secret = randomBytes(32).toString("hex");
  const nodes: ApiNode[] = [];
  const dispatchers: DispatcherNode[] = [];
  return {
    db,
    redisPrefix: testRedis.prefix,
    secret,
    nodes,
    async start(name, options = {}) {
      const config = testConfig({ JWT_SECRET: secret, ...testRedisEnv(topology), ...options.env });
      // The platform's own client, built from its configuration, under the test's key prefix.
      const redis = createRedis(config.redis!, { keyPrefix: testRedis.prefix });
      const platform = await createPlatform(config, {
        dbHandle: db,
        redis,
        log: pino({ level: config.logLevel }).child({ node: name }),
        ...(options.bus ? { bus: options.bus } : {}),
      });
      const server = options.listen === false ? undefined : await startTestServer(platform);
      if (options.events !== false) await platform.events.start();
      let stopped = false;
      const node: ApiNode = {
        name,
        platform,
        url: server?.url ?? "",
        redis,
        async stop() {
          if (stopped) return;
          stopped = true;
          await server?.close();
          await platform.close();
          redis.disconnect();
        },
      };
      nodes.push(node);
      return node;
    },
    async startDispatcher(name, env = {}) {
      const config = testConfig({ JWT_SECRET: secret, ...testRedisEnv(topology), ...env });
      const redis = createRedis(config.redis!, { keyPrefix: testRedis.prefix });
      const platform = await createDispatcherPlatform(config, {
        dbHandle: db,
        redis,
        log: pino({ level: config.logLevel }).child({ dispatcher: name }),
      });
      await platform.events.start();
      let stopped = false;
      const end = async (graceful: boolean) => {
        if (stopped) return;
        stopped = true;
        if (!graceful) await platform.delivery.leases?.stop({ release: false });
        await platform.close();
        redis.disconnect();
      };
      const node: DispatcherNode = { name, platform, stop: () => end(true), crash: () => end(false) };
      dispatchers.push(node);
      return node;
    },
    async close() {
      for (const d of dispatchers.splice(0)) await d.stop().catch(() => {});
      for (const n of nodes.splice(0)) await n.stop().catch(() => {});
      await testRedis.cleanup();
      await db.close();
    },
  };
}
