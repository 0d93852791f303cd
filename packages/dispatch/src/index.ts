import { Redis } from "ioredis";
import type { DriverIndex } from "./index/driver-index.ts";
import { MemoryDriverIndex } from "./index/memory-driver-index.ts";
import type { DriverIndexOptions } from "./index/position.ts";
import { RedisDriverIndex } from "./index/redis-driver-index.ts";
import type { RedisClient } from "./redis-client.ts";

export {
  type BatchExplanation,
  type BatchOrder,
  type BatchRules,
  DEFAULT_BATCH_RULES,
  decideBatch,
} from "./batch-decision.ts";
export { type Clock, ManualClock, systemClock } from "./clock.ts";
export {
  type DeliveryRequest,
  type DispatchEvent,
  Dispatcher,
  type DispatcherOptions,
  type DispatchListener,
  type TickReport,
} from "./dispatcher.ts";
export { DEFAULT_SPEED_MODEL, type DeliveryEta, EtaModel, type SpeedModel } from "./eta.ts";
export { destination, haversineM, type LatLng } from "./geo.ts";
export * from "./index/driver-index.ts";
export { MemoryDriverIndex } from "./index/memory-driver-index.ts";
export type { DriverIndexOptions } from "./index/position.ts";
export { RedisDriverIndex, type RedisDriverIndexOptions } from "./index/redis-driver-index.ts";
export { zoneKeys } from "./index/redis-keys.ts";
export { NO_ZONES, RedisZoneLeases, type ZoneGate, type ZoneLeaseOptions } from "./lease/zone-leases.ts";
export {
  deleteByPrefix,
  deleteKeys,
  isCluster,
  keyPrefixOf,
  parseClusterNodes,
  type RedisClient,
  scanKeys,
} from "./redis-client.ts";
export * from "./simulator.ts";
export type { TripPosition } from "./trip-eta.ts";

export interface CreateDriverIndexOptions extends DriverIndexOptions {
  /** A connection (one server or a cluster) or a URL; without it the in-process index is used (the embedded default). */
  redis?: RedisClient | string;
  keyPrefix?: string;
  /** See `RedisDriverIndexOptions.ingestWindowMs`. */
  ingestWindowMs?: number;
}

export function createDriverIndex(opts: CreateDriverIndexOptions = {}): DriverIndex {
  const { redis, keyPrefix, ingestWindowMs, ...common } = opts;
  if (redis === undefined) return new MemoryDriverIndex(common);
  if (typeof redis === "string") {
    return new RedisDriverIndex(new Redis(redis), {
      ...common,
      keyPrefix,
      ingestWindowMs,
      ownsConnection: true,
    });
  }
  return new RedisDriverIndex(redis, { ...common, keyPrefix, ingestWindowMs });
}
