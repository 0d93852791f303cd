import type { BatchExplanation } from "../batch-decision.ts";
import type { LatLng } from "../geo.ts";

/** What a driver chose: the dispatcher only ever offers work to `available` drivers. */
export type DriverStatus = "offline" | "available" | "break";

/** What a driver is doing right now, derived from their status, open offer and deliveries. */
export type DriverState = "offline" | "available" | "offered" | "assigned" | "break";

export interface PositionUpdate {
  lat: number;
  lng: number;
  heading?: number;
  speed?: number;
  accuracy?: number;
  /** Device timestamp, ms since epoch. Orders updates: older-or-equal to the last accepted one is stale. */
  ts: number;
}

export interface StoredPosition extends PositionUpdate {
  /** H3 cell at `DRIVER_CELL_RESOLUTION` (street-block sized). */
  cell: string;
  /** Server time the update was accepted: the heartbeat that freshness is judged by. */
  receivedAt: number;
}

export type RefusalReason = "invalid" | "future" | "stale";

export type IngestResult = { accepted: true; cell: string } | { accepted: false; reason: RefusalReason };

export interface IngestOptions {
  /**
   * Status to give a driver the index has no record of (e.g. after Redis lost its data). The driver
   * app sends its own status with each position, so a restarted index heals itself from traffic.
   */
  statusIfUnknown?: DriverStatus;
}

export interface DriverOffer {
  deliveryId: string;
  deadline: number;
  /** Deliveries offered with it as one trip (accepted, declined and expired together). */
  companions?: string[];
}

export interface DriverSnapshot {
  driverId: string;
  region: string;
  status: DriverStatus;
  state: DriverState;
  offer: DriverOffer | null;
  deliveries: string[];
  position: StoredPosition | null;
  /** Heartbeat younger than `staleAfterMs`. */
  fresh: boolean;
}

export interface NearestQuery {
  radiusM: number;
  limit: number;
  /** Drivers never to return (e.g. those who already declined this delivery). */
  exclude?: readonly string[];
}

export interface NearestDriver {
  driverId: string;
  /** Exact great-circle distance in metres. */
  distanceM: number;
  position: StoredPosition;
}

/** `fenced`: the zone's lease has passed to another dispatcher (or lapsed) since this fencing token was issued. */
export type ClaimRefusal = "not_available" | "stale" | "unknown_driver" | "request_changed" | "fenced";

export type ClaimResult = { ok: true } | { ok: false; reason: ClaimRefusal };

export type TransitionResult = { ok: true } | { ok: false; reason: "no_such_offer" | "expired" };

export type ReleaseReason = "declined" | "cancelled";

export type DeliveryStatus = "waiting" | "offered" | "assigned" | "completed" | "cancelled";

export interface CandidateExplanation {
  driverId: string;
  distanceM: number;
  pickupEtaS: number;
  score: number;
}

/** Why a driver was (or was not) chosen; kept on the record so staff can read it. */
export interface AssignmentExplanation {
  at: number;
  candidates: CandidateExplanation[];
  chosen: CandidateExplanation | null;
  dropoffEtaS: number;
  /** Candidates skipped because another delivery claimed them first. */
  lostRaces: string[];
  note: string;
  /** Whether this delivery was put on a trip with another one, and why (batch-decision.ts). */
  batch?: BatchExplanation;
}

/** A delivery's place on a trip: all its stops in route order (a trip is offered and claimed whole). */
export interface TripRef {
  tripId: string;
  stops: string[];
}

/** One delivery's assignment state, kept in the index so any API node can continue it. */
export interface DeliveryRecord {
  deliveryId: string;
  region: string;
  pickup: LatLng;
  dropoff: LatLng;
  readyAt: number;
  createdAt: number;
  status: DeliveryStatus;
  /** Offered or assigned driver. */
  driverId: string | null;
  offerDeadline: number | null;
  declined: string[];
  timedOut: string[];
  attempts: number;
  /** Bumped on every write; writers compare-and-set on it. */
  version: number;
  explanation: AssignmentExplanation | null;
  /** Set while the delivery is offered or assigned as part of a trip. */
  trip?: TripRef | null;
}

export interface ExpiredOffer {
  deliveryId: string;
  driverId: string;
  deadline: number;
  /** The rest of the trip offered with it, back to waiting too. */
  companions: string[];
}

/** A further delivery claimed with the first one, as one trip: all of them or none. */
export interface CompanionClaim {
  deliveryId: string;
  next: DeliveryRecord;
  expectedVersion: number;
}

