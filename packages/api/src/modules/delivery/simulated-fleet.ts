// The demo's drivers: N simulated drivers spread over the demo stores, moved by the dispatch
// simulator along street-like paths, sending positions through the same sink as the driver app's
// socket, accepting offers after a short human-like delay, and picking up and delivering through the
// very service methods the driver procedures call. Nothing here touches the dispatcher directly.
import type { Database, Kysely } from "@pizza/db";
import { haversineM, Simulator } from "@pizza/dispatch";
import type { Logger } from "pino";
import { AppError } from "../../errors.ts";
import type { DriverPosition } from "../../realtime/events.ts";
import type { TrackingService } from "../../realtime/tracking.ts";
import { ensureDemoDriverAccounts } from "../auth/driver-accounts.ts";
import type { AuthUser } from "../auth/tokens.ts";
import { handoverCodeOf } from "../orders/handover-code.ts";
import { storesForDispatch } from "../stores/store-for-dispatch.ts";
import type { CurrentDeliveryView, DeliveryService } from "./delivery.service.ts";
import { type Job, jobOf, nextLeg, withJob } from "./simulated-route.ts";

export interface SimulatedFleetOptions {
  db: Kysely<Database>;
  service: DeliveryService;
  tracking: TrackingService;
  /** How many drivers in all, spread round-robin over the stores. */
  drivers: number;
  /** Simulated seconds per real second (1 = real time; tests use 50 or more). */
  speed: number;
  log?: Logger | undefined;
  /** Only these store slugs (default: every store). */
  stores?: readonly string[] | undefined;
  /** Seconds a simulated driver takes to accept an offer (simulated time). Default 2–6 s. */
  acceptDelayS?: readonly [number, number];
  /** Cruising radius around the driver's store. Default 2.5 km. */
  radiusM?: number;
  seed?: number;
}

interface SimDriver {
  simId: string;
  user: AuthUser;
  storeId: string;
  sim: Simulator;
  lastTs: number;
  /** One delivery, or a trip's stops in route order (simulated-route.ts). */
  jobs: Job[];
  accepting: boolean;
  /** The trip last offered: its other stop's offer is answered by answering the first. */
  lastTrip: string | undefined;
}

const STORE_LEG = "|store";
const DOOR_LEG = "|door";

export class SimulatedFleet {
  private readonly bySim = new Map<string, SimDriver>();
  private readonly byUser = new Map<string, SimDriver>();
  private readonly sims: Simulator[] = [];
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private readonly pending = new Set<NodeJS.Timeout>();
  private stopped = true;
  private startedAt = 0;
  private unsubscribe: (() => void) | undefined;
  private unsubscribeAssigned: (() => void) | undefined;
  readonly counts = { offers: 0, accepted: 0, assigned: 0, pickedUp: 0, delivered: 0, errors: 0 };

  constructor(private readonly opts: SimulatedFleetOptions) {}

  get driverIds(): string[] {
    return [...this.byUser.keys()];
  }

  /** Simulated time: runs `speed` times faster than the wall clock from the fleet's start. */
  private simNow(): number {
    return this.startedAt + (Date.now() - this.startedAt) * this.opts.speed;
  }

