import { randomBytes } from "node:crypto";
import type { AddressInfo } from "node:net";
import { createTestDb, type DbHandle, type DbKind, seed } from "@pizza/db/testing";
import type { FastifyInstance } from "fastify";
import type { Redis } from "ioredis";
import pino from "pino";
import { type Config, loadConfig } from "../env.ts";
import type { Notifier } from "../infra/notifier.ts";
import { createRedis } from "../infra/redis.ts";
import type { AuthUser } from "../modules/auth/tokens.ts";
import type { PaymentGateway } from "../modules/payments/gateway/payment-gateway.ts";
import type { ReviewReads } from "../modules/reviews/review-reads.ts";
import { createPlatform, type Platform } from "../platform.ts";
import { createCaller } from "../root.ts";
import { createServer } from "../server.ts";
import { createContextInner } from "../trpc.ts";

export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";

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

/** A Redis connection whose keys all live under a random prefix, deleted by `cleanup`. Fails loudly when Redis is down. */
export async function createTestRedis(): Promise<{ redis: Redis; prefix: string; cleanup(): Promise<void> }> {
  const prefix = `test:${randomBytes(5).toString("hex")}:`;
  const redis = createRedis(TEST_REDIS_URL, { keyPrefix: prefix });
  try {
    await redis.ping();
  } catch (error) {
    redis.disconnect();
    throw new Error(
      `Redis is required for the integration tests and is not reachable at ${TEST_REDIS_URL}: ${String(error)}`,
    );
  }
  return {
    redis,
    prefix,
    async cleanup() {
      let cursor = "0";
      do {
        const [next, keys] = await redis.scan(cursor, "MATCH", `${prefix}*`, "COUNT", 1000);
        cursor = next;
        if (keys.length > 0) await redis.del(...keys.map((k) => k.slice(prefix.length)));
      } while (cursor !== "0");
      redis.disconnect();
    },
  };
}

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
    paymentGateway?: PaymentGateway;
    reviewReads?: ReviewReads;
    /** A notifier of the test's own (e.g. email to a test SMTP server and SMS kept in memory). */
    notifier?: Notifier;
  } = {},
): Promise<TestPlatform> {
  const db = await createTestDb(backing.db);
  if (options.seed) await seed(db.db);
  const redis = backing.redis ? await createTestRedis() : undefined;
  const config = testConfig(options.env);
  const platform = await createPlatform(config, {
    dbHandle: db,
    redis: redis?.redis,
    log: pino({ level: config.logLevel }),
    ...(options.paymentGateway ? { paymentGateway: options.paymentGateway } : {}),
    ...(options.reviewReads ? { reviewReads: options.reviewReads } : {}),
    ...(options.notifier ? { notifier: options.notifier } : {}),
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
