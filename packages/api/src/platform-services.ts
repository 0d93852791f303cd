// The domain services of one platform, built once and wired to each other: what requests reach as
// `ctx.services`. Delivery and notifications are wired after these (they subscribe to events).
import type { Database, Kysely } from "@pizza/db";
import type { Logger } from "pino";
import type { Config } from "./env.ts";
import type { BlobStore } from "./infra/blob-store.ts";
import type { Cache } from "./infra/cache.ts";
import type { Features } from "./infra/features.ts";
import type { Metrics } from "./infra/metrics.ts";
import type { Notifier } from "./infra/notifier.ts";
import type { RateLimiter } from "./infra/rate-limiter.ts";
import type { ReadReplica } from "./infra/read-replica.ts";
import { FailSoftCache, type Resilience } from "./infra/resilience.ts";
import { AuthService } from "./modules/auth/auth.service.ts";
import type { AccessTokens } from "./modules/auth/tokens.ts";
import type { DeliveryService } from "./modules/delivery/delivery.service.ts";
import { createGeocoder, createGeoService } from "./modules/geo/geo.wiring.ts";
import { HelpService } from "./modules/help/help.service.ts";
import type { LoyaltyService } from "./modules/loyalty/loyalty.wiring.ts";
import { DealAdmin } from "./modules/menu/deal-admin.ts";
import { MenuService } from "./modules/menu/menu.service.ts";
import { MenuAdmin } from "./modules/menu/menu-admin.service.ts";
import { MenuImagesService } from "./modules/menu/menu-images.service.ts";
import type { NotificationsService } from "./modules/notifications/notifications.wiring.ts";
import { OrdersService } from "./modules/orders/orders.service.ts";
import { createPaymentsService } from "./modules/payments/payments.wiring.ts";
import { PromoAdmin } from "./modules/promos/promo-admin.ts";
import { PromosService } from "./modules/promos/promos.service.ts";
import { ReportsService } from "./modules/reports/reports.service.ts";
import { ReviewsService } from "./modules/reviews/reviews.service.ts";
import { StoresService } from "./modules/stores/stores.service.ts";
import { UsersService } from "./modules/users/users.service.ts";
import type { PlatformOverrides, Services } from "./platform.ts";
import { TrackingService } from "./realtime/tracking.ts";

export interface ServiceDeps {
  config: Config;
  db: Kysely<Database>;
  /** Reads that tolerate a little lag (menus, store lists, review lists, order history): the standby or `db`. */
  reads: ReadReplica;
  log: Logger;
  cache: Cache;
  rateLimiter: RateLimiter;
  notifier: Notifier;
  /** Blob storage for the modules' photos and images (delivery photos; menu images to come). */
  blobs: BlobStore;
  tokens: AccessTokens;
  metrics: Metrics;
  features: Features;
  resilience: Resilience;
  overrides: PlatformOverrides;
}

/**
 * The menu and its pictures. The menu survives Redis down (fail-soft cache), a failing DB read (last
 * good menu, 15 min at most) and failing reviews (no ratings): see modules/reviews/README.md.
 */
function menuServices(deps: ServiceDeps, reviews: ReviewsService) {
  const { db, cache, resilience, rateLimiter, blobs, reads } = deps;
  const menuService = new MenuService(
    db,
    new FailSoftCache(cache, resilience),
    {
      resilience,
      ratings: (itemIds) => reviews.ratingSummaries(itemIds),
      maxStaleMs: 15 * 60_000,
      timeoutMs: 5_000,
    },
    reads,
  );
  const menuImages = new MenuImagesService({ db, blobs, limiter: rateLimiter, menus: menuService });
  return { menuService, menuImages };
}

export function buildServices(deps: ServiceDeps): Services {
  const { config, db, reads, log, cache, rateLimiter, notifier, tokens, metrics, features, resilience } =
    deps;
  const reviewsService = new ReviewsService({
    db,
    lagTolerantDb: reads.db,
    resilience,
    features,
    log: log.child({ module: "reviews" }),
    ...(deps.overrides.reviewReads ? { reads: deps.overrides.reviewReads } : {}),
  });
  const { menuService, menuImages } = menuServices(deps, reviewsService);
  const storesService = new StoresService(db, menuService, () => new Date(), reads.db);
  const promosService = new PromosService(db, menuService);
  const ordersService = new OrdersService({
    db,
    menus: menuService,
    promos: promosService,
    stores: storesService,
    maxUnpaidOrders: config.unpaid.maxPerCustomer,
    lagTolerantDb: reads.db,
  });
  promosService.orderCart = (user, orderId) => ordersService.cartOf(user, orderId);
  const services: Services = {
    auth: new AuthService({
      db,
      tokens,
      rateLimiter,
      notifier,
      onLoginAttempt: (outcome) => metrics.loginAttempts.inc({ outcome }),
      publicUrl: config.publicUrl,
      log,
      oidc: { config: config.oidc, secret: config.jwtSecret },
    }),
    users: new UsersService(db),
    tracking: new TrackingService(db, cache),
    // Set right below, once the dispatch engine is wired to the other services.
    delivery: undefined as unknown as DeliveryService,
    notifications: undefined as unknown as NotificationsService,
    help: undefined as unknown as HelpService,
    loyalty: undefined as unknown as LoyaltyService,
    menu: menuService,
    menuImages,
    menuAdmin: new MenuAdmin(db, menuService),
    stores: storesService,
    promos: promosService,
    ...catalogueAdmins(db, menuService),
    reports: new ReportsService(db, reads.db),
    orders: ordersService,
    reviews: reviewsService,
    geo: geoService(deps),
    payments: createPaymentsService({
      config,
      db,
      log: log.child({ module: "payments" }),
      orders: ordersService,
      registry: metrics.registry,
      ...(deps.overrides.paymentGateway ? { gateway: deps.overrides.paymentGateway } : {}),
    }),
  };
  services.help = new HelpService({
    db,
    orders: ordersService,
    payments: services.payments,
    promos: promosService,
    limiter: rateLimiter,
    blobs: deps.blobs,
    now: () => new Date(),
  });
  return services;
}

/** Address search behind the fail-soft cache, with the geocoder the configuration (or a test) chose. */
function geoService({ config, log, cache, resilience, overrides }: ServiceDeps) {
  return createGeoService(
    overrides.geocoder ?? createGeocoder(config, log.child({ module: "geo" })),
    new FailSoftCache(cache, resilience),
    config.map.styleUrl,
  );
}

/** Admins' catalogue tools beside the menu: promo codes, and deals (whose changes invalidate the region's menus). */
function catalogueAdmins(db: Kysely<Database>, menus: MenuService): Pick<Services, "promoAdmin" | "deals"> {
  return {
    promoAdmin: new PromoAdmin(db),
    deals: new DealAdmin({ db, invalidateRegion: (code) => menus.invalidateRegion(code) }),
  };
}