  async start(): Promise<void> {
    if (!this.stopped) return;
    this.stopped = false;
    this.startedAt = Date.now();
    const users = await this.ensureDrivers();
    const byStore = new Map<string, typeof users>();
    for (const u of users) byStore.set(u.storeId, [...(byStore.get(u.storeId) ?? []), u]);
    let seed = this.opts.seed ?? 7;
    for (const [storeId, group] of byStore) {
      const centre = group[0]!.centre;
      const sim = new Simulator(
        {
          centre,
          drivers: group.length,
          radiusM: this.opts.radiusM ?? 2500,
          seed: seed++,
          idPrefix: `${storeId}#`,
        },
        {
          onPosition: (simId, pos) => this.onPosition(simId, pos),
          delivered: (simId, legId) => this.onLegDone(simId, legId),
        },
      );
      this.sims.push(sim);
      sim.driverIds.forEach((simId, i) => {
        const u = group[i]!;
        const d: SimDriver = {
          simId,
          user: { id: u.id, role: "driver", storeId: null, name: u.name },
          storeId,
          sim,
          lastTs: 0,
          jobs: [],
          accepting: false,
          lastTrip: undefined,
        };
        this.bySim.set(simId, d);
        this.byUser.set(u.id, d);
      });
    }
    this.unsubscribe = this.opts.service.onOffer((offer) => this.onOffer(offer));
    // A staff assignment comes without an offer: taken on exactly like an accepted one.
    this.unsubscribeAssigned = this.opts.service.onAssigned((a) => this.onAssigned(a));
    for (const d of this.byUser.values()) {
      // Positions first (the index learns where the driver is), then the shift.
      await d.sim.step(this.simNow());
      await this.opts.service.goOnline(d.user, { storeId: d.storeId });
      // Resume what a previous run left half-done.
      for (const cur of await this.opts.service.current(d.user)) this.hold(d, cur);
    }
    this.opts.log?.info({ drivers: this.byUser.size, speed: this.opts.speed }, "simulated fleet on the road");
    const every = this.opts.speed > 1 ? 250 : 1000;
    const loop = () => {
      if (this.stopped) return;
      this.running = this.tick()
        .catch((error) => {
          this.counts.errors++;
          this.opts.log?.warn({ err: error }, "simulated fleet step failed");
        })
        .finally(() => {
          this.running = undefined;
          if (!this.stopped) this.timer = setTimeout(loop, every);
        });
    };
    this.timer = setTimeout(loop, every);
  }

  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    this.unsubscribe?.();
    this.unsubscribeAssigned?.();
    if (this.timer) clearTimeout(this.timer);
    for (const t of this.pending) clearTimeout(t);
    this.pending.clear();
    await this.running;
  }

  /** One step: move everyone, then let drivers waiting at a store try to pick up. */
  async tick(): Promise<void> {
    const now = this.simNow();
    for (const sim of this.sims) await sim.step(now);
    for (const d of this.byUser.values()) {
      if (d.jobs.some((j) => j.phase === "at_store")) await this.pickUpAll(d);
    }
  }

  /** Creates (once) the sim driver accounts: `sim.driver<N>.<store-slug>@pizza.example`, no usable password. */
  private async ensureDrivers() {
    let stores = [...(await storesForDispatch(this.opts.db)).values()];
    if (this.opts.stores) stores = stores.filter((s) => this.opts.stores!.includes(s.slug));
    if (stores.length === 0) return [];
    const wanted = Array.from({ length: this.opts.drivers }, (_, i) => {
      const s = stores[i % stores.length]!;
      const n = Math.floor(i / stores.length) + 1;
      return {
        email: `sim.driver${n}.${s.slug}@pizza.example`,
        name: `Sim Driver ${n} · ${s.name}`,
        store: s,
      };
    });
    return this.opts.db.transaction().execute(async (trx) => {
      const accounts = new Map((await ensureDemoDriverAccounts(trx, wanted)).map((a) => [a.email, a]));
      const drivers = wanted.flatMap((w) => {
        const a = accounts.get(w.email);
        return a
          ? [{ id: a.id, name: a.name, storeId: w.store.id, centre: { lat: w.store.lat, lng: w.store.lng } }]
          : [];
      });
      await trx
        .insertInto("drivers")
        .values(
          drivers.map((d) => ({ user_id: d.id, home_store_id: d.storeId, vehicle: "scooter" as const })),
        )
        .onConflict((oc) => oc.column("user_id").doNothing())
        .execute();
      return drivers;
    });
  }

  /** Through the same path as a phone's socket: relayed to the order's room, remembered, then the dispatch sink. */
  private async onPosition(
    simId: string,
    pos: { lat: number; lng: number; heading?: number; speed?: number; accuracy?: number },
  ) {
    const d = this.bySim.get(simId);
    if (!d) return;
    // Device time is real time (the index refuses positions from the future); strictly increasing per driver.
    d.lastTs = Math.max(Date.now(), d.lastTs + 1);
    const position: DriverPosition = {
      lat: pos.lat,
      lng: pos.lng,
      at: d.lastTs,
      ...(pos.heading !== undefined ? { heading: pos.heading } : {}),
      ...(pos.speed !== undefined ? { speedMps: pos.speed } : {}),
      ...(pos.accuracy !== undefined ? { accuracyM: pos.accuracy } : {}),
    };
    // The socket's own entry point: customers following an order out for delivery see it move.
    await this.opts.tracking.reportPosition(d.user, position);
  }

  private onOffer(offer: { offerId: string; driverId: string; deliveryId: string; tripId?: string }): void {
    const d = this.byUser.get(offer.driverId);
    if (!d || this.stopped) return;
    this.counts.offers++;
    // A trip comes as one offer per stop; accepting (or declining) either does it for both.
    if (offer.tripId !== undefined && offer.tripId === d.lastTrip) return;
    d.lastTrip = offer.tripId;
    const [lo, hi] = this.opts.acceptDelayS ?? [2, 6];
    const delayMs = ((lo + Math.random() * (hi - lo)) * 1000) / this.opts.speed;
    const t = setTimeout(() => {
      this.pending.delete(t);
      void this.answer(d, offer.offerId);
    }, delayMs);
    this.pending.add(t);
  }

  private async answer(d: SimDriver, offerId: string): Promise<void> {
    if (this.stopped) return;
    try {
      if (d.jobs.length > 0 || d.accepting) {
        await this.opts.service.declineOffer(d.user, offerId);
        return;
      }
      d.accepting = true;
      const cur = await this.opts.service.acceptOffer(d.user, offerId);
      this.counts.accepted++;
      // A trip's other stop is assigned too: taken on through `onAssigned`.
      this.hold(d, cur);
    } catch (error) {
      // Expired or withdrawn meanwhile: normal traffic.
      if (!(error instanceof AppError))
        this.opts.log?.warn({ err: error }, "simulated driver could not answer");
    } finally {
      d.accepting = false;
    }
  }

  /** An assignment this driver did not accept itself (a staff override): off to the store, as after an accept. */
  private onAssigned(a: { deliveryId: string; driverId: string }): void {
    const d = this.byUser.get(a.driverId);
    // Also a trip's other stop after an accept; `hold` takes each delivery once.
    if (!d || this.stopped || this.holds(d, a.deliveryId)) return;
    void this.adopt(d, a.deliveryId);
  }

  private async adopt(d: SimDriver, deliveryId: string): Promise<void> {
    try {
      const cur = (await this.opts.service.current(d.user)).find((c) => c.deliveryId === deliveryId);
      if (!cur || this.stopped || this.holds(d, deliveryId)) return;
      if (!cur.trip) this.counts.assigned++;
      this.hold(d, cur);
    } catch (error) {
      this.counts.errors++;
      this.opts.log?.warn({ err: error, deliveryId }, "simulated driver could not take an assignment");
    }
  }

  private holds(d: SimDriver, deliveryId: string): boolean {
    return d.jobs.some((j) => j.deliveryId === deliveryId);
  }

  /** Takes on a delivery (once), in route order with what the driver already holds, and drives on. */
  private hold(d: SimDriver, cur: CurrentDeliveryView): void {
    d.jobs = withJob(d.jobs, jobOf(cur));
    this.drive(d);
  }

  /** Points the simulated driver at the store or the next door (simulated-route.ts decides which). */
  private drive(d: SimDriver): void {
    const leg = nextLeg(d.jobs);
    if (!leg) return;
    const { job } = leg;
    const here = d.sim.position(d.simId) ?? job.store;
    if (leg.to === "door") {
      d.sim.accept(d.simId, {
        deliveryId: `${job.deliveryId}${DOOR_LEG}`,
        pickup: here,
        dropoff: job.dropoff,
      });
    } else if (job.phase !== "at_store" || haversineM(here, job.store) > 30) {
      // To the store and "drop off" there: the simulator reports the arrival as the leg's end. (Already
      // on its way there for a trip's first stop: the simulator keeps that leg, which ends at the same store.)
      d.sim.accept(d.simId, {
        deliveryId: `${job.deliveryId}${STORE_LEG}`,
        pickup: job.store,
        dropoff: job.store,
      });
    }
  }

  private async onLegDone(simId: string, legId: string): Promise<void> {
    const d = this.bySim.get(simId);
    const job = d?.jobs.find((j) => legId.startsWith(j.deliveryId));
    if (!d || !job) return;
    if (legId.endsWith(STORE_LEG)) {
      // Every bag of this store is waiting here; picked up on the next tick (outside the simulator's step).
      for (const j of d.jobs)
        if (j.phase === "to_store" && haversineM(j.store, job.store) < 30) j.phase = "at_store";
      return;
    }
    if (legId.endsWith(DOOR_LEG)) {
      await this.deliver(d, job);
      this.drive(d);
    }
  }

  /** At the store: picks up every bag waiting there; leaves once none is left waiting (a trip takes both). */
  private async pickUpAll(d: SimDriver): Promise<void> {
    for (const job of d.jobs.filter((j) => j.phase === "at_store")) await this.tryPickUp(d, job);
    this.drive(d);
  }

  private async tryPickUp(d: SimDriver, job: Job): Promise<void> {
    try {
      await this.opts.service.markPickedUp(d.user, {
        deliveryId: job.deliveryId,
        clientActionId: `sim-${job.deliveryId}-pickup`,
        // A careful driver: every check the server asks for this bag.
        checks: job.checks,
      });
      this.counts.pickedUp++;
      job.phase = "to_door";
    } catch (error) {
      const reason = error instanceof AppError ? (error.details?.reason as string | undefined) : undefined;
      if (reason === "order_not_ready") return; // waiting for the oven: stay by the store
      this.opts.log?.info({ deliveryId: job.deliveryId, err: error }, "simulated driver dropped a delivery");
      d.jobs = d.jobs.filter((j) => j !== job);
    }
  }

  private async deliver(d: SimDriver, job: Job): Promise<void> {
    try {
      // The simulated customer tells the simulated driver their handover code, when the order has one.
      const handoverCode = await simulatedCustomerCode(this.opts.db, job.deliveryId);
      await this.opts.service.markDelivered(d.user, {
        deliveryId: job.deliveryId,
        clientActionId: `sim-${job.deliveryId}-deliver`,
        ...(job.cashDue > 0 ? { cashCollected: job.cashDue } : {}),
        ...(handoverCode ? { handoverCode } : {}),
      });
      this.counts.delivered++;
    } catch (error) {
      this.counts.errors++;
      this.opts.log?.warn({ deliveryId: job.deliveryId, err: error }, "simulated delivery not recorded");
    }
    d.jobs = d.jobs.filter((j) => j !== job);
  }
}

/** The code the customer of this delivery's order sees in their tracker (the demo's customers tell it). */
async function simulatedCustomerCode(db: Kysely<Database>, deliveryId: string): Promise<string | null> {
  const d = await db
    .selectFrom("deliveries")
    .select("order_id")
    .where("id", "=", deliveryId)
    .executeTakeFirst();
  return d ? handoverCodeOf(db, d.order_id) : null;
}
