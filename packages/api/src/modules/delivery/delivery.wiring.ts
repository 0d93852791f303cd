import type { Database, Kysely } from "@pizza/db";
import type { RedisClient } from "@pizza/dispatch";
import { createDriverIndex, Dispatcher, EtaModel, type SpeedModel } from "@pizza/dispatch";
import type { Logger } from "pino";
import { Gauge, type Registry } from "prom-client";
import type { Config } from "../../env.ts";
import { type EventsRuntime, orderReadyConsumer } from "../../events/consumers.ts";
import type { BlobStore } from "../../infra/blob-store.ts";
import type { TrackingService } from "../../realtime/tracking.ts";
import type { OrdersService } from "../orders/orders.service.ts";
import type { PaymentsService } from "../payments/payments.service.ts";
import type { ReviewsService } from "../reviews/reviews.service.ts";
import { storesForDispatch } from "../stores/store-for-dispatch.ts";
import { DeliveryService } from "./delivery.service.ts";
import { zoneOf } from "./delivery-context.ts";
import { deliveryLookup } from "./delivery-lookup.ts";
import { SimulatedFleet } from "./simulated-fleet.ts";

export interface DeliveryWiring {
  service: DeliveryService;
  fleet: SimulatedFleet | undefined;
  close(): Promise<void>;
}

/**
 * Builds the dispatch engine for this node and plugs it into the platform: the driver index (Redis
 * when the platform has it, in-process otherwise), a Dispatcher whose outcomes are persisted by the
 * delivery service, the event consumers that start dispatch, the position sink, a tick every second,
 * a repair sweep, metrics, and the simulated fleet when SIM_DRIVERS > 0.
 */
export async function createDelivery(deps: {
  config: Config;
  db: Kysely<Database>;
  redis: RedisClient | undefined;
  events: EventsRuntime;
  orders: OrdersService;
  payments: PaymentsService;
  reviews: ReviewsService;
  tracking: TrackingService;
  blobs: BlobStore;
  registry: Registry;
  log: Logger;
}): Promise<DeliveryWiring> {
  const { config, log } = deps;
  const { index, dispatcher } = await createDispatch(deps.db, deps.redis, config, log);
  const service = new DeliveryService({
    db: deps.db,
    index,
    dispatcher,
    orders: deps.orders,
    payments: deps.payments,
    reviews: deps.reviews,
    tracking: deps.tracking,
    blobs: deps.blobs,
    log,
  });
  dispatcher.subscribe((event) => service.persist(event));

  deps.events.register(orderReadyConsumer((payload, trx) => service.onOrderReady(payload, trx)));
  deps.events.register({
    name: "delivery.order-baking",
    topics: ["order.status_changed"],
    handle: (event, trx) => service.onOrderStatusChanged(event.payload, trx),
  });
  deps.events.register({
    name: "delivery.order-cancelled",
    topics: ["order.cancelled"],
    handle: (event, trx) => service.onOrderCancelled(event.payload, trx),
  });
  deps.tracking.deliveries = deliveryLookup(deps.db);
  deps.tracking.positionSink = {
    onDriverPosition: (driver, position) => service.onDriverPosition(driver, position),
  };
  deps.orders.etaProvider = (orderId) => service.etaForOrder(orderId);

  const loops = startLoops(dispatcher, service, config.dispatch.tickMs, log);
  registerMetrics(deps.registry, service);

  const fleet =
    config.simulatedDrivers > 0
      ? new SimulatedFleet({
          db: deps.db,
          service,
          tracking: deps.tracking,
          drivers: config.simulatedDrivers,
          speed: config.simSpeed,
          log: log.child({ component: "simulated-fleet" }),
        })
      : undefined;
  if (fleet) {
    void fleet.start().catch((error) => log.error({ err: error }, "simulated fleet failed to start"));
  }

  return {
    service,
    fleet,
    async close() {
      await fleet?.stop();
      await loops.stop();
      await service.settled();
      // The index shares the platform's Redis connection (which the platform closes): close() only flushes.
      await index.close();
    },
  };
}

function registerMetrics(registry: Registry, service: DeliveryService): void {
  new Gauge({
    name: "dispatch_positions_total",
    help: "Driver positions fed to the dispatch index on this node, by outcome (accepted, invalid, future, stale, unknown_driver)",
    labelNames: ["outcome"],
    registers: [registry],
    collect() {
      const s = service.positionStats;
      this.set({ outcome: "accepted" }, s.accepted);
      this.set({ outcome: "invalid" }, s.refused.invalid);
      this.set({ outcome: "future" }, s.refused.future);
      this.set({ outcome: "stale" }, s.refused.stale);
      this.set({ outcome: "unknown_driver" }, s.unknownDriver);
    },
  });
  new Gauge({
    name: "dispatch_index_events_total",
    help: "Dispatch index counters on this node (claims won/lost, offers expired)",
    labelNames: ["event"],
    registers: [registry],
    collect() {
      const m = service.index.metrics();
      this.set({ event: "claims_won" }, m.claimsWon);
      this.set({ event: "claims_lost" }, m.claimsLost);
      this.set({ event: "offers_expired" }, m.offersExpired);
    },
  });
}

/**
 * The driver index (Redis when the platform has it, in-process otherwise) and a Dispatcher over it, with one
 * dispatch zone per store (zoneOf): its drivers, its deliveries, its region's driving speed.
 */
async function createDispatch(
  db: Kysely<Database>,
  redis: RedisClient | undefined,
  config: Config,
  log: Logger,
) {
  const stores = [...(await storesForDispatch(db)).values()];
  const speeds: Record<string, SpeedModel> = {};
  for (const s of stores) speeds[zoneOf(s.id)] = { speedKmh: s.driverSpeedKmh, roadFactor: 1.35, stopS: 120 };
  // Keys live under the platform connection's own prefix too (tests give every platform a random one).
  const index = createDriverIndex({
    ...(redis ? { redis, keyPrefix: "dispatch:" } : {}),
    staleAfterMs: config.dispatch.staleAfterMs,
  });
  let tickFailures = 0;
  let lastTickWarning = 0;
  const dispatcher = new Dispatcher({
    index,
    eta: new EtaModel(speeds),
    offerTimeoutMs: config.dispatch.offerTimeoutMs,
    regions: stores.map((s) => zoneOf(s.id)),
    onError: (error) => {
      // Redis away: every tick fails until it is back; say so every 30 s, not every second.
      tickFailures++;
      if (Date.now() - lastTickWarning < 30_000) return;
      lastTickWarning = Date.now();
      log.warn({ err: error, failures: tickFailures }, "dispatch tick failed");
      tickFailures = 0;
    },
  });
  return { index, dispatcher };
}

/** The dispatch tick every `tickMs` and the repair sweep every 10 s (none when tickMs is 0, as in tests). */
function startLoops(dispatcher: Dispatcher, service: DeliveryService, tickMs: number, log: Logger) {
  const timers: NodeJS.Timeout[] = [];
  let ticking: Promise<unknown> = Promise.resolve();
  if (tickMs > 0) {
    timers.push(
      setInterval(() => {
        ticking = dispatcher.tick();
      }, tickMs),
    );
    let sweeping = false;
    timers.push(
      setInterval(() => {
        if (sweeping) return;
        sweeping = true;
        void service
          .sweep()
          .catch((error) => log.warn({ err: error }, "delivery sweep failed"))
          .finally(() => {
            sweeping = false;
          });
      }, 10_000),
    );
  }
  return {
    async stop() {
      for (const t of timers) clearInterval(t);
      await ticking.catch(() => undefined);
    },
  };
}
