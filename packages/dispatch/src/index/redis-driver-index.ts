import { type Clock, systemClock } from "../clock.ts";
import { haversineM, type LatLng } from "../geo.ts";
import type { RedisClient } from "../redis-client.ts";
import {
  type ClaimOptions,
  type ClaimRefusal,
  type ClaimResult,
  type DeliveryRecord,
  type DriverIndex,
  type DriverSnapshot,
  type DriverStatus,
  deriveState,
  type ExpiredOffer,
  emptyMetrics,
  type Fence,
  type IndexMetrics,
  type IngestOptions,
  type IngestResult,
  type NearestDriver,
  type NearestQuery,
  type PositionUpdate,
  type PutRequestOptions,
  type ReleaseReason,
  type StoredPosition,
  type TransitionResult,
} from "./driver-index.ts";
import { IngestBatcher, type Queued } from "./ingest-batcher.ts";
import {
  DEFAULT_MAX_CLOCK_SKEW_MS,
  DEFAULT_STALE_AFTER_MS,
  type DriverIndexOptions,
  precheck,
  toStored,
} from "./position.ts";
import { decodeExpired, decodePos, decodeRecord, encodeCompanions, encodePos } from "./redis-encoding.ts";
import { zoneKeys } from "./redis-keys.ts";
import { SCRIPTS, type ScriptName } from "./redis-scripts.ts";

export interface RedisDriverIndexOptions extends DriverIndexOptions {
  /** Prepended to every key (outside the hash tag), so tests and tenants can share a server. */
  keyPrefix?: string;
  /** Close the connection in `close()` (true when the index opened it from a URL). */
  ownsConnection?: boolean;
  /** Most position updates folded into one script call. */
  maxIngestBatch?: number;
  /**
   * How long a position waits for others to share its script call: 0 (the default) folds those of one turn
   * of the event loop; a few ms fold a steady stream of positions (1,000 drivers at 1 Hz) into a hundred calls
   * a second instead of one per position.
   */
  ingestWindowMs?: number;
  /** First GEOSEARCH radius; doubles up to the query's radius. Default 500 m. */
  firstSearchRadiusM?: number;
}

type ScriptFn = (...args: (string | number)[]) => Promise<unknown>;

interface IngestItem {
  driverId: string;
  stored: StoredPosition;
  statusIfUnknown: string;
}

interface StoredDriver {
  s: DriverStatus;
  o: string;
  od: number;
  d: string[] | Record<string, never>;
  oc?: string[] | Record<string, never>;
}

/**
 * Redis adapter. Every key of a region carries the region as a hash tag (`{region}`), so a region's
 * keys live on one Redis Cluster shard and each Lua script touches one shard only.
 */
export class RedisDriverIndex implements DriverIndex {
  readonly staleAfterMs: number;
  private readonly clock: Clock;
  private readonly maxSkewMs: number;
  readonly maxDeliveriesPerDriver: number;
  private readonly prefix: string;
  private readonly counters: IndexMetrics = emptyMetrics();
  private readonly batcher: IngestBatcher<IngestItem, IngestResult>;
  private readonly firstRadiusM: number;

  constructor(
    readonly redis: RedisClient,
    private readonly opts: RedisDriverIndexOptions = {},
  ) {
    this.clock = opts.clock ?? systemClock;
    this.staleAfterMs = opts.staleAfterMs ?? DEFAULT_STALE_AFTER_MS;
    this.maxSkewMs = opts.maxClockSkewMs ?? DEFAULT_MAX_CLOCK_SKEW_MS;
    this.maxDeliveriesPerDriver = opts.maxDeliveriesPerDriver ?? 1;
    this.prefix = opts.keyPrefix ?? "dispatch:";
    this.batcher = new IngestBatcher((region, batch) => this.flushBatch(region, batch), {
      maxBatch: opts.maxIngestBatch ?? 500,
      windowMs: opts.ingestWindowMs ?? 0,
    });
    this.firstRadiusM = opts.firstSearchRadiusM ?? 500;
    for (const [name, [numberOfKeys, script]] of Object.entries(SCRIPTS)) {
      if (!(name in redis)) redis.defineCommand(name, { numberOfKeys, lua: script });
    }
  }

  /** Key names of a region; exposed for the benchmark and for tests that clean up. */
  keys(region: string) {
    return zoneKeys(this.prefix, region);
  }

