// The dispatcher's public shapes: what callers ask for, what it reports, and how it is configured.
import type { BatchRules } from "./batch-decision.ts";
import type { Clock } from "./clock.ts";
import type { EtaModel } from "./eta.ts";
import type { LatLng } from "./geo.ts";
import type { AssignmentExplanation, DriverIndex, TripRef } from "./index/driver-index.ts";
import type { ZoneGate } from "./lease/zone-leases.ts";

export interface DeliveryRequest {
  deliveryId: string;
  region: string;
  pickup: LatLng;
  dropoff: LatLng;
  /** When the kitchen expects the order to be ready (ms); may be in the future. Default: now. */
  readyAt?: number;
}

interface EventBase {
  deliveryId: string;
  region: string;
  at: number;
}

/** Outcomes the API persists (deliveries/offers tables, outbox) and pushes to apps. */
export type DispatchEvent =
  | (EventBase & {
      type: "offer_made";
      driverId: string;
      deadline: number;
      explanation: AssignmentExplanation;
      /** Offered with other deliveries as one trip (one event per stop, in route order). */
      trip?: TripRef;
    })
  | (EventBase & { type: "accepted"; driverId: string; explanation: AssignmentExplanation | null })
  | (EventBase & { type: "declined"; driverId: string })
  | (EventBase & { type: "expired"; driverId: string })
  | (EventBase & { type: "no_driver"; retryAt: number; explanation: AssignmentExplanation })
  | (EventBase & { type: "cancelled"; driverId: string | null })
  | (EventBase & { type: "completed"; driverId: string });

export type DispatchListener = (event: DispatchEvent) => void | Promise<void>;

export interface DispatcherOptions {
  index: DriverIndex;
  clock?: Clock;
  eta?: EtaModel;
  /** How long a driver has to accept. Default 30 s. */
  offerTimeoutMs?: number;
  /** How far from the pick-up to look for drivers. Default 10 km. */
  searchRadiusM?: number;
  /** Candidates ranked (and recorded in the explanation) per search. Default 10. */
  candidateLimit?: number;
  /** When nobody could be found, look again after this long. Default 15 s. */
  retryAfterMs?: number;
  /** How long one node owns a due delivery before another node may pick it up. Default 10 s. */
  leaseMs?: number;
  /** Earliest time before `readyAt` at which to start looking for a driver. Default 20 min. */
  lookaheadMs?: number;
  /** Regions `tick` sweeps besides the ones this node has seen requests for. */
  regions?: readonly string[];
  /**
   * Lets a driver who already holds a delivery be offered another. Off by default. The index enforces
   * it (its `maxDeliveriesPerDriver` must be > 1 exactly when this is on), so the two cannot disagree.
   */
  batching?: boolean;
  /** With batching on: when two orders of a store share a trip. Defaults: DEFAULT_BATCH_RULES. */
  batchRules?: Partial<BatchRules>;
  /**
   * Zone leases shared by several dispatcher processes (RedisZoneLeases), or NO_ZONES for a process that
   * decides nothing. `tick` then sweeps only the zones held, every decision carries the lease's fencing
   * token, and requests and declines in other zones are left, due, to their holders. Unset: this
   * process decides for every zone (the embedded engine; several nodes then race, safely, per delivery).
   */
  zones?: ZoneGate;
  onError?: (err: unknown) => void;
}

export interface TickReport {
  expired: number;
  attempted: number;
  offered: number;
  noDriver: number;
  deferred: number;
  errors: number;
}