export interface ClaimOptions {
  deadline: number;
  /** The delivery's record as it becomes once offered, written only if its stored version still matches. */
  record?: { next: DeliveryRecord; expectedVersion: number };
  /**
   * The rest of a trip: each record written only if its stored version still matches, together with
   * the first, and the driver must have room for all; otherwise nothing changes.
   */
  companions?: CompanionClaim[];
  /** The fencing token of the zone lease this decision is made under (see `Fence`). */
  fence?: Fence;
}

export interface PutRequestOptions {
  /** `null`: create only (returns false if it exists). A number: compare-and-set on `version`. */
  expectedVersion: number | null;
  /** When the dispatcher should next look at it; `null` takes it off the schedule. */
  dueAt: number | null;
  /** The fencing token of the zone lease this decision is made under (see `Fence`). */
  fence?: Fence;
}

/**
 * A zone lease's fencing token (zone-leases.ts). A write that carries one is refused unless the zone's
 * lease still holds exactly this token, so a dispatcher that lost its lease (paused, partitioned)
 * cannot decide for the zone any more. The in-process index has one process and no leases: it ignores it.
 */
export type Fence = number;

export interface IndexMetrics {
  accepted: number;
  refused: Record<RefusalReason, number>;
  claimsWon: number;
  claimsLost: number;
  offersExpired: number;
}

/**
 * The driver location & availability index, and the offer state the dispatcher keeps in it (one
 * store, so that a claim, its offer deadline and the delivery's record change in one atomic step).
 * Every method takes the region: keys are partitioned by it.
 */
export interface DriverIndex {
  readonly staleAfterMs: number;
  /** 1 unless batching is on: how many deliveries a driver may hold at once. */
  readonly maxDeliveriesPerDriver: number;
  ingest(driverId: string, region: string, pos: PositionUpdate, opts?: IngestOptions): Promise<IngestResult>;
  setStatus(driverId: string, region: string, status: DriverStatus): Promise<DriverSnapshot>;
  getDriver(driverId: string, region: string): Promise<DriverSnapshot | null>;
  /** Available, fresh drivers within `radiusM`, nearest first, at most `limit`. */
  nearest(region: string, point: LatLng, query: NearestQuery): Promise<NearestDriver[]>;
  /**
   * Atomically: driver available and fresh → offered this delivery (and its `companions`, one trip)
   * until `deadline`. Confirming, declining or expiring any delivery of a trip does it to all of them.
   */
  claim(region: string, driverId: string, deliveryId: string, opts: ClaimOptions): Promise<ClaimResult>;
  /** Offered → assigned (the driver accepted in time). */
  confirm(region: string, driverId: string, deliveryId: string): Promise<TransitionResult>;
  /** Ends an offer or assignment early; a declined delivery goes back on the schedule, now. */
  release(region: string, driverId: string, deliveryId: string, reason: ReleaseReason): Promise<boolean>;
  /** Assigned → delivered; the driver becomes available again (if their status still says so). */
  complete(region: string, driverId: string, deliveryId: string): Promise<boolean>;
  putRequest(record: DeliveryRecord, opts: PutRequestOptions): Promise<boolean>;
  getRequest(region: string, deliveryId: string): Promise<DeliveryRecord | null>;
  /** Waiting deliveries scheduled at or before `until` (without leasing them): partners for a trip. */
  waitingBefore(region: string, until: number, max: number): Promise<DeliveryRecord[]>;
  /** Due deliveries, each leased for `leaseMs` (pushed back on the schedule) so one node works on it. */
  /** Nothing when `fence` is given and no longer holds the zone's lease. */
  leaseDue(
    region: string,
    now: number,
    leaseMs: number,
    max: number,
    fence?: Fence,
  ): Promise<DeliveryRecord[]>;
  /** Pops offers past their deadline, frees their drivers, reschedules the deliveries: each pop happens once. */
  expireOffers(region: string, now: number, max: number, fence?: Fence): Promise<ExpiredOffer[]>;
  metrics(): IndexMetrics;
  close(): Promise<void>;
}

/** H3 resolution of a driver's cell: ~0.1 km² (edge ≈ 174 m), about GPS accuracy in a city street. */
export const DRIVER_CELL_RESOLUTION = 9;
/** Default H3 resolution of the in-process adapter's search buckets (see README: chosen by the benchmark). */
export const SEARCH_CELL_RESOLUTION = 9;

export function emptyMetrics(): IndexMetrics {
  return {
    accepted: 0,
    refused: { invalid: 0, future: 0, stale: 0 },
    claimsWon: 0,
    claimsLost: 0,
    offersExpired: 0,
  };
}

export function deriveState(
  status: DriverStatus,
  offer: DriverOffer | null,
  deliveries: readonly string[],
): DriverState {
  if (offer) return "offered";
  if (deliveries.length > 0) return "assigned";
  return status;
}
