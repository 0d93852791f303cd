// The demo's drivers: N simulated drivers spread over the demo stores, moved by the dispatch
// simulator along street-like paths, sending positions through the same sink as the driver app's
// socket, accepting offers after a short human-like delay, and picking up and delivering through the
// very service methods the driver procedures call. Nothing here touches the dispatcher directly.
import type { Database, Kysely } from "@pizza/db";
import { haversineM, type LatLng, Simulator } from "@pizza/dispatch";
import type { Logger } from "pino";
import { AppError } from "../../errors.ts";
import type { DriverPosition } from "../../realtime/events.ts";
import type { TrackingService } from "../../realtime/tracking.ts";
import { ensureDemoDriverAccounts } from "../auth/driver-accounts.ts";
import type { AuthUser } from "../auth/tokens.ts";
import { handoverCodeOf } from "../orders/handover-code.ts";
import { storesForDispatch } from "../stores/store-for-dispatch.ts";
import type { CurrentDeliveryView, DeliveryService } from "./delivery.service.ts";

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

interface Job {
  deliveryId: string;
  orderId: string;
  phase: "to_store" | "at_store" | "to_door";
  store: LatLng;
  dropoff: LatLng;
  cashDue: number;
}

interface SimDriver {
  simId: string;
  user: AuthUser;
  storeId: string;
  sim: Simulator;
  lastTs: number;
  job: Job | null;
  accepting: boolean;
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
          job: null,
          accepting: false,
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
      for (const cur of await this.opts.service.current(d.user)) {
        this.takeJob(d, cur, cur.status === "picked_up" ? "to_door" : "to_store");
      }
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
      if (d.job?.phase === "at_store") await this.tryPickUp(d);
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

  private onOffer(offer: { offerId: string; driverId: string; deliveryId: string }): void {
    const d = this.byUser.get(offer.driverId);
    if (!d || this.stopped) return;
    this.counts.offers++;
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
      if (d.job || d.accepting) {
        await this.opts.service.declineOffer(d.user, offerId);
        return;
      }
      d.accepting = true;
      const cur = await this.opts.service.acceptOffer(d.user, offerId);
      this.counts.accepted++;
      this.takeJob(d, cur, "to_store");
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
    // Its own accept (in flight or done) is taken on by `answer`.
    if (!d || this.stopped || d.accepting || d.job?.deliveryId === a.deliveryId) return;
    void this.adopt(d, a.deliveryId);
  }

  private async adopt(d: SimDriver, deliveryId: string): Promise<void> {
    try {
      const cur = (await this.opts.service.current(d.user)).find((c) => c.deliveryId === deliveryId);
      if (!cur || this.stopped || d.accepting || d.job?.deliveryId === deliveryId) return;
      this.counts.assigned++;
      this.takeJob(d, cur, cur.status === "picked_up" ? "to_door" : "to_store");
    } catch (error) {
      this.counts.errors++;
      this.opts.log?.warn({ err: error, deliveryId }, "simulated driver could not take an assignment");
    }
  }

  private takeJob(d: SimDriver, cur: CurrentDeliveryView, phase: Job["phase"]): void {
    d.job = {
      deliveryId: cur.deliveryId,
      orderId: cur.orderId,
      phase,
      store: { lat: cur.store.lat, lng: cur.store.lng },
      dropoff: { lat: cur.dropoff.lat, lng: cur.dropoff.lng },
      cashDue: cur.cashDue,
    };
    this.drive(d);
  }

  /** Points the simulated driver at the store or the door, as its job's phase says. */
  private drive(d: SimDriver): void {
    const job = d.job;
    if (!job) return;
    const here = d.sim.position(d.simId) ?? job.store;
    if (job.phase === "to_door") {
      d.sim.accept(d.simId, {
        deliveryId: `${job.deliveryId}${DOOR_LEG}`,
        pickup: here,
        dropoff: job.dropoff,
      });
    } else {
      // To the store and "drop off" there: the simulator reports the arrival as the leg's end.
      d.sim.accept(d.simId, {
        deliveryId: `${job.deliveryId}${STORE_LEG}`,
        pickup: job.store,
        dropoff: job.store,
      });
    }
  }

  private async onLegDone(simId: string, legId: string): Promise<void> {
    const d = this.bySim.get(simId);
    const job = d?.job;
    if (!d || !job || !legId.startsWith(job.deliveryId)) return;
    if (legId.endsWith(STORE_LEG)) {
      job.phase = "at_store";
      return; // picked up on the next tick (outside the simulator's step)
    }
    if (legId.endsWith(DOOR_LEG)) await this.deliver(d, job);
  }

  private async tryPickUp(d: SimDriver): Promise<void> {
    const job = d.job!;
    try {
      await this.opts.service.markPickedUp(d.user, {
        deliveryId: job.deliveryId,
        clientActionId: `sim-${job.deliveryId}-pickup`,
        // A simulated driver checks the whole bag.
        checks: ["order", "items", "drinks"],
      });
      this.counts.pickedUp++;
      job.phase = "to_door";
      this.drive(d);
    } catch (error) {
      const reason = error instanceof AppError ? (error.details?.reason as string | undefined) : undefined;
      if (reason === "order_not_ready") {
        // Waiting for the oven: stay by the store.
        const here = d.sim.position(d.simId);
        if (!here || haversineM(here, job.store) > 30) this.drive(d);
        return;
      }
      this.opts.log?.info({ deliveryId: job.deliveryId, err: error }, "simulated driver dropped a delivery");
      d.job = null;
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
    d.job = null;
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
