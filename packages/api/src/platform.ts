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
import type { Redis } from "ioredis";
import type { Logger } from "pino";
import type { Config } from "./env.ts";
import { EventsRuntime } from "./events/consumers.ts";
import type { BusOptions } from "./events/event-bus.ts";
import { MemoryEventBus } from "./events/memory-event-bus.ts";
import { RedisStreamsEventBus } from "./events/redis-streams-event-bus.ts";
import { type Cache, MemoryCache, RedisCache } from "./infra/cache.ts";
import { Features } from "./infra/features.ts";
import { createLogger } from "./infra/logger.ts";
import { createMetrics, type Metrics } from "./infra/metrics.ts";
import type { Notifier } from "./infra/notifier.ts";
import { selectNotifier } from "./infra/notifier-select.ts";
import { memoryRateLimiter, type RateLimiter, redisRateLimiter } from "./infra/rate-limiter.ts";
import { createRedis, pingRedis } from "./infra/redis.ts";
import { type BreakerState, FailSoftCache, Resilience } from "./infra/resilience.ts";
import { AuthService } from "./modules/auth/auth.service.ts";
import { AccessTokens } from "./modules/auth/tokens.ts";
import type { DeliveryService } from "./modules/delivery/delivery.service.ts";
import { createDelivery } from "./modules/delivery/delivery.wiring.ts";
import type { GeoService } from "./modules/geo/geo.service.ts";
import { createGeocoder, createGeoService } from "./modules/geo/geo.wiring.ts";
import type { Geocoder } from "./modules/geo/geocoder.ts";
import { MenuService } from "./modules/menu/menu.service.ts";
import {
  createNotifications,
  type NotificationsService,
} from "./modules/notifications/notifications.wiring.ts";
import { KitchenAutopilot } from "./modules/orders/kitchen-autopilot.ts";
import { OrdersService } from "./modules/orders/orders.service.ts";
import { UnpaidExpiry } from "./modules/orders/unpaid-expiry.ts";
import type { PaymentGateway } from "./modules/payments/gateway/payment-gateway.ts";
import type { PaymentsService } from "./modules/payments/payments.service.ts";
import { createPaymentsService, startPaymentSweep } from "./modules/payments/payments.wiring.ts";
import { PromoAdmin } from "./modules/promos/promo-admin.ts";
import { PromosService } from "./modules/promos/promos.service.ts";
import type { ReviewReads } from "./modules/reviews/review-reads.ts";
import { ReviewsService } from "./modules/reviews/reviews.service.ts";
import { StoresService } from "./modules/stores/stores.service.ts";
import { UsersService } from "./modules/users/users.service.ts";
import { TrackingService } from "./realtime/tracking.ts";

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
}

/** Everything a request, a worker or a test needs: adapters chosen by configuration, and the services. */
export interface Platform {
  config: Config;
  log: Logger;
  db: Kysely<Database>;
  dbKind: DbKind;
  redis: Redis | undefined;
  cache: Cache;
  rateLimiter: RateLimiter;
  notifier: Notifier;
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
  redis?: Redis;
  notifier?: Notifier;
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
  const dbHandle =
    overrides.dbHandle ??
    connect({ databaseUrl: config.databaseUrl, dataDir: config.pgliteDir, poolSize: config.dbPoolSize });
  const { db } = dbHandle;
  if (!overrides.dbHandle) {
    const applied = await migrateToLatest(db);
    if (applied.length > 0) log.info({ applied }, "database migrated");
    if (config.seedDemo) {
      const seeded = await seed(db);
      if (seeded.seeded) log.info(seeded, "demo data seeded");
    }
  }
  const redis = overrides.redis ?? (config.redisUrl ? createRedis(config.redisUrl) : undefined);
  redis?.on("error", (error) => log.warn({ err: error }, "redis connection error"));

  const cache: Cache = redis ? new RedisCache(redis) : new MemoryCache();
  const rateLimiter: RateLimiter = redis ? redisRateLimiter(redis) : memoryRateLimiter();
  const notifier = overrides.notifier ?? selectNotifier(config, log.child({ component: "notifier" }));
  const tokens = new AccessTokens(config.jwtSecret);
  const metrics = createMetrics();
  const features = new Features(config);
  const resilience = new Resilience({
    settings: config.resilience,
    log: log.child({ component: "resilience" }),
    registry: metrics.registry,
    cache,
  });
  const events = new EventsRuntime(
    db,
    redis
      ? new RedisStreamsEventBus(redis, { ...overrides.bus, log: log.child({ component: "event-bus" }) })
      : new MemoryEventBus(overrides.bus),
    log.child({ component: "events" }),
  );

