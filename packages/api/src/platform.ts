import {
  connect,
  type Database,
  type DbHandle,
  type DbKind,
  type Kysely,
  migrateToLatest,
  seed,
  sql,
} from "@pizza/db";
import type { Logger } from "pino";
import type { Config } from "./env.ts";
import { EventsRuntime } from "./events/consumers.ts";
import type { BusOptions } from "./events/event-bus.ts";
import { MemoryEventBus } from "./events/memory-event-bus.ts";
import { RedisStreamsEventBus } from "./events/redis-streams-event-bus.ts";
import { selectBlobStore } from "./infra/blob-select.ts";
import type { BlobStore } from "./infra/blob-store.ts";
import { type Cache, MemoryCache, RedisCache } from "./infra/cache.ts";
import { Features } from "./infra/features.ts";
import { createLogger } from "./infra/logger.ts";
import { createMetrics, type Metrics } from "./infra/metrics.ts";
import type { Notifier } from "./infra/notifier.ts";
import { selectNotifier } from "./infra/notifier-select.ts";
import { memoryRateLimiter, type RateLimiter, redisRateLimiter } from "./infra/rate-limiter.ts";
import { createRedis, pingRedis, type RedisClient } from "./infra/redis.ts";
import { type BreakerState, Resilience } from "./infra/resilience.ts";
import type { AuthService } from "./modules/auth/auth.service.ts";
import { AccessTokens } from "./modules/auth/tokens.ts";
import type { DeliveryService } from "./modules/delivery/delivery.service.ts";
import { createDelivery } from "./modules/delivery/delivery.wiring.ts";
import type { GeoService } from "./modules/geo/geo.service.ts";
import type { Geocoder } from "./modules/geo/geocoder.ts";
import type { HelpService } from "./modules/help/help.service.ts";
import { createLoyalty, type LoyaltyService } from "./modules/loyalty/loyalty.wiring.ts";
import type { MenuService } from "./modules/menu/menu.service.ts";
import {
  createNotifications,
  type NotificationsService,
} from "./modules/notifications/notifications.wiring.ts";
import type { OrdersService } from "./modules/orders/orders.service.ts";
import type { PaymentGateway } from "./modules/payments/gateway/payment-gateway.ts";
import type { PaymentsService } from "./modules/payments/payments.service.ts";
import type { PromoAdmin } from "./modules/promos/promo-admin.ts";
import type { PromosService } from "./modules/promos/promos.service.ts";
import type { ReviewReads } from "./modules/reviews/review-reads.ts";
import type { ReviewsService } from "./modules/reviews/reviews.service.ts";
import type { StoresService } from "./modules/stores/stores.service.ts";
import type { UsersService } from "./modules/users/users.service.ts";
import { buildServices } from "./platform-services.ts";
import { startWorkers } from "./platform-workers.ts";
import type { TrackingService } from "./realtime/tracking.ts";

export interface Readiness {
  ready: boolean;
  db: DbKind;
  redis?: "ok" | "down";
  checks: { db: "ok" | "down"; redis?: "ok" | "down" };
  /** Which card gateway is live on this node: Stripe, or the simulation (no money moves). */
  paymentGateway: "stripe" | "simulated";
  /** Non-critical dependencies' circuit breakers; an open one degrades a feature, it never makes the node unready. */
  breakers?: Record<string, BreakerState>;
}

export interface Services {
  auth: AuthService;
  users: UsersService;
  menu: MenuService;
  stores: StoresService;
  promos: PromosService;
  /** Admins' promo codes: create, list, pause/resume, redemptions (the store console). */
  promoAdmin: PromoAdmin;
  orders: OrdersService;
  reviews: ReviewsService;
  payments: PaymentsService;
  /** Live tracking read side; the delivery module sets `tracking.positionSink` to receive drivers' positions. */
  tracking: TrackingService;
  /** Dispatch: drivers, offers, deliveries (modules/delivery); `services.delivery.dispatcher` is the engine. */
  delivery: DeliveryService;
  /** Address search: suggestions, reverse geocoding, pin checks (modules/geo). */
  geo: GeoService;
  /** Receipts and other messages from the event stream, their queue and the admins' view of failures. */
  notifications: NotificationsService;
  /** Help with an order: customers' problem reports, the store's refunds, credits and declines (modules/help). */
  help: HelpService;
  /** Loyalty points: earned on fulfilled orders, reversed on refunds and cancellations (modules/loyalty). */
  loyalty: LoyaltyService;
}

