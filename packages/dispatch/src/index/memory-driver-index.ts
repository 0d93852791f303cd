import { latLngToCell } from "h3-js";
import { type Clock, systemClock } from "../clock.ts";
import type { LatLng } from "../geo.ts";
import {
  type ClaimOptions,
  type ClaimResult,
  type DeliveryRecord,
  DRIVER_CELL_RESOLUTION,
  type DriverIndex,
  type DriverSnapshot,
  type DriverStatus,
  deriveState,
  type ExpiredOffer,
  emptyMetrics,
  type IndexMetrics,
  type IngestOptions,
  type IngestResult,
  type NearestDriver,
  type NearestQuery,
  type PositionUpdate,
  type PutRequestOptions,
  type ReleaseReason,
  SEARCH_CELL_RESOLUTION,
  type TransitionResult,
} from "./driver-index.ts";
import type { DriverRecord, RegionState } from "./memory-state.ts";
import {
  backToWaiting,
  companionsCurrent,
  offerHas,
  offerIds,
  waitingBefore,
  writeCompanions,
} from "./memory-trip.ts";
import {
  DEFAULT_MAX_CLOCK_SKEW_MS,
  DEFAULT_STALE_AFTER_MS,
  type DriverIndexOptions,
  precheck,
  toStored,
} from "./position.ts";
import { ringSearch } from "./ring-search.ts";

export interface MemoryDriverIndexOptions extends DriverIndexOptions {
  /** H3 resolution of the search buckets. Default `SEARCH_CELL_RESOLUTION`. */
  searchResolution?: number;
}

/**
 * The in-process adapter: the embedded default, and the reference the Redis adapter is tested
 * against. Everything runs synchronously inside one method call, which is what makes claims atomic.
 */
export class MemoryDriverIndex implements DriverIndex {
  readonly staleAfterMs: number;
  private readonly clock: Clock;
  private readonly maxSkewMs: number;
  readonly maxDeliveriesPerDriver: number;
  private readonly regions = new Map<string, RegionState>();
  private readonly counters: IndexMetrics = emptyMetrics();

  private readonly searchRes: number;

  constructor(opts: MemoryDriverIndexOptions = {}) {
    this.searchRes = opts.searchResolution ?? SEARCH_CELL_RESOLUTION;
    this.clock = opts.clock ?? systemClock;
    this.staleAfterMs = opts.staleAfterMs ?? DEFAULT_STALE_AFTER_MS;
    this.maxSkewMs = opts.maxClockSkewMs ?? DEFAULT_MAX_CLOCK_SKEW_MS;
    this.maxDeliveriesPerDriver = opts.maxDeliveriesPerDriver ?? 1;
  }

  private region(region: string): RegionState {
    let r = this.regions.get(region);
    if (!r) {
      r = {
        drivers: new Map(),
        buckets: new Map(),
        bucketOf: new Map(),
        requests: new Map(),
        pending: new Map(),
        offers: new Map(),
      };
      this.regions.set(region, r);
    }
    return r;
  }

  private claimable(d: DriverRecord): boolean {
    return d.status === "available" && d.offer === null && d.deliveries.length < this.maxDeliveriesPerDriver;
  }

  /** Keeps the search buckets equal to "claimable drivers with a position" (Redis: the avail geo set). */
  private sync(r: RegionState, driverId: string, d: DriverRecord): void {
    const want = d.bucket !== null && d.pos && this.claimable(d) ? d.bucket : undefined;
    const have = r.bucketOf.get(driverId);
    if (have !== undefined && want !== have) {
      const set = r.buckets.get(have);
      set?.delete(driverId);
      if (set && set.size === 0) r.buckets.delete(have);
      r.bucketOf.delete(driverId);
    }
    if (want !== undefined && d.pos) {
      let set = r.buckets.get(want);
      if (!set) {
        set = new Map();
        r.buckets.set(want, set);
      }
      set.set(driverId, d.pos);
      r.bucketOf.set(driverId, want);
    }
  }

  private fresh(d: DriverRecord, now: number): boolean {
    return d.pos !== null && d.pos.receivedAt >= now - this.staleAfterMs;
  }

  private snapshot(driverId: string, region: string, d: DriverRecord): DriverSnapshot {
    return {
      driverId,
      region,
      status: d.status,
      state: deriveState(d.status, d.offer, d.deliveries),
      offer: d.offer ? { ...d.offer } : null,
      deliveries: [...d.deliveries],
      position: d.pos ? { ...d.pos } : null,
      fresh: this.fresh(d, this.clock.now()),
    };
  }

