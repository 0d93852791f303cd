import { type Database, type DbHandle, type DbKind, type Kysely, sql } from "@pizza/db";
import type { Logger } from "pino";
import type { Config } from "./env.ts";
import type { EventsRuntime } from "./events/consumers.ts";
import type { BusOptions } from "./events/event-bus.ts";
import type { BlobStore } from "./infra/blob-store.ts";
import type { Cache } from "./infra/cache.ts";
import type { Features } from "./infra/features.ts";
import type { Metrics } from "./infra/metrics.ts";
import type { Notifier } from "./infra/notifier.ts";
import type { RateLimiter } from "./infra/rate-limiter.ts";
import type { ReplicationStatus } from "./infra/read-replica.ts";
import { pingRedis, type RedisClient } from "./infra/redis.ts";
import type { BreakerState, Resilience } from "./infra/resilience.ts";
import type { AuthService } from "./modules/auth/auth.service.ts";
import type { AccessTokens } from "./modules/auth/tokens.ts";
import type { DeliveryService } from "./modules/delivery/delivery.service.ts";
import type { GeoService } from "./modules/geo/geo.service.ts";
import type { Geocoder } from "./modules/geo/geocoder.ts";
import type { HelpService } from "./modules/help/help.service.ts";
import { createLoyalty, type LoyaltyService } from "./modules/loyalty/loyalty.wiring.ts";
import type { DealAdmin } from "./modules/menu/deal-admin.ts";
import type { MenuService } from "./modules/menu/menu.service.ts";
import type { MenuAdmin } from "./modules/menu/menu-admin.service.ts";
import type { MenuImagesService } from "./modules/menu/menu-images.service.ts";
import {
  createNotifications,
  type NotificationsService,
} from "./modules/notifications/notifications.wiring.ts";
import type { OrdersService } from "./modules/orders/orders.service.ts";
import type { CardGateway } from "./modules/payments/gateway/payment-gateway.ts";
import type { PaymentsService } from "./modules/payments/payments.service.ts";
import type { PromoAdmin } from "./modules/promos/promo-admin.ts";
import type { PromosService } from "./modules/promos/promos.service.ts";
import type { ReportsService } from "./modules/reports/reports.service.ts";
import type { ReviewReads } from "./modules/reviews/review-reads.ts";
import type { ReviewsService } from "./modules/reviews/reviews.service.ts";
import type { StoresService } from "./modules/stores/stores.service.ts";
import type { UsersService } from "./modules/users/users.service.ts";
import { createCore, createDeliveryFor } from "./platform-core.ts";
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
  /** With DATABASE_READ_URL: the standby's measured replay lag and where lag-tolerant reads go now. */
  replication?: ReplicationStatus;
}

export interface Services {
  auth: AuthService;
  users: UsersService;
  menu: MenuService;
  /** Head office's menu management: items, prices now or scheduled, region availability, history (issue 22). */
  menuAdmin: MenuAdmin;
  stores: StoresService;
  promos: PromosService;
  /** Admins' promo codes: create, list, pause/resume, redemptions (the store console). */
  promoAdmin: PromoAdmin;
  reports: ReportsService;
  /** Admins' deals per region (menu/deal-admin.ts; customers see them in the menu and their prices). */
  deals: DealAdmin;
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
  /** Item and promo pictures: admins' uploads, the menu's promo banners (modules/menu/menu-images*). */
  menuImages: MenuImagesService;
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
  paymentGateway?: CardGateway;
  /** A geocoder of the test's own (Photon against the local stand-in); else chosen by GEOCODER_URL. */
  geocoder?: Geocoder;
  /** The port reviews reads go through (tests pass one that fails or hangs). */
  reviewReads?: ReviewReads;
}

/** An API node: the shared core, the workers, dispatch (the engine too with DISPATCH=on), notifications, loyalty. */
export async function createPlatform(config: Config, overrides: PlatformOverrides = {}): Promise<Platform> {
  const core = await createCore(config, overrides);
  const { log, dbHandle, db, redis, replica, infra, events, services } = core;
  const workers = startWorkers(config, db, services, log, infra.blobs);

  // Dispatch (modules/delivery): driver index, position sink, drivers' offers; with DISPATCH=on also the
  // engine (tick, repair sweep, kitchen-event consumers) and the simulated fleet.
  const delivery = await createDeliveryFor(core, config, config.dispatch.mode === "on" ? "embedded" : "api");
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

  const readiness = async (): Promise<Readiness> => ({
    ...(await checkReadiness(db, dbHandle.kind, redis, services, infra.resilience)),
    ...(replica.status ? { replication: replica.status() } : {}),
  });

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
      await core.close();
    },
  };
}

/** Whether the database answers (API nodes and dispatchers alike). */
export function databaseAnswers(db: Kysely<Database>): Promise<boolean> {
  return sql`select 1`
    .execute(db)
    .then(() => true)
    .catch(() => false);
}

/**
 * Ready when the database answers. Redis is reported, not required: every node shares it, so a Redis
 * that stalls or fails over would take every node out of the load balancer at once and turn a
 * degradation (limits counted per node, cache misses, events waiting in the outbox) into an outage
 * (the redis-pause drill). Breakers and the gateway are reported too.
 */
async function checkReadiness(
  db: Kysely<Database>,
  dbKind: DbKind,
  redis: RedisClient | undefined,
  services: Services,
  resilience: Resilience,
): Promise<Readiness> {
  const dbOk = await databaseAnswers(db);
  const checks: Readiness["checks"] = { db: dbOk ? "ok" : "down" };
  // Quick: the load balancer's health check gives /readyz 3 s in all (HAProxy `timeout check 3s`).
  if (redis) checks.redis = (await pingRedis(redis, 250)) ? "ok" : "down";
  const ready = checks.db === "ok";
  return {
    ready,
    db: dbKind,
    ...(checks.redis ? { redis: checks.redis } : {}),
    checks,
    paymentGateway: services.payments.config().gateway,
    breakers: resilience.states(),
  };
}
