import { DEFAULT_BATCH_RULES } from "./batch-decision.ts";
import { type Clock, systemClock } from "./clock.ts";
import type {
  DeliveryRequest,
  DispatchEvent,
  DispatcherOptions,
  DispatchListener,
  TickReport,
} from "./dispatch-types.ts";
import { type DeliveryEta, EtaModel } from "./eta.ts";
import { haversineM } from "./geo.ts";
import type {
  ClaimResult,
  DeliveryRecord,
  DriverIndex,
  Fence,
  TransitionResult,
} from "./index/driver-index.ts";
import type { ZoneGate } from "./lease/zone-leases.ts";
import { type AttemptContext, type AttemptOutcome, attemptOffer } from "./offer-attempt.ts";
import { explainChoice, rankCandidate, round } from "./ranking.ts";
import { type TripPosition, tripEtaFor } from "./trip-eta.ts";

export type { DeliveryRequest, DispatchEvent, DispatcherOptions, DispatchListener, TickReport };

/**
 * Turns delivery requests into offers and assignments. All of its state lives in the index, so any
 * number of API nodes may run a Dispatcher over the same Redis: offers made on one node expire on
 * whichever node ticks first, exactly once. With `zones` (a ZoneGate: leases shared by dispatcher
 * processes) it decides only for the zones it holds, every decision fenced by the lease's token; a
 * request for another zone is put in the index, due, for the holder's tick.
 */
export class Dispatcher {
  private readonly index: DriverIndex;
  private readonly clock: Clock;
  readonly eta: EtaModel;
  private readonly offerTimeoutMs: number;
  private readonly searchRadiusM: number;
  private readonly candidateLimit: number;
  private readonly retryAfterMs: number;
  private readonly leaseMs: number;
  private readonly lookaheadMs: number;
  private readonly regions: Set<string>;
  private readonly listeners = new Set<DispatchListener>();
  private readonly onError: (err: unknown) => void;
  readonly batching: boolean;
  private ticking: Promise<TickReport> | null = null;
  private readonly attemptContext: AttemptContext;
  private readonly gate: ZoneGate | undefined;

  constructor(opts: DispatcherOptions) {
    this.index = opts.index;
    this.clock = opts.clock ?? systemClock;
    this.eta = opts.eta ?? new EtaModel();
    this.offerTimeoutMs = opts.offerTimeoutMs ?? 30_000;
    this.searchRadiusM = opts.searchRadiusM ?? 10_000;
    this.candidateLimit = opts.candidateLimit ?? 10;
    this.retryAfterMs = opts.retryAfterMs ?? 15_000;
    this.leaseMs = opts.leaseMs ?? 10_000;
    this.lookaheadMs = opts.lookaheadMs ?? 20 * 60_000;
    this.regions = new Set(opts.regions ?? []);
    this.batching = opts.batching ?? false;
    this.gate = opts.zones;
    if (this.batching !== this.index.maxDeliveriesPerDriver > 1) {
      throw new Error(
        `batching is ${this.batching ? "on" : "off"} but the index allows ${this.index.maxDeliveriesPerDriver} deliveries per driver`,
      );
    }
    this.onError = opts.onError ?? (() => {});
    this.attemptContext = {
      index: this.index,
      clock: this.clock,
      eta: this.eta,
      offerTimeoutMs: this.offerTimeoutMs,
      searchRadiusM: this.searchRadiusM,
      candidateLimit: this.candidateLimit,
      retryAfterMs: this.retryAfterMs,
      batchRules: this.batching ? { ...DEFAULT_BATCH_RULES, ...opts.batchRules } : null,
      emit: (event) => this.emit(event),
    };
  }