  async ingest(
    driverId: string,
    region: string,
    pos: PositionUpdate,
    opts: IngestOptions = {},
  ): Promise<IngestResult> {
    const now = this.clock.now();
    const refusal = precheck(pos, now, this.maxSkewMs);
    if (refusal) {
      this.counters.refused[refusal]++;
      return { accepted: false, reason: refusal };
    }
    const r = this.region(region);
    let d = r.drivers.get(driverId);
    if (d?.pos && pos.ts <= d.pos.ts) {
      this.counters.refused.stale++;
      return { accepted: false, reason: "stale" };
    }
    if (!d) {
      d = { status: opts.statusIfUnknown ?? "offline", offer: null, deliveries: [], pos: null, bucket: null };
      r.drivers.set(driverId, d);
    }
    d.pos = toStored(pos, now);
    d.bucket =
      this.searchRes === DRIVER_CELL_RESOLUTION ? d.pos.cell : latLngToCell(pos.lat, pos.lng, this.searchRes);
    this.sync(r, driverId, d);
    this.counters.accepted++;
    return { accepted: true, cell: d.pos.cell };
  }

  async setStatus(driverId: string, region: string, status: DriverStatus): Promise<DriverSnapshot> {
    const r = this.region(region);
    let d = r.drivers.get(driverId);
    if (!d) {
      d = { status, offer: null, deliveries: [], pos: null, bucket: null };
      r.drivers.set(driverId, d);
    }
    d.status = status;
    this.sync(r, driverId, d);
    return this.snapshot(driverId, region, d);
  }

  async getDriver(driverId: string, region: string): Promise<DriverSnapshot | null> {
    const d = this.regions.get(region)?.drivers.get(driverId);
    return d ? this.snapshot(driverId, region, d) : null;
  }

  async nearest(region: string, point: LatLng, query: NearestQuery): Promise<NearestDriver[]> {
    return this.nearestSync(region, point, query);
  }

  /** Synchronous core of `nearest`, exposed so the benchmark can time the search alone. */
  nearestSync(region: string, point: LatLng, query: NearestQuery): NearestDriver[] {
    const r = this.regions.get(region);
    if (!r || query.limit <= 0) return [];
    const minHeartbeat = this.clock.now() - this.staleAfterMs;
    const exclude = query.exclude && query.exclude.length > 0 ? new Set(query.exclude) : null;
    const found = ringSearch(
      point,
      query.radiusM,
      query.limit,
      this.searchRes,
      r.buckets,
      (id, pos) => pos.receivedAt >= minHeartbeat && !exclude?.has(id),
    );
    return found.map((c) => ({ driverId: c.id, distanceM: c.distanceM, position: { ...c.position } }));
  }

  async claim(
    region: string,
    driverId: string,
    deliveryId: string,
    opts: ClaimOptions,
  ): Promise<ClaimResult> {
    const r = this.region(region);
    const result = this.claimSync(r, driverId, deliveryId, opts);
    if (result.ok) this.counters.claimsWon++;
    else this.counters.claimsLost++;
    return result;
  }

  private claimSync(r: RegionState, driverId: string, deliveryId: string, opts: ClaimOptions): ClaimResult {
    if (opts.record) {
      const current = r.requests.get(deliveryId);
      if (!current || current.version !== opts.record.expectedVersion)
        return { ok: false, reason: "request_changed" };
    }
    if (!companionsCurrent(r.requests, opts)) return { ok: false, reason: "request_changed" };
    const d = r.drivers.get(driverId);
    if (!d) return { ok: false, reason: "unknown_driver" };
    const trip = opts.companions?.map((c) => c.deliveryId) ?? [];
    if (!this.claimable(d) || d.deliveries.length + 1 + trip.length > this.maxDeliveriesPerDriver)
      return { ok: false, reason: "not_available" };
    if (!this.fresh(d, this.clock.now())) return { ok: false, reason: "stale" };
    d.offer = { deliveryId, deadline: opts.deadline, ...(trip.length > 0 ? { companions: trip } : {}) };
    writeCompanions(r.requests, r.pending, opts);
    r.offers.set(`${driverId}\n${deliveryId}`, opts.deadline);
    this.sync(r, driverId, d);
    if (opts.record) {
      r.requests.set(deliveryId, {
        ...structuredClone(opts.record.next),
        version: opts.record.expectedVersion + 1,
      });
      r.pending.delete(deliveryId);
    }
    return { ok: true };
  }

  async confirm(region: string, driverId: string, deliveryId: string): Promise<TransitionResult> {
    const r = this.region(region);
    const d = r.drivers.get(driverId);
    if (!d || !offerHas(d.offer, deliveryId)) return { ok: false, reason: "no_such_offer" };
    // Past its deadline the offer belongs to the sweeper, which will hand the delivery to someone else.
    if (this.clock.now() > d.offer.deadline) return { ok: false, reason: "expired" };
    const ids = offerIds(d.offer);
    r.offers.delete(`${driverId}\n${d.offer.deliveryId}`);
    d.offer = null;
    d.deliveries.push(...ids);
    this.sync(r, driverId, d);
    for (const id of ids) {
      const rec = r.requests.get(id);
      if (rec && rec.status === "offered" && rec.driverId === driverId) {
        rec.status = "assigned";
        rec.offerDeadline = null;
        rec.version++;
        r.pending.delete(id);
      }
    }
    return { ok: true };
  }

