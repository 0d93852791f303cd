// A stand-alone dispatcher (`npm run dispatcher`): the shared core (database, Redis, events, services)
// plus the dispatch engine for the zones whose lease it holds: ticks, repair sweep, oven-timed starts and
// the kitchen-event consumers. No HTTP API, no workers, no notifications: API nodes run those.
import type { Logger } from "pino";
import type { Config } from "./env.ts";
import type { EventsRuntime } from "./events/consumers.ts";
import type { Metrics } from "./infra/metrics.ts";
import { pingRedis } from "./infra/redis.ts";
import type { DeliveryWiring } from "./modules/delivery/delivery.wiring.ts";
import { databaseAnswers, type PlatformOverrides } from "./platform.ts";
import { createCore, createDeliveryFor } from "./platform-core.ts";

export interface DispatcherReadiness {
  ready: boolean;
  checks: { db: "ok" | "down"; redis: "ok" | "down" };
  /** This dispatcher's name in leases and heartbeats. */
  owner: string;
  zonesHeld: string[];
  dispatchersLive: number;
}

export interface DispatcherPlatform {
  config: Config;
  log: Logger;
  metrics: Metrics;
  delivery: DeliveryWiring;
  /** The dispatch consumers and the outbox relay; `events.start()` runs them. */
  events: EventsRuntime;
  readiness(): Promise<DispatcherReadiness>;
  close(): Promise<void>;
}

export async function createDispatcherPlatform(
  config: Config,
  overrides: PlatformOverrides = {},
): Promise<DispatcherPlatform> {
  const core = await createCore(config, overrides);
  const { log, db, redis, infra, events } = core;
  if (!redis) {
    await core.close();
    throw new Error("a stand-alone dispatcher needs Redis (REDIS_URL)");
  }
  const delivery = await createDeliveryFor(core, config, "dispatcher");
  const leases = delivery.leases!;
  return {
    config,
    log,
    metrics: infra.metrics,
    delivery,
    events,
    async readiness() {
      const [dbOk, redisOk] = await Promise.all([databaseAnswers(db), pingRedis(redis)]);
      return {
        ready: dbOk && redisOk,
        checks: { db: dbOk ? "ok" : "down", redis: redisOk ? "ok" : "down" },
        owner: leases.owner,
        zonesHeld: leases.held(),
        dispatchersLive: leases.live,
      };
    },
    async close() {
      await delivery.close();
      await core.close();
    },
  };
}
