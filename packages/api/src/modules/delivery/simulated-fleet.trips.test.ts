// The demo's simulated fleet with batching on (real PostgreSQL and Redis): two ready orders of one store
// to nearby addresses become one trip, and the one simulated driver offered it accepts, picks up both
// bags at the store and delivers both, the nearer door first. The fleet is started by the test after the
// orders wait (as at a peak when every driver is out), so the trip forms deterministically.
import { destination, type LatLng } from "@pizza/dispatch";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestPlatform } from "../../testing/harness.ts";
import { until } from "../../testing/signals.ts";
import type { AuthUser } from "../auth/tokens.ts";
import { SimulatedFleet } from "./simulated-fleet.ts";
import { aReadyOrder, aTripPlatform } from "./trip-test-support.ts";

const MIDTOWN: LatLng = { lat: 40.757, lng: -73.9877 };

describe("the simulated fleet drives a trip (batching on) on real PostgreSQL and Redis", () => {
  let t: TestPlatform;
  let midtown: string;
  let staff: AuthUser;
  let fleet: SimulatedFleet | undefined;

  beforeAll(async () => {
    ({ t, midtown, staff } = await aTripPlatform());
  });

  afterAll(async () => {
    await fleet?.stop();
    await t?.close();
  });

  const readyOrder = (to: LatLng) => aReadyOrder(t, midtown, staff, to);

  it("one simulated driver accepts both offers, picks up both bags and delivers both in route order", async () => {
    const far = await readyOrder(destination(MIDTOWN, 40, 2200));
    const near = await readyOrder(destination(MIDTOWN, 50, 1500));
    fleet = new SimulatedFleet({
      db: t.platform.db,
      service: t.platform.services.delivery,
      tracking: t.platform.services.tracking,
      drivers: 1,
      stores: ["nyc-midtown"],
      speed: 60,
    });
    await fleet.start();
    const [sim] = fleet.driverIds;
    await until("the simulated driver available", async () => {
      const snap = await t.platform.services.delivery.index.getDriver(sim!, midtown);
      return snap?.state === "available" ? snap : undefined;
    });
    await t.platform.services.delivery.dispatcher.tick(Date.now() + 16_000);

    const rows = await until(
      "both orders delivered",
      async () => {
        const r = await t.platform.db
          .selectFrom("deliveries as d")
          .innerJoin("users as u", "u.id", "d.driver_id")
          .select(["d.id", "d.status", "d.driver_id", "d.cash_collected", "d.bag_checks", "d.delivered_at"])
          .select("u.email")
          .where("d.id", "in", [near.deliveryId, far.deliveryId])
          .execute();
        return r.length === 2 && r.every((x) => x.status === "delivered") ? r : undefined;
      },
      45_000,
    );
    const byId = new Map(rows.map((r) => [r.id, r]));
    const [n, f] = [byId.get(near.deliveryId)!, byId.get(far.deliveryId)!];
    // One trip, both stops: the offers were one trip's, both accepted by the same simulated driver.
    const stops = await t.platform.db
      .selectFrom("trip_stops")
      .select(["trip_id", "delivery_id", "position"])
      .where("delivery_id", "in", [near.deliveryId, far.deliveryId])
      .orderBy("position")
      .execute();
    expect(stops.map((s) => s.delivery_id)).toEqual([near.deliveryId, far.deliveryId]);
    expect(stops[0]!.trip_id).toBe(stops[1]!.trip_id);
    expect([n.driver_id, f.driver_id]).toEqual([sim, sim]);
    expect(n.email).toBe("sim.driver1.nyc-midtown@pizza.example");
    expect([n.cash_collected, f.cash_collected]).toEqual([near.order.total, far.order.total]);
    // The bag checks the server requires were ticked and recorded at the store.
    expect(n.bag_checks).toEqual(expect.arrayContaining(["order", "items"]));
    expect(f.bag_checks).toEqual(expect.arrayContaining(["order", "items"]));
    // Route order: the nearer door first.
    expect(new Date(n.delivered_at!).getTime()).toBeLessThan(new Date(f.delivered_at!).getTime());
    expect(fleet.counts).toMatchObject({ accepted: 1, pickedUp: 2, delivered: 2, errors: 0 });
  }, 60_000);
});