  private run(name: ScriptName, ...args: (string | number)[]): Promise<unknown> {
    return (this.redis as unknown as Record<ScriptName, ScriptFn>)[name](...args);
  }

  private stateKeys(region: string): string[] {
    const k = this.keys(region);
    return [k.pos, k.drv, k.avail, k.offers, k.req, k.pending];
  }

  ingest(
    driverId: string,
    region: string,
    pos: PositionUpdate,
    opts: IngestOptions = {},
  ): Promise<IngestResult> {
    const now = this.clock.now();
    const refusal = precheck(pos, now, this.maxSkewMs);
    if (refusal) {
      this.counters.refused[refusal]++;
      return Promise.resolve({ accepted: false, reason: refusal });
    }
    return this.batcher.add(region, {
      driverId,
      stored: toStored(pos, now),
      statusIfUnknown: opts.statusIfUnknown ?? "",
    });
  }

  private async flushBatch(region: string, batch: Queued<IngestItem, IngestResult>[]): Promise<void> {
    const k = this.keys(region);
    const args: (string | number)[] = [k.pos, k.drv, k.avail, this.maxDeliveriesPerDriver];
    for (const { item } of batch) args.push(item.driverId, encodePos(item.stored), item.statusIfUnknown);
    try {
      const res = (await this.run("dispatchIngest", ...args)) as number[];
      batch.forEach((e, i) => {
        if (res[i] === 1) {
          this.counters.accepted++;
          e.resolve({ accepted: true, cell: e.item.stored.cell });
        } else {
          this.counters.refused.stale++;
          e.resolve({ accepted: false, reason: "stale" });
        }
      });
    } catch (err) {
      for (const e of batch) e.reject(err);
    }
  }

  async setStatus(driverId: string, region: string, status: DriverStatus): Promise<DriverSnapshot> {
    const k = this.keys(region);
    const [drv, pos] = (await this.run(
      "dispatchSetStatus",
      k.pos,
      k.drv,
      k.avail,
      driverId,
      status,
      this.maxDeliveriesPerDriver,
    )) as [string, string | null];
    return this.snapshot(driverId, region, drv, pos);
  }

  async getDriver(driverId: string, region: string): Promise<DriverSnapshot | null> {
    const k = this.keys(region);
    const [drv, pos] = await Promise.all([
      this.redis.hget(k.drv, driverId),
      this.redis.hget(k.pos, driverId),
    ]);
    return drv ? this.snapshot(driverId, region, drv, pos) : null;
  }

  private snapshot(
    driverId: string,
    region: string,
    drvJson: string,
    posString: string | null,
  ): DriverSnapshot {
    const d = JSON.parse(drvJson) as StoredDriver;
    const deliveries = Array.isArray(d.d) ? d.d : [];
    const companions = Array.isArray(d.oc) && d.oc.length > 0 ? { companions: d.oc } : {};
    const offer = d.o ? { deliveryId: d.o, deadline: d.od, ...companions } : null;
    const position = posString ? decodePos(posString) : null;
    return {
      driverId,
      region,
      status: d.s,
      state: deriveState(d.s, offer, deliveries),
      offer,
      deliveries,
      position,
      fresh: position !== null && position.receivedAt >= this.clock.now() - this.staleAfterMs,
    };
  }

  async nearest(region: string, point: LatLng, query: NearestQuery): Promise<NearestDriver[]> {
    if (query.limit <= 0) return [];
    const exclude = new Set(query.exclude ?? []);
    // A few extra beyond the limit: Redis ranks by its geohash-rounded coordinates, we re-rank exactly.
    const want = query.limit + exclude.size + 4;
    // Redis' Earth radius is 0.03 % larger than ours, and members are rounded to ~0.6 m.
    const searchRadius = query.radiusM * 1.0003 + 2;
    const flat = (await this.run(
      "dispatchNearest",
      this.keys(region).avail,
      this.keys(region).pos,
      point.lng,
      point.lat,
      searchRadius,
      want,
      this.clock.now() - this.staleAfterMs,
      this.firstRadiusM,
    )) as string[];
    const out: NearestDriver[] = [];
    for (let i = 0; i < flat.length; i += 2) {
      const driverId = flat[i]!;
      if (exclude.has(driverId)) continue;
      const position = decodePos(flat[i + 1]!);
      const distanceM = haversineM(point, position);
      if (distanceM <= query.radiusM) out.push({ driverId, distanceM, position });
    }
    out.sort((a, b) => a.distanceM - b.distanceM);
    return out.slice(0, query.limit);
  }

