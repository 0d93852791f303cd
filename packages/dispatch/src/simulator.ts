import { bearingDeg, destination, haversineM, type LatLng } from "./geo.ts";
import type { PositionUpdate } from "./index/driver-index.ts";

/** Where the simulator reports what its drivers do; the API wires it to the real services. */
export interface SimulatorSink {
  onPosition(driverId: string, pos: PositionUpdate): void | Promise<void>;
  pickedUp?(driverId: string, deliveryId: string): void | Promise<void>;
  delivered?(driverId: string, deliveryId: string): void | Promise<void>;
}

export interface SimulatorOptions {
  centre: LatLng;
  drivers: number;
  /** Drivers cruise within this distance of the centre. Default 6 km. */
  radiusM?: number;
  /** Cruising speed range, km/h (city traffic). Default 15–35. */
  speedKmh?: readonly [number, number];
  seed?: number;
  idPrefix?: string;
}

export interface SimulatedDelivery {
  deliveryId: string;
  pickup: LatLng;
  dropoff: LatLng;
}

type Phase = "cruising" | "to_pickup" | "to_dropoff";

interface SimDriver {
  id: string;
  pos: LatLng;
  speedMs: number;
  heading: number;
  path: LatLng[];
  phase: Phase;
  /** The stops still to deliver, in route order (one, or a trip's). */
  stops: SimulatedDelivery[];
}

/**
 * Moves simulated drivers around a city centre along street-like paths (an L-shaped leg along the
 * grid, which is what a road factor of ~1.3 looks like), at city speeds. Pure and time-driven: the
 * caller decides when `step(now)` happens, so tests need no timers and the demo uses setInterval.
 */
export class Simulator {
  private readonly drivers = new Map<string, SimDriver>();
  private readonly rand: () => number;
  private readonly radiusM: number;
  private lastStep: number | null = null;

  constructor(
    private readonly opts: SimulatorOptions,
    private readonly sink: SimulatorSink,
  ) {
    this.rand = seeded(opts.seed ?? 1);
    this.radiusM = opts.radiusM ?? 6000;
    const [lo, hi] = opts.speedKmh ?? [15, 35];
    for (let i = 0; i < opts.drivers; i++) {
      const id = `${opts.idPrefix ?? "sim-"}${i}`;
      const pos = this.randomPoint();
      this.drivers.set(id, {
        id,
        pos,
        speedMs: (lo + (hi - lo) * this.rand()) / 3.6,
        heading: 0,
        path: this.route(pos, this.randomPoint()),
        phase: "cruising",
        stops: [],
      });
    }
  }

  get driverIds(): string[] {
    return [...this.drivers.keys()];
  }

  isSimulated(driverId: string): boolean {
    return this.drivers.has(driverId);
  }

  position(driverId: string): LatLng | null {
    const d = this.drivers.get(driverId);
    return d ? { ...d.pos } : null;
  }

  phase(driverId: string): Phase | null {
    return this.drivers.get(driverId)?.phase ?? null;
  }

  /**
   * Simulated drivers accept every offer: the driver heads to the pick-up, then the drop-off — or, for
   * a trip (several deliveries in route order), picks them all up and drops them off in turn. Returns
   * false if the driver is already on a delivery (the caller should then decline).
   */
  accept(driverId: string, delivery: SimulatedDelivery | SimulatedDelivery[]): boolean {
    const d = this.drivers.get(driverId);
    const stops = Array.isArray(delivery) ? delivery : [delivery];
    if (!d || d.stops.length > 0 || stops.length === 0) return false;
    d.stops = [...stops];
    d.phase = "to_pickup";
    d.path = this.route(d.pos, stops[0]!.pickup);
    return true;
  }

  /** Advances every driver to time `now` and reports their positions (and pick-ups/drop-offs). */
  async step(now: number): Promise<void> {
    const dtS = this.lastStep === null ? 0 : Math.max(0, (now - this.lastStep) / 1000);
    this.lastStep = now;
    for (const d of this.drivers.values()) {
      let budget = d.speedMs * dtS;
      while (budget > 0) {
        const next = d.path[0];
        if (!next) {
          await this.arrive(d);
          if (d.path.length === 0) break;
          continue;
        }
        const left = haversineM(d.pos, next);
        if (left <= budget) {
          if (left > 0.5) d.heading = bearingDeg(d.pos, next);
          d.pos = next;
          d.path.shift();
          budget -= left;
        } else {
          d.heading = bearingDeg(d.pos, next);
          d.pos = destination(d.pos, d.heading, budget);
          budget = 0;
        }
      }
      await this.sink.onPosition(d.id, {
        lat: d.pos.lat,
        lng: d.pos.lng,
        heading: Math.round(d.heading),
        speed: dtS > 0 ? Math.round(d.speedMs * 10) / 10 : 0,
        accuracy: 5,
        ts: now,
      });
    }
  }

  private async arrive(d: SimDriver): Promise<void> {
    const next = d.stops[0];
    if (d.phase === "to_pickup" && next) {
      d.phase = "to_dropoff";
      d.path = this.route(d.pos, next.dropoff);
      for (const stop of d.stops) await this.sink.pickedUp?.(d.id, stop.deliveryId);
    } else if (d.phase === "to_dropoff" && next) {
      d.stops.shift();
      const after = d.stops[0];
      d.phase = after ? "to_dropoff" : "cruising";
      d.path = this.route(d.pos, after ? after.dropoff : this.randomPoint());
      await this.sink.delivered?.(d.id, next.deliveryId);
    } else {
      d.path = this.route(d.pos, this.randomPoint());
    }
  }

  /** Street-like leg: along one axis, then the other (order random), as on a city grid. */
  private route(from: LatLng, to: LatLng): LatLng[] {
    const corner = this.rand() < 0.5 ? { lat: from.lat, lng: to.lng } : { lat: to.lat, lng: from.lng };
    return [corner, to];
  }

  private randomPoint(): LatLng {
    return destination(this.opts.centre, this.rand() * 360, this.radiusM * Math.sqrt(this.rand()));
  }
}

function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
