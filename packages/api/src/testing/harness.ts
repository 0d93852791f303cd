import { randomBytes } from "node:crypto";
import type { AddressInfo } from "node:net";
import { createTestDb, type DbHandle, type DbKind, seed } from "@pizza/db/testing";
import type { FastifyInstance } from "fastify";
import pino from "pino";
import { type Config, loadConfig } from "../env.ts";
import type { BlobStore } from "../infra/blob-store.ts";
import type { Notifier } from "../infra/notifier.ts";
import type { AuthUser } from "../modules/auth/tokens.ts";
import type { CardGateway } from "../modules/payments/gateway/payment-gateway.ts";
import type { ReviewReads } from "../modules/reviews/review-reads.ts";
import { createPlatform, type Platform } from "../platform.ts";
import { createCaller } from "../root.ts";
import { createServer } from "../server.ts";
import { createContextInner } from "../trpc.ts";

import { createTestRedis } from "./test-redis.ts";

export {
  createTestRedis,
  createTestRedisCluster,
  type RedisTopology,
  redisTopologies,
  TEST_REDIS_URL,
  type TestRedis,
} from "./test-redis.ts";

/** The METRICS_TOKEN test servers run with: /metrics and /readyz details need it as a bearer token. */
export const TEST_METRICS_TOKEN = "test-metrics-token-0123456789abcdef";
/** Headers that open /metrics and /readyz's details on a test server. */
export const opsHeaders = { authorization: `Bearer ${TEST_METRICS_TOKEN}` };

/** The two backings every integration suite runs on: embedded (PGlite, in-process) and real (PostgreSQL + Redis). */
export const backings = [
  { name: "embedded (PGlite, in-process)", db: "pglite" as DbKind, redis: false },
  { name: "real (PostgreSQL, Redis)", db: "postgres" as DbKind, redis: true },
];
export type Backing = (typeof backings)[number];

/**
 * The configuration every test server and bench runs with: embedded defaults, no demo data, no
 * background simulation, silent logs (TEST_LOG_LEVEL to see them), and `env` on top.
 */
export function testConfig(env: Record<string, string> = {}): Config {
  return loadConfig({
    NODE_ENV: "test",
    PGLITE_DIR: "memory://",
    JWT_SECRET: randomBytes(32).toString("hex"),
    SEED_DEMO: "false",
    KITCHEN_AUTOPILOT: "false",
    SIM_DRIVERS: "0",
    SERVE_APPS: "false",
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? "silent",
    // Suites place hundreds of orders a minute from one address (and some from one customer); the
    // placeOrder rate limits are tested with their own values in orders/order-limits.test.ts.
    PLACE_ORDER_LIMIT_PER_CUSTOMER: "1000000",
    PLACE_ORDER_LIMIT_PER_IP: "1000000",
    METRICS_TOKEN: TEST_METRICS_TOKEN,
    ...env,
  });
}

export interface TestPlatform {
  platform: Platform;
  db: DbHandle;
  /** A tRPC caller acting as `user` (anonymous when omitted), through the real middlewares. */
  caller(user?: AuthUser | null, ip?: string): ReturnType<typeof createCaller>;
  close(): Promise<void>;
}

export async function createTestPlatform(
  backing: Pick<Backing, "db" | "redis">,
  options: {
    seed?: boolean;
    env?: Record<string, string>;
    /** Settings that depend on the test's own database (its standby's URL, say). */
    envFor?: (db: DbHandle) => Promise<Record<string, string>>;
    paymentGateway?: CardGateway;
    reviewReads?: ReviewReads;
    /** A notifier of the test's own (e.g. email to a test SMTP server and SMS kept in memory). */
    notifier?: Notifier;
    /** A blob store of the test's own (S3 against a local s3rver); else the filesystem under BLOB_DIR. */
    blobs?: BlobStore;
  } = {},
): Promise<TestPlatform> {
  const db = await createTestDb(backing.db);
  if (options.seed) await seed(db.db);
  const redis = backing.redis ? await createTestRedis() : undefined;
  const config = testConfig({ ...options.env, ...(await options.envFor?.(db)) });
  const platform = await createPlatform(config, {
    dbHandle: db,
    redis: redis?.redis,
    log: pino({ level: config.logLevel }),
    ...(options.paymentGateway ? { paymentGateway: options.paymentGateway } : {}),
    ...(options.reviewReads ? { reviewReads: options.reviewReads } : {}),
    ...(options.notifier ? { notifier: options.notifier } : {}),
    ...(options.blobs ? { blobs: options.blobs } : {}),
  });
  return {
    platform,
    db,
    caller: (user, ip) => createCaller(createContextInner({ platform, user: user ?? null, ip })),
    async close() {
      await platform.close();
      await redis?.cleanup();
      await db.close();
    },
  };
}

/** The real HTTP server on a free port, for tests that go through the wire. */
export async function startTestServer(
  platform: Platform,
): Promise<{ app: FastifyInstance; url: string; close(): Promise<void> }> {
  const app = await createServer(platform);
  await app.listen({ port: 0, host: "127.0.0.1" });
  const { port } = app.server.address() as AddressInfo;
  return { app, url: `http://127.0.0.1:${port}`, close: () => app.close() };
}