/** Everything a request, a worker or a test needs: adapters chosen by configuration, and the services. */
export interface Platform {
  config: Config;
  log: Logger;
  db: Kysely<Database>;
  dbKind: DbKind;
  redis: RedisClient | undefined;
  cache: Cache;
  rateLimiter: RateLimiter;
  notifier: Notifier;
  /** Photos and images (infra/blob-store.ts): S3, or the filesystem under .data/blobs (env-blob.ts). */
  blobs: BlobStore;
  tokens: AccessTokens;
  metrics: Metrics;
  resilience: Resilience;
  features: Features;
  services: Services;
  /** The outbox relay and the event consumers (Redis Streams with REDIS_URL, in-process otherwise); `events.start()` runs them. */
  events: EventsRuntime;
  readiness(): Promise<Readiness>;
  close(): Promise<void>;
}

export interface PlatformOverrides {
  log?: Logger;
  /** An already-open database (tests pass their own throw-away one). */
  dbHandle?: DbHandle;
  redis?: RedisClient;
  notifier?: Notifier;
  /** A blob store of the test's own (S3 against a local server); else chosen by env-blob.ts. */
  blobs?: BlobStore;
  /** Event bus timings (tests shorten the time before a dead consumer's events are claimed). */
  bus?: BusOptions;
  /** A payment gateway with test knobs (the simulated one with faults, or Stripe against the stand-in). */
  paymentGateway?: PaymentGateway;
  /** A geocoder of the test's own (Photon against the local stand-in); else chosen by GEOCODER_URL. */
  geocoder?: Geocoder;
  /** The port reviews reads go through (tests pass one that fails or hangs). */
  reviewReads?: ReviewReads;
}

export async function createPlatform(config: Config, overrides: PlatformOverrides = {}): Promise<Platform> {
  const log = overrides.log ?? createLogger({ level: config.logLevel });
  const dbHandle = overrides.dbHandle ?? (await openDatabase(config, log));
  const { db } = dbHandle;
  const redis = overrides.redis ?? (config.redis ? createRedis(config.redis) : undefined);
  redis?.on("error", (error) => log.warn({ err: error }, "redis connection error"));

  const infra = createInfra(config, redis, overrides, log);
  const events = createEvents(db, redis, overrides.bus, log);
  const services = buildServices({ config, db, log, overrides, ...infra });
  const workers = startWorkers(config, db, services, log);

  // Dispatch (modules/delivery): driver index, dispatcher + tick, order.ready consumer, position sink, simulated fleet.
  const delivery = await createDelivery({
    config,
    db,
    redis,
    events,
    orders: services.orders,
    payments: services.payments,
    reviews: services.reviews,
    tracking: services.tracking,
    blobs: infra.blobs,
    registry: infra.metrics.registry,
    log: log.child({ module: "delivery" }),
  });
  services.delivery = delivery.service;

  // Receipts: order events → notification_deliveries → the sender sweep (every node, SKIP LOCKED claims).
  const notifications = createNotifications({
    config,
    db,
    notifier: infra.notifier,
    rateLimiter: infra.rateLimiter,
    events,
    log: log.child({ module: "notifications" }),
  });
  services.notifications = notifications.service;

  // Loyalty points: order and payment events → the points ledger, once per event.
  services.loyalty = createLoyalty({ db, events });

  const readiness = () => checkReadiness(db, dbHandle.kind, redis, services, infra.resilience);

  return {
    config,
    log,
    db,
    dbKind: dbHandle.kind,
    redis,
    ...infra,
    services,
    events,
    readiness,
    async close() {
      await workers.stop();
      await delivery.close();
      await notifications.close();
      await services.payments.settled();
      await events.stop();
      await events.bus.close();
      if (!overrides.blobs) infra.blobs.close?.();
      if (!overrides.redis) redis?.disconnect();
      if (!overrides.dbHandle) await dbHandle.close();
    },
  };
}

/** Ready when the database (and Redis, when configured) answer; breakers and the gateway are reported, not required. */
async function checkReadiness(
  db: Kysely<Database>,
  dbKind: DbKind,
  redis: RedisClient | undefined,
  services: Services,
  resilience: Resilience,
): Promise<Readiness> {
  const dbOk = await sql`select 1`
    .execute(db)
    .then(() => true)
    .catch(() => false);
  const checks: Readiness["checks"] = { db: dbOk ? "ok" : "down" };
  if (redis) checks.redis = (await pingRedis(redis)) ? "ok" : "down";
  const ready = Object.values(checks).every((c) => c === "ok");
  return {
    ready,
    db: dbKind,
    ...(checks.redis ? { redis: checks.redis } : {}),
    checks,
    paymentGateway: services.payments.config().gateway,
    breakers: resilience.states(),
  };
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