  async release(
    region: string,
    driverId: string,
    deliveryId: string,
    reason: ReleaseReason,
  ): Promise<boolean> {
    const r = this.region(region);
    const d = r.drivers.get(driverId);
    if (!d) return false;
    let others: string[] = [];
    if (offerHas(d.offer, deliveryId)) {
      others = offerIds(d.offer).filter((x) => x !== deliveryId);
      r.offers.delete(`${driverId}\n${d.offer.deliveryId}`);
      d.offer = null;
    } else if (d.deliveries.includes(deliveryId)) {
      d.deliveries = d.deliveries.filter((x) => x !== deliveryId);
    } else {
      return false;
    }
    this.sync(r, driverId, d);
    const rec = r.requests.get(deliveryId);
    if (rec && rec.driverId === driverId && (rec.status === "offered" || rec.status === "assigned")) {
      rec.driverId = null;
      rec.offerDeadline = null;
      rec.version++;
      if (reason === "declined") {
        rec.status = "waiting";
        rec.declined.push(driverId);
        r.pending.set(deliveryId, this.clock.now());
      } else {
        rec.status = "cancelled";
        r.pending.delete(deliveryId);
      }
      if (reason === "declined") rec.trip = null;
    }
    // The rest of a trip declined (by the driver) or left without its cancelled stop: offered afresh.
    const mark = reason === "declined" ? "declined" : null;
    for (const x of others) backToWaiting(r.requests, r.pending, driverId, x, this.clock.now(), mark);
    return true;
  }

  async complete(region: string, driverId: string, deliveryId: string): Promise<boolean> {
    const r = this.region(region);
    const d = r.drivers.get(driverId);
    if (!d?.deliveries.includes(deliveryId)) return false;
    d.deliveries = d.deliveries.filter((x) => x !== deliveryId);
    this.sync(r, driverId, d);
    const rec = r.requests.get(deliveryId);
    if (rec && rec.driverId === driverId && rec.status === "assigned") {
      rec.status = "completed";
      rec.version++;
    }
    return true;
  }

  async putRequest(record: DeliveryRecord, opts: PutRequestOptions): Promise<boolean> {
    const r = this.region(record.region);
    const current = r.requests.get(record.deliveryId);
    if (opts.expectedVersion === null ? current !== undefined : current?.version !== opts.expectedVersion) {
      return false;
    }
    const version = opts.expectedVersion === null ? 1 : opts.expectedVersion + 1;
    r.requests.set(record.deliveryId, { ...structuredClone(record), version });
    if (opts.dueAt === null) r.pending.delete(record.deliveryId);
    else r.pending.set(record.deliveryId, opts.dueAt);
    return true;
  }

  async getRequest(region: string, deliveryId: string): Promise<DeliveryRecord | null> {
    const rec = this.regions.get(region)?.requests.get(deliveryId);
    return rec ? structuredClone(rec) : null;
  }

  async waitingBefore(region: string, until: number, max: number): Promise<DeliveryRecord[]> {
    const r = this.regions.get(region);
    return r ? waitingBefore(r.requests, r.pending, until, max) : [];
  }

  async leaseDue(region: string, now: number, leaseMs: number, max: number): Promise<DeliveryRecord[]> {
    const r = this.regions.get(region);
    if (!r) return [];
    const due = [...r.pending].filter(([, at]) => at <= now).sort((a, b) => a[1] - b[1]);
    const out: DeliveryRecord[] = [];
    for (const [id] of due.slice(0, max)) {
      r.pending.set(id, now + leaseMs);
      const rec = r.requests.get(id);
      if (rec) out.push(structuredClone(rec));
      else r.pending.delete(id);
    }
    return out;
  }

  async expireOffers(region: string, now: number, max: number): Promise<ExpiredOffer[]> {
    const r = this.regions.get(region);
    if (!r) return [];
    const due = [...r.offers].filter(([, at]) => at <= now).sort((a, b) => a[1] - b[1]);
    const out: ExpiredOffer[] = [];
    for (const [member, deadline] of due.slice(0, max)) {
      r.offers.delete(member);
      const [driverId = "", deliveryId = ""] = member.split("\n");
      const d = r.drivers.get(driverId);
      let companions: string[] = [];
      if (d && d.offer?.deliveryId === deliveryId) {
        companions = d.offer.companions ?? [];
        d.offer = null;
        this.sync(r, driverId, d);
      }
      for (const x of companions) backToWaiting(r.requests, r.pending, driverId, x, now, "timedOut");
      const rec = r.requests.get(deliveryId);
      if (rec && rec.status === "offered" && rec.driverId === driverId) {
        rec.status = "waiting";
        rec.driverId = null;
        rec.offerDeadline = null;
        rec.timedOut.push(driverId);
        rec.trip = null;
        rec.version++;
        r.pending.set(deliveryId, now);
      }
      this.counters.offersExpired++;
      out.push({ deliveryId, driverId, deadline, companions });
    }
    return out;
  }

  metrics(): IndexMetrics {
    return structuredClone(this.counters);
  }

  async close(): Promise<void> {}
}
