// What every process of the platform shares, whatever its role (an API node, a stand-alone dispatcher):
// the logger, the migrated database, Redis, the adapters chosen by configuration, the event runtime and
// the domain services. platform.ts (API node) and dispatcher-platform.ts each add what their role needs.
import { connect, type Database, type DbHandle, type Kysely, migrateToLatest, seed } from "@pizza/db";
import type { Logger } from "pino";
import type { Config } from "./env.ts";
import { EventsRuntime } from "./events/consumers.ts";
import type { BusOptions } from "./events/event-bus.ts";
import { MemoryEventBus } from "./events/memory-event-bus.ts";
import { RedisStreamsEventBus } from "./events/redis-streams-event-bus.ts";
import { selectBlobStore } from "./infra/blob-select.ts";
import { type Cache, MemoryCache, RedisCache } from "./infra/cache.ts";
import { Features } from "./infra/features.ts";
import { createLogger } from "./infra/logger.ts";
import { createMetrics } from "./infra/metrics.ts";
import { selectNotifier } from "./infra/notifier-select.ts";
import { memoryRateLimiter, type RateLimiter, redisRateLimiter } from "./infra/rate-limiter.ts";
import { openReadReplica } from "./infra/read-replica.ts";
import { createRedis, type RedisClient } from "./infra/redis.ts";
import { Resilience } from "./infra/resilience.ts";
import { AccessTokens } from "./modules/auth/tokens.ts";
import { createDelivery, type DispatchRole } from "./modules/delivery/delivery.wiring.ts";
import type { PlatformOverrides } from "./platform.ts";
import { buildServices } from "./platform-services.ts";

export type PlatformCore = Awaited<ReturnType<typeof createCore>>;

/** The shared part of a process: opened and built once; `close` ends the events and closes what it opened. */
export async function createCore(config: Config, overrides: PlatformOverrides = {}) {
  const log = overrides.log ?? createLogger({ level: config.logLevel });
  const dbHandle = overrides.dbHandle ?? (await openDatabase(config, log));
  const { db } = dbHandle;
  // With DATABASE_READ_URL: lag-tolerant reads (menus, store lists, review lists, history) on the standby.
  const replica = openReadReplica(config.replication, dbHandle, log.child({ component: "read-replica" }));
  const redis = overrides.redis ?? (config.redis ? createRedis(config.redis) : undefined);
  redis?.on("error", (error) => log.warn({ err: error }, "redis connection error"));

  const infra = createInfra(config, redis, overrides, log);
  const events = createEvents(db, redis, overrides.bus, log);
  const services = buildServices({ config, db, reads: replica.reads, log, overrides, ...infra });
  return {
    log,
    dbHandle,
    db,
    redis,
    replica,
    infra,
    events,
    services,
    /** After the role's own parts have stopped: the events, then the connections this core opened. */
    async close() {
      await services.payments.settled();
      await events.stop();
      await events.bus.close();
      if (!overrides.blobs) infra.blobs.close?.();
      if (!overrides.redis) redis?.disconnect();
      await replica.close();
      if (!overrides.dbHandle) await dbHandle.close();
    },
  };
}

/** Dispatch (modules/delivery) in this process's role, built from the core's services and adapters. */
export function createDeliveryFor(core: PlatformCore, config: Config, role: DispatchRole) {
  const { services, infra } = core;
  return createDelivery({
    role,
    config,
    db: core.db,
    redis: core.redis,
    events: core.events,
    orders: services.orders,
    payments: services.payments,
    reviews: services.reviews,
    tracking: services.tracking,
    blobs: infra.blobs,
    registry: infra.metrics.registry,
    log: core.log.child({ module: "delivery" }),
  });
}

/** The outbox relay and consumers over Redis Streams with REDIS_URL, in process otherwise. */
function createEvents(
  db: Kysely<Database>,
  redis: RedisClient | undefined,
  bus: BusOptions | undefined,
  log: Logger,
) {
  return new EventsRuntime(
    db,
    redis
      ? new RedisStreamsEventBus(redis, { ...bus, log: log.child({ component: "event-bus" }) })
      : new MemoryEventBus(bus),
    log.child({ component: "events" }),
  );
}

/** The configured database (PostgreSQL, else PGlite), migrated, with the demo seeded when SEED_DEMO is on. */
async function openDatabase(config: Config, log: Logger): Promise<DbHandle> {
  const dbHandle = connect({
    databaseUrl: config.databaseUrl,
    dataDir: config.pgliteDir,
    poolSize: config.dbPoolSize,
  });
  const applied = await migrateToLatest(dbHandle.db);
  if (applied.length > 0) log.info({ applied }, "database migrated");
  if (config.seedDemo) {
    const seeded = await seed(dbHandle.db);
    if (seeded.seeded) log.info(seeded, "demo data seeded");
  }
  return dbHandle;
}

/** The adapters every module shares, chosen by configuration: cache, rate limits, notifier, blobs, tokens, metrics, breakers. */
function createInfra(
  config: Config,
  redis: RedisClient | undefined,
  overrides: PlatformOverrides,
  log: Logger,
) {
  const cache: Cache = redis ? new RedisCache(redis) : new MemoryCache();
  const rateLimiter: RateLimiter = redis ? redisRateLimiter(redis) : memoryRateLimiter();
  const notifier =
    overrides.notifier ?? selectNotifier(config, log.child({ component: "notifier" }), rateLimiter);
  const blobs = overrides.blobs ?? selectBlobStore(config, log.child({ component: "blobs" }));
  const tokens = new AccessTokens(config.jwtSecret);
  const metrics = createMetrics();
  const features = new Features(config);
  const resilience = new Resilience({
    settings: config.resilience,
    log: log.child({ component: "resilience" }),
    registry: metrics.registry,
    cache,
  });
  return { cache, rateLimiter, notifier, blobs, tokens, metrics, features, resilience };
}