  async claim(
    region: string,
    driverId: string,
    deliveryId: string,
    opts: ClaimOptions,
  ): Promise<ClaimResult> {
    // The offers set's members are "driverId\ndeliveryId".
    if (driverId.includes("\n") || deliveryId.includes("\n"))
      throw new Error("ids must not contain a newline");
    const now = this.clock.now();
    const next = opts.record
      ? JSON.stringify({ ...opts.record.next, version: opts.record.expectedVersion + 1 })
      : "";
    const res = (await this.run(
      "dispatchClaim",
      ...this.stateKeys(region),
      this.keys(region).lease,
      driverId,
      deliveryId,
      now,
      now - this.staleAfterMs,
      opts.deadline,
      this.maxDeliveriesPerDriver,
      next,
      opts.record?.expectedVersion ?? "",
      opts.fence ?? "",
      encodeCompanions(opts.companions),
    )) as string;
    if (res === "ok") {
      this.counters.claimsWon++;
      return { ok: true };
    }
    this.counters.claimsLost++;
    return { ok: false, reason: res as ClaimRefusal };
  }

  async confirm(region: string, driverId: string, deliveryId: string): Promise<TransitionResult> {
    const res = (await this.run(
      "dispatchConfirm",
      ...this.stateKeys(region),
      driverId,
      deliveryId,
      this.clock.now(),
      this.maxDeliveriesPerDriver,
    )) as string;
    return res === "ok" ? { ok: true } : { ok: false, reason: res as "no_such_offer" | "expired" };
  }

  async release(
    region: string,
    driverId: string,
    deliveryId: string,
    reason: ReleaseReason,
  ): Promise<boolean> {
    const res = await this.run(
      "dispatchRelease",
      ...this.stateKeys(region),
      driverId,
      deliveryId,
      reason,
      this.clock.now(),
      this.maxDeliveriesPerDriver,
    );
    return res === 1;
  }

  async complete(region: string, driverId: string, deliveryId: string): Promise<boolean> {
    const res = await this.run(
      "dispatchComplete",
      ...this.stateKeys(region),
      driverId,
      deliveryId,
      this.maxDeliveriesPerDriver,
    );
    return res === 1;
  }

  async putRequest(record: DeliveryRecord, opts: PutRequestOptions): Promise<boolean> {
    const k = this.keys(record.region);
    const version = opts.expectedVersion === null ? 1 : opts.expectedVersion + 1;
    const res = await this.run(
      "dispatchPutRequest",
      k.req,
      k.pending,
      k.lease,
      record.deliveryId,
      JSON.stringify({ ...record, version }),
      opts.expectedVersion ?? "",
      opts.dueAt ?? "",
      opts.fence ?? "",
    );
    return res === 1;
  }

  async getRequest(region: string, deliveryId: string): Promise<DeliveryRecord | null> {
    const raw = await this.redis.hget(this.keys(region).req, deliveryId);
    return raw ? decodeRecord(raw) : null;
  }

  async waitingBefore(region: string, until: number, max: number): Promise<DeliveryRecord[]> {
    const k = this.keys(region);
    const raws = (await this.run("dispatchWaitingBefore", k.req, k.pending, until, max)) as string[];
    return raws.map(decodeRecord);
  }

  async leaseDue(
    region: string,
    now: number,
    leaseMs: number,
    max: number,
    fence?: Fence,
  ): Promise<DeliveryRecord[]> {
    const k = this.keys(region);
    const raws = (await this.run(
      "dispatchLeaseDue",
      k.req,
      k.pending,
      k.lease,
      now,
      leaseMs,
      max,
      fence ?? "",
    )) as string[];
    return raws.map(decodeRecord);
  }

  async expireOffers(region: string, now: number, max: number, fence?: Fence): Promise<ExpiredOffer[]> {
    const flat = (await this.run(
      "dispatchExpireOffers",
      ...this.stateKeys(region),
      this.keys(region).lease,
      now,
      max,
      this.maxDeliveriesPerDriver,
      fence ?? "",
    )) as string[];
    const out = decodeExpired(flat);
    this.counters.offersExpired += out.length;
    return out;
  }

  metrics(): IndexMetrics {
    return structuredClone(this.counters);
  }

  async close(): Promise<void> {
    if (this.opts.ownsConnection) await this.redis.quit().catch(() => this.redis.disconnect());
  }
}