  const reviewsService = new ReviewsService({
    db,
    resilience,
    features,
    log: log.child({ module: "reviews" }),
    ...(overrides.reviewReads ? { reads: overrides.reviewReads } : {}),
  });
  // The menu survives Redis down (fail-soft cache), a failing DB read (last good menu, 15 min at most)
  // and failing reviews (no ratings): see modules/reviews/README.md.
  const menuService = new MenuService(db, new FailSoftCache(cache, resilience), {
    resilience,
    ratings: (itemIds) => reviewsService.ratingSummaries(itemIds),
    maxStaleMs: 15 * 60_000,
    timeoutMs: 5_000,
  });
  const storesService = new StoresService(db, menuService);
  const promosService = new PromosService(db, menuService);
  const ordersService = new OrdersService({
    db,
    menus: menuService,
    promos: promosService,
    stores: storesService,
    maxUnpaidOrders: config.unpaid.maxPerCustomer,
  });
  promosService.orderCart = (user, orderId) => ordersService.cartOf(user, orderId);
  const services: Services = {
    auth: new AuthService({
      db,
      tokens,
      rateLimiter,
      notifier,
      onLoginAttempt: (outcome) => metrics.loginAttempts.inc({ outcome }),
      smsPerCountryPerHour: config.smsCodesPerCountryHour,
    }),
    users: new UsersService(db),
    tracking: new TrackingService(db, cache),
    // Set right below, once the dispatch engine is wired to the other services.
    delivery: undefined as unknown as DeliveryService,
    notifications: undefined as unknown as NotificationsService,
    menu: menuService,
    stores: storesService,
    promos: promosService,
    promoAdmin: new PromoAdmin(db),
    orders: ordersService,
    reviews: reviewsService,
    geo: createGeoService(
      overrides.geocoder ?? createGeocoder(config, log.child({ module: "geo" })),
      new FailSoftCache(cache, resilience),
    ),
    payments: createPaymentsService({
      config,
      db,
      log: log.child({ module: "payments" }),
      orders: ordersService,
      registry: metrics.registry,
      ...(overrides.paymentGateway ? { gateway: overrides.paymentGateway } : {}),
    }),
  };

  // Settles payments a crashed node left half-done, at start and then every minute (tests run it themselves).
  const stopPaymentSweep =
    config.env === "test"
      ? () => {}
      : startPaymentSweep(services.payments, log.child({ module: "payments" }));

  // The demo kitchen (KITCHEN_AUTOPILOT): on in the embedded `npm start` demo, off in production and tests.
  const autopilot = config.kitchenAutopilot
    ? new KitchenAutopilot({
        db,
        orders: ordersService,
        speed: config.kitchenAutopilotSpeed,
        log: log.child({ component: "kitchen-autopilot" }),
      })
    : undefined;
  autopilot?.start();

  // Unpaid card orders give back their slot, stock and promo after PENDING_PAYMENT_TTL (every node
  // sweeps every 30 s; rows are claimed with SKIP LOCKED). Tests call `sweep()` themselves.
  const unpaidExpiry =
    config.env === "test"
      ? undefined
      : new UnpaidExpiry({
          db,
          orders: ordersService,
          invalidateStore: (storeId) => menuService.invalidateStore(storeId),
          ttlMs: config.unpaid.ttlMs,
          actionTtlMs: config.unpaid.actionTtlMs,
          log: log.child({ component: "unpaid-expiry" }),
        });
  unpaidExpiry?.start();

  // Dispatch (modules/delivery): driver index, dispatcher + tick, order.ready consumer, position sink, simulated fleet.
  const delivery = await createDelivery({
    config,
    db,
    redis,
    events,
    orders: ordersService,
    payments: services.payments,
    reviews: reviewsService,
    tracking: services.tracking,
    registry: metrics.registry,
    log: log.child({ module: "delivery" }),
  });
  services.delivery = delivery.service;

  // Receipts: order events → notification_deliveries → the sender sweep (every node, SKIP LOCKED claims).
  const notifications = createNotifications({
    config,
    db,
    notifier,
    events,
    log: log.child({ module: "notifications" }),
  });
  services.notifications = notifications.service;

  async function readiness(): Promise<Readiness> {
    const dbOk = await sql`select 1`
      .execute(db)
      .then(() => true)
      .catch(() => false);
    const checks: Readiness["checks"] = { db: dbOk ? "ok" : "down" };
    if (redis) checks.redis = (await pingRedis(redis)) ? "ok" : "down";
    const ready = Object.values(checks).every((c) => c === "ok");
    return {
      ready,
      db: dbHandle.kind,
      ...(checks.redis ? { redis: checks.redis } : {}),
      checks,
      paymentGateway: services.payments.config().gateway,
      breakers: resilience.states(),
    };
  }

  return {
    config,
    log,
    db,
    dbKind: dbHandle.kind,
    redis,
    cache,
    rateLimiter,
    notifier,
    tokens,
    metrics,
    resilience,
    features,
    services,
    events,
    readiness,
    async close() {
      await autopilot?.stop();
      await unpaidExpiry?.stop();
      await delivery.close();
      await notifications.close();
      stopPaymentSweep();
      await services.payments.settled();
      await events.stop();
      await events.bus.close();
      if (!overrides.redis) redis?.disconnect();
      if (!overrides.dbHandle) await dbHandle.close();
    },
  };
}
