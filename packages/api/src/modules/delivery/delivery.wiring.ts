import type { Database, Kysely } from "@pizza/db";
import {
  createDriverIndex,
  Dispatcher,
  EtaModel,
  NO_ZONES,
  type RedisClient,
  type RedisZoneLeases,
  type SpeedModel,
  type ZoneGate,
} from "@pizza/dispatch";
import type { Logger } from "pino";
import type { Registry } from "prom-client";
import type { Config } from "../../env.ts";
import type { EventsRuntime } from "../../events/consumers.ts";
import type { BlobStore } from "../../infra/blob-store.ts";
import type { TrackingService } from "../../realtime/tracking.ts";
import type { OrdersService } from "../orders/orders.service.ts";
import type { PaymentsService } from "../payments/payments.service.ts";
import type { ReviewsService } from "../reviews/reviews.service.ts";
import { storesForDispatch } from "../stores/store-for-dispatch.ts";
import { DeliveryService } from "./delivery.service.ts";
import { zoneOf } from "./delivery-context.ts";
import { deliveryLookup } from "./delivery-lookup.ts";
import { createZoneLeases, registerDispatchConsumers, startDispatchLoops } from "./dispatch-engine.ts";
import { registerDispatchMetrics } from "./dispatch-metrics.ts";
import { SimulatedFleet } from "./simulated-fleet.ts";

/**
 * Where this process stands in dispatch:
 * - `embedded`: an API node with DISPATCH=on (the default): serves drivers and runs the engine for
 *   every zone, as every node always did (several such nodes race safely, per delivery, in the index);
 * - `api`: an API node with DISPATCH=off: serves drivers (positions, accept/decline, pick-up,
 *   drop-off, staff overrides) and decides nothing: no tick, no repair sweep, no kitchen-event consumers;
 * - `dispatcher`: a stand-alone dispatcher (`npm run dispatcher`): the engine for the zones whose lease it holds.
 */
export type DispatchRole = "embedded" | "api" | "dispatcher";

export interface DeliveryWiring {
  service: DeliveryService;
  fleet: SimulatedFleet | undefined;
  /** A stand-alone dispatcher's zone leases (undefined on API nodes). */
  leases: RedisZoneLeases | undefined;
  close(): Promise<void>;
}

/**
 * Builds dispatch for this process and plugs it into the platform: the driver index (Redis when the
 * platform has it, in-process otherwise), a Dispatcher whose outcomes are persisted by the delivery
 * service, the position sink, metrics; where the role runs the engine, the event consumers that start
 * dispatch, the tick, the repair sweep (and a dispatcher's zone leases); the simulated fleet when
 * SIM_DRIVERS > 0 on an embedded node.
 */
export async function createDelivery(deps: {
  role: DispatchRole;
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
  const { config, log, role } = deps;
  const leases = await startLeases(deps);
  const zones = role === "api" ? NO_ZONES : leases;
  const { index, dispatcher } = await createDispatch(deps.db, deps.redis, config, log, zones);
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

  const engine = role !== "api";
  if (engine) registerDispatchConsumers(deps.events, service);
  deps.tracking.deliveries = deliveryLookup(deps.db);
  deps.tracking.positionSink = {
    onDriverPosition: (driver, position) => service.onDriverPosition(driver, position),
  };
  deps.orders.etaProvider = (orderId) => service.etaForOrder(orderId);

  const loops = engine
    ? startDispatchLoops(dispatcher, service, { tickMs: config.dispatch.tickMs, zones: leases, log })
    : undefined;
  registerDispatchMetrics(deps.registry, service, leases);

  // The fleet answers offers from the listeners of the process that records them: only where the engine runs too.
  if (config.simulatedDrivers > 0 && role === "api")
    log.warn(
      "SIM_DRIVERS is ignored with DISPATCH=off: simulated drivers need the engine in the same process",
    );
  const fleet =
    config.simulatedDrivers > 0 && role === "embedded"
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
    leases,
    async close() {
      await fleet?.stop();
      await loops?.stop();
      // Handed back at once, so the other dispatchers take the zones without waiting for the TTL.
      await leases?.stop({ release: true });
      await service.settled();
      // The index shares the platform's Redis connection (which the platform closes): close() only flushes.
      await index.close();
    },
  };
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
  zones: ZoneGate | undefined,
) {
  const stores = [...(await storesForDispatch(db)).values()];
  const speeds: Record<string, SpeedModel> = {};
  for (const s of stores) speeds[zoneOf(s.id)] = { speedKmh: s.driverSpeedKmh, roadFactor: 1.35, stopS: 120 };
  // Keys live under the platform connection's own prefix too (tests give every platform a random one).
  const index = createDriverIndex({
    // Positions wait up to 10 ms to share a script call: a steady 1 Hz fleet then costs Redis (and this node's
    // event loop) a hundred calls a second rather than one per position; dispatch never needs them sooner.
    ...(redis ? { redis, keyPrefix: "dispatch:", ingestWindowMs: 10 } : {}),
    staleAfterMs: config.dispatch.staleAfterMs,
    maxDeliveriesPerDriver: config.dispatch.batching ? 2 : 1,
  });
  let tickFailures = 0;
  let lastTickWarning = 0;
  const dispatcher = new Dispatcher({
    index,
    eta: new EtaModel(speeds),
    offerTimeoutMs: config.dispatch.offerTimeoutMs,
    batching: config.dispatch.batching,
    batchRules: config.dispatch.batchRules,
    regions: stores.map((s) => zoneOf(s.id)),
    ...(zones ? { zones } : {}),
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

/** A stand-alone dispatcher's zone leases, running (its first round done) before the engine starts. */
async function startLeases(deps: {
  role: DispatchRole;
  redis: RedisClient | undefined;
  db: Kysely<Database>;
  config: Config;
  log: Logger;
}): Promise<RedisZoneLeases | undefined> {
  if (deps.role !== "dispatcher") return undefined;
  if (!deps.redis) throw new Error("a stand-alone dispatcher needs Redis (REDIS_URL) for its zone leases");
  const leases = createZoneLeases(
    deps.redis,
    deps.db,
    deps.config,
    deps.log.child({ component: "zone-leases" }),
  );
  await leases.start();
  return leases;
}