  subscribe(listener: DispatchListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Starts (or, when called again for the same delivery, returns) an assignment. If the order is due
   * now it is searched for right away; otherwise `tick` starts it when the lookahead window opens.
   */
  async request(req: DeliveryRequest): Promise<DeliveryRecord> {
    const now = this.clock.now();
    this.regions.add(req.region);
    const readyAt = req.readyAt ?? now;
    const startAt = Math.max(now, readyAt - this.lookaheadMs);
    const record: DeliveryRecord = {
      deliveryId: req.deliveryId,
      region: req.region,
      pickup: { lat: req.pickup.lat, lng: req.pickup.lng },
      dropoff: { lat: req.dropoff.lat, lng: req.dropoff.lng },
      readyAt,
      createdAt: now,
      status: "waiting",
      driverId: null,
      offerDeadline: null,
      declined: [],
      timedOut: [],
      attempts: 0,
      version: 1,
      explanation: null,
    };
    const dueNow = startAt <= now;
    const { decides, fence } = this.decidesFor(req.region);
    // Created already leased by this node when due now (and it decides here), so a concurrent tick
    // elsewhere leaves it alone; otherwise due now, for the zone's holder to pick up on its next tick.
    const created = await this.index.putRequest(record, {
      expectedVersion: null,
      dueAt: dueNow ? now + (decides ? this.leaseMs : 0) : startAt,
    });
    if (!created) return this.bringForward(req.region, req.deliveryId, readyAt);
    if (dueNow && decides) await this.attempt(record, fence);
    return (await this.index.getRequest(req.region, req.deliveryId)) ?? record;
  }

  /**
   * A request for a delivery that already exists: when the order is now due earlier than the record
   * says (the kitchen beat its estimate, or `order.ready` arrived after the oven's estimate), a delivery
   * still waiting for the oven moves forward to the new time and is worked on now if due.
   */
  private async bringForward(region: string, deliveryId: string, readyAt: number): Promise<DeliveryRecord> {
    for (let i = 0; i < 5; i++) {
      const existing = await this.index.getRequest(region, deliveryId);
      if (!existing) throw new Error(`delivery ${deliveryId} vanished while being created`);
      if (existing.status !== "waiting" || readyAt >= existing.readyAt) return existing;
      const now = this.clock.now();
      const startAt = Math.max(now, readyAt - this.lookaheadMs);
      const dueNow = startAt <= now;
      const { decides, fence } = this.decidesFor(region);
      const next = { ...existing, readyAt };
      const moved = await this.index.putRequest(next, {
        expectedVersion: existing.version,
        dueAt: dueNow ? now + (decides ? this.leaseMs : 0) : startAt,
      });
      if (!moved) continue;
      const current = { ...next, version: existing.version + 1 };
      if (dueNow && decides) await this.attempt(current, fence);
      return (await this.index.getRequest(region, deliveryId)) ?? current;
    }
    return (await this.index.getRequest(region, deliveryId))!;
  }

  async status(region: string, deliveryId: string): Promise<DeliveryRecord | null> {
    return this.index.getRequest(region, deliveryId);
  }

  /**
   * Live ETAs for a delivery from its driver's last position (for delivery status screens). After
   * pick-up (which the API tracks) only the leg to the door remains.
   */
  async etaFor(
    region: string,
    deliveryId: string,
    opts: { pickedUp?: boolean } = {},
  ): Promise<(DeliveryEta & { driverId: string; trip?: TripPosition }) | null> {
    const rec = await this.index.getRequest(region, deliveryId);
    if (!rec?.driverId || (rec.status !== "assigned" && rec.status !== "offered")) return null;
    const driver = await this.index.getDriver(rec.driverId, region);
    if (!driver?.position) return null;
    if (rec.trip) {
      const stops = await Promise.all(rec.trip.stops.map((id) => this.index.getRequest(region, id)));
      const known = stops.filter((s): s is DeliveryRecord => s !== null);
      const eta = tripEtaFor(this.eta, rec, known, driver.position, this.clock.now(), opts.pickedUp ?? false);
      return { driverId: rec.driverId, ...eta };
    }
    if (opts.pickedUp) {
      return {
        driverId: rec.driverId,
        pickupS: 0,
        dropoffS: round(this.eta.travelS(region, driver.position, rec.dropoff)),
      };
    }
    const waitS = Math.max(0, rec.readyAt - this.clock.now()) / 1000;
    const eta = this.eta.delivery(region, driver.position, rec.pickup, rec.dropoff, waitS);
    return { driverId: rec.driverId, pickupS: round(eta.pickupS), dropoffS: round(eta.dropoffS) };
  }

  async accept(region: string, deliveryId: string, driverId: string): Promise<TransitionResult> {
    const res = await this.index.confirm(region, driverId, deliveryId);
    if (!res.ok) return res;
    // Accepting a trip accepts every stop on it (the index moved them all to the driver at once).
    const first = await this.index.getRequest(region, deliveryId);
    for (const id of first?.trip?.stops ?? [deliveryId]) {
      const rec = id === deliveryId ? first : await this.index.getRequest(region, id);
      const explanation = rec?.explanation ?? null;
      await this.emit({
        type: "accepted",
        deliveryId: id,
        region,
        driverId,
        at: this.clock.now(),
        explanation,
      });
    }
    return res;
  }

  /**
   * The driver said no: they are never offered this delivery again; the next nearest is, right away
   * (by the zone's holder on its next tick when this process does not decide for the zone).
   */
  async decline(region: string, deliveryId: string, driverId: string): Promise<boolean> {
    // Declining a trip declines every stop on it (the index puts them all back at once).
    const before = await this.index.getRequest(region, deliveryId);
    const stops = before?.status === "offered" && before.trip ? before.trip.stops : [deliveryId];
    const released = await this.index.release(region, driverId, deliveryId, "declined");
    if (!released) return false;
    for (const id of stops)
      await this.emit({ type: "declined", deliveryId: id, region, driverId, at: this.clock.now() });
    const { decides, fence } = this.decidesFor(region);
    for (const id of decides ? stops : []) {
      const rec = await this.index.getRequest(region, id);
      if (rec) await this.attempt(rec, fence);
    }
    return true;
  }

  async cancel(region: string, deliveryId: string): Promise<boolean> {
    for (let i = 0; i < 5; i++) {
      const rec = await this.index.getRequest(region, deliveryId);
      if (!rec || rec.status === "cancelled" || rec.status === "completed") return false;
      let done: boolean;
      if (rec.driverId && (rec.status === "offered" || rec.status === "assigned")) {
        done = await this.index.release(region, rec.driverId, deliveryId, "cancelled");
      } else {
        done = await this.index.putRequest(
          { ...rec, status: "cancelled", driverId: null, offerDeadline: null },
          { expectedVersion: rec.version, dueAt: null },
        );
      }
      if (done) {
        await this.emit({
          type: "cancelled",
          deliveryId,
          region,
          driverId: rec.driverId,
          at: this.clock.now(),
        });
        return true;
      }
    }
    return false;
  }

  async complete(region: string, deliveryId: string, driverId: string): Promise<boolean> {
    const done = await this.index.complete(region, driverId, deliveryId);
    if (done) await this.emit({ type: "completed", deliveryId, region, driverId, at: this.clock.now() });
    return done;
  }

  /**
   * Staff override: give the delivery to this driver now, taking it from whoever had it. The driver
   * must be available and fresh; the override is recorded in the explanation.
   */
  async assignTo(region: string, deliveryId: string, driverId: string): Promise<ClaimResult> {
    for (let i = 0; i < 5; i++) {
      let rec = await this.index.getRequest(region, deliveryId);
      if (!rec) return { ok: false, reason: "request_changed" };
      if (rec.driverId === driverId && rec.status === "assigned") return { ok: true };
      // Check the chosen driver first so a doomed override does not take the delivery from its driver.
      const target = await this.index.getDriver(driverId, region);
      if (!target) return { ok: false, reason: "unknown_driver" };
      if (target.state !== "available" && !(this.batching && target.state === "assigned")) {
        return { ok: false, reason: "not_available" };
      }
      if (!target.fresh) return { ok: false, reason: "stale" };
      if (rec.driverId && (rec.status === "offered" || rec.status === "assigned")) {
        await this.index.release(region, rec.driverId, deliveryId, "declined");
        rec = await this.index.getRequest(region, deliveryId);
        if (!rec) return { ok: false, reason: "request_changed" };
      }
      const now = this.clock.now();
      const driver = await this.index.getDriver(driverId, region);
      const distanceM = driver?.position ? haversineM(driver.position, rec.pickup) : Number.NaN;
      const cand = rankCandidate(this.eta, rec, driverId, distanceM, now);
      const explanation = explainChoice(
        this.eta,
        now,
        [cand],
        cand,
        rec,
        driver?.position ?? rec.pickup,
        [],
        "manual assignment by staff",
      );
      const deadline = now + this.offerTimeoutMs;
      const next: DeliveryRecord = {
        ...rec,
        status: "offered",
        driverId,
        offerDeadline: deadline,
        attempts: rec.attempts + 1,
        explanation,
      };
      const res = await this.index.claim(region, driverId, deliveryId, {
        deadline,
        record: { next, expectedVersion: rec.version },
      });
      if (!res.ok && res.reason === "request_changed") continue;
      if (!res.ok) return res;
      await this.emit({ type: "offer_made", deliveryId, region, driverId, deadline, explanation, at: now });
      await this.accept(region, deliveryId, driverId);
      return res;
    }
    return { ok: false, reason: "request_changed" };
  }

  /**
   * Expires offers past their deadline and works on due deliveries (new, declined, timed out, retries
   * after "no driver"). Idempotent and safe to run on every node at once; call it every second or so.
   */
  async tick(now = this.clock.now()): Promise<TickReport> {
    // A slow tick (Redis stalling) must not pile up behind a setInterval.
    if (this.ticking) return this.ticking;
    this.ticking = this.runTick(now).finally(() => {
      this.ticking = null;
    });
    return this.ticking;
  }

  private async runTick(now: number): Promise<TickReport> {
    const report: TickReport = { expired: 0, attempted: 0, offered: 0, noDriver: 0, deferred: 0, errors: 0 };
    for (const region of this.gate ? this.gate.held() : this.regions) {
      const { decides, fence } = this.decidesFor(region);
      if (!decides) continue;
      try {
        const expired = await this.index.expireOffers(region, now, 500, fence);
        for (const e of expired) {
          report.expired++;
          for (const deliveryId of [e.deliveryId, ...e.companions]) {
            await this.emit({ type: "expired", deliveryId, region, driverId: e.driverId, at: now });
          }
        }
        const due = await this.index.leaseDue(region, now, this.leaseMs, 200, fence);
        for (const rec of due) {
          report.attempted++;
          const outcome = await this.attempt(rec, fence);
          if (outcome === "offered") report.offered++;
          else if (outcome === "no_driver") report.noDriver++;
          else if (outcome === "deferred") report.deferred++;
        }
      } catch (err) {
        report.errors++;
        this.onError(err);
      }
    }
    return report;
  }

  /** One assignment attempt for a waiting delivery at `rec.version` (offer-attempt.ts). */
  private attempt(rec: DeliveryRecord, fence: Fence | undefined): Promise<AttemptOutcome> {
    return attemptOffer(this.attemptContext, rec, fence);
  }

  /** Whether this process decides for `zone` now, and the fencing token its writes carry. */
  private decidesFor(zone: string): { decides: boolean; fence: Fence | undefined } {
    if (!this.gate) return { decides: true, fence: undefined };
    const fence = this.gate.fenceFor(zone);
    return fence === null ? { decides: false, fence: undefined } : { decides: true, fence };
  }

  private async emit(event: DispatchEvent): Promise<void> {
    for (const l of this.listeners) {
      try {
        await l(event);
      } catch (err) {
        this.onError(err);
      }
    }
  }
}
