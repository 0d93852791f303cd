import { describe, expect, it } from "vitest";
import { ManualClock } from "./clock.ts";
import { Dispatcher } from "./dispatcher.ts";
import { destination, haversineM, type LatLng } from "./geo.ts";
import type { PositionUpdate } from "./index/driver-index.ts";
import { MemoryDriverIndex } from "./index/memory-driver-index.ts";
import { Simulator } from "./simulator.ts";

const CENTRE: LatLng = { lat: 52.52, lng: 13.405 };

describe("Simulator", () => {
  it("moves drivers at city speeds and keeps them around the centre", async () => {
    const seen = new Map<string, PositionUpdate[]>();
    const sim = new Simulator(
      { centre: CENTRE, drivers: 20, radiusM: 5000, seed: 3 },
      { onPosition: (id, p) => void seen.set(id, [...(seen.get(id) ?? []), p]) },
    );
    for (let t = 0; t <= 600_000; t += 2000) await sim.step(1_000_000 + t);
    for (const [, ps] of seen) {
      for (let i = 1; i < ps.length; i++) {
        const v = haversineM(ps[i - 1]!, ps[i]!) / 2; // metres per second over a 2 s step
        expect(v).toBeLessThanOrEqual(35 / 3.6 + 0.01);
        // A grid corner of a leg may lie outside the circle, never beyond its bounding square.
        expect(haversineM(CENTRE, ps[i]!)).toBeLessThan(5000 * Math.SQRT2 + 10);
      }
      const moved = haversineM(ps[0]!, ps.at(-1)!);
      expect(moved).toBeGreaterThan(0);
    }
  });

  it("drives a dispatched delivery to pick-up and drop-off end to end", async () => {
    const clock = new ManualClock();
    const index = new MemoryDriverIndex({ clock });
    const dispatcher = new Dispatcher({ index, clock, regions: ["berlin"] });
    const log: string[] = [];
    const sim: Simulator = new Simulator(
      { centre: CENTRE, drivers: 5, radiusM: 3000, seed: 9 },
      {
        onPosition: async (id, p) => {
          await index.ingest(id, "berlin", p, { statusIfUnknown: "available" });
        },
        pickedUp: (id, del) => void log.push(`picked ${del} ${id}`),
        delivered: async (id, del) => {
          log.push(`delivered ${del} ${id}`);
          await dispatcher.complete("berlin", del, id);
        },
      },
    );
    dispatcher.subscribe(async (e) => {
      if (e.type !== "offer_made" || !sim.isSimulated(e.driverId)) return;
      const rec = await dispatcher.status(e.region, e.deliveryId);
      if (rec && sim.accept(e.driverId, rec)) await dispatcher.accept(e.region, e.deliveryId, e.driverId);
      else await dispatcher.decline(e.region, e.deliveryId, e.driverId);
    });
    await sim.step(clock.now());
    const rec = await dispatcher.request({
      deliveryId: "o1",
      region: "berlin",
      pickup: CENTRE,
      dropoff: destination(CENTRE, 90, 2000),
    });
    expect(rec.status).toBe("assigned");
    for (let i = 0; i < 2000 && !log.some((l) => l.startsWith("delivered")); i++) {
      await sim.step(clock.advance(2000));
    }
    expect(log).toEqual([`picked o1 ${rec.driverId}`, `delivered o1 ${rec.driverId}`]);
    expect((await dispatcher.status("berlin", "o1"))?.status).toBe("completed");
    expect((await index.getDriver(rec.driverId!, "berlin"))?.state).toBe("available");
  });

  it("drives a trip: picks up both stops at the store, then delivers them in route order", async () => {
    const log: string[] = [];
    const sim = new Simulator(
      { centre: CENTRE, drivers: 1, radiusM: 1000, seed: 4 },
      {
        onPosition: () => {},
        pickedUp: (_, id) => void log.push(`picked ${id}`),
        delivered: (_, id) => void log.push(`delivered ${id}`),
      },
    );
    const [driver] = sim.driverIds;
    const stop = (id: string, m: number) => ({
      deliveryId: id,
      pickup: CENTRE,
      dropoff: destination(CENTRE, 45, m),
    });
    expect(sim.accept(driver!, [stop("near", 1000), stop("far", 2000)])).toBe(true);
    expect(sim.accept(driver!, stop("other", 500))).toBe(false);
    for (let t = 0; t <= 3_600_000 && log.length < 4; t += 5000) await sim.step(t);
    expect(log).toEqual(["picked near", "picked far", "delivered near", "delivered far"]);
    expect(sim.phase(driver!)).toBe("cruising");
  });
});
