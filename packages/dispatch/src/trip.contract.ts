// The dispatcher's trips over a given index adapter: two orders of one store going the same way go to
// one driver as one trip in route order; otherwise one order per driver, and the explanation says why.
import { afterEach, describe, expect, it } from "vitest";
import { ManualClock } from "./clock.ts";
import { type DispatchEvent, Dispatcher } from "./dispatcher.ts";
import { destination, type LatLng } from "./geo.ts";
import type { DriverIndexFactory } from "./index/driver-index.contract.ts";
import type { DriverIndex } from "./index/driver-index.ts";

const REGION = "berlin";
const STORE: LatLng = { lat: 52.52, lng: 13.405 };
const MIN = 60_000;

export function tripContract(name: string, factory: DriverIndexFactory): void {
  describe(`Dispatcher trips over ${name}`, () => {
    const opened: DriverIndex[] = [];
    afterEach(async () => {
      await Promise.all(opened.splice(0).map((i) => i.close()));
    });

    async function setup() {
      const clock = new ManualClock();
      const index = await factory({ clock, staleAfterMs: 60 * MIN, maxDeliveriesPerDriver: 2 });
      opened.push(index);
      const dispatcher = new Dispatcher({ index, clock, regions: [REGION], batching: true });
      const events: DispatchEvent[] = [];
      dispatcher.subscribe((e) => void events.push(e));
      const online = (id: string, p: LatLng) =>
        index
          .ingest(id, REGION, { ...p, ts: clock.now() })
          .then(() => index.setStatus(id, REGION, "available"));
      const request = (deliveryId: string, bearing: number, distanceM: number, readyAt = clock.now()) =>
        dispatcher.request({
          deliveryId,
          region: REGION,
          pickup: STORE,
          dropoff: destination(STORE, bearing, distanceM),
          readyAt,
        });
      const offers = () => events.filter((e) => e.type === "offer_made");
      const idsOf = (type: DispatchEvent["type"]) =>
        events
          .filter((e) => e.type === type)
          .map((e) => e.deliveryId)
          .sort();
      return { clock, index, dispatcher, online, request, offers, idsOf };
    }

    it("two orders timed to the oven, same way: one trip to the nearest driver, nearer door first", async () => {
      const { clock, dispatcher, online, request, offers } = await setup();
      await online("near", destination(STORE, 0, 400));
      await online("far", destination(STORE, 180, 900));
      expect((await request("o-far", 40, 2500, clock.now() + 10 * MIN)).status).toBe("waiting");
      expect((await request("o-near", 50, 1500, clock.now() + 10.5 * MIN)).status).toBe("waiting");
      clock.advance(10 * MIN);
      await dispatcher.tick();
      expect(offers().map((e) => [e.deliveryId, e.driverId])).toEqual([
        ["o-near", "near"],
        ["o-far", "near"],
      ]);
      const made = offers()[0]!;
      expect(made.type === "offer_made" && made.trip?.stops).toEqual(["o-near", "o-far"]);
      expect(made.explanation.batch).toMatchObject({
        batched: true,
        route: ["o-near", "o-far"],
        bearingDiffDeg: 10,
      });
      expect(made.explanation.batch?.detourMin).toBeLessThanOrEqual(5);
      expect(await dispatcher.accept(REGION, "o-far", "near")).toEqual({ ok: true });
      for (const id of ["o-near", "o-far"]) {
        expect(await dispatcher.status(REGION, id)).toMatchObject({ status: "assigned", driverId: "near" });
      }
      const first = await dispatcher.etaFor(REGION, "o-near");
      const second = await dispatcher.etaFor(REGION, "o-far");
      expect([first?.trip?.stop, second?.trip?.stop, second?.trip?.stops]).toEqual([1, 2, 2]);
      expect(second!.dropoffS).toBeGreaterThan(first!.dropoffS);
      // Never held back more than the limit: the farther order on the trip vs the same driver taking it alone.
      const alone = dispatcher.eta.delivery(
        REGION,
        destination(STORE, 0, 400),
        STORE,
        destination(STORE, 40, 2500),
        0,
      );
      expect(second!.dropoffS - alone.dropoffS).toBeLessThanOrEqual(5 * 60);
      // After pick-up, only the stops before it count; once the first is delivered the second is next.
      expect(await dispatcher.complete(REGION, "o-near", "near")).toBe(true);
      const after = await dispatcher.etaFor(REGION, "o-far", { pickedUp: true });
      expect(after?.trip).toMatchObject({ stop: 2, stops: 2 });
    });

    it("orders going opposite ways go to two drivers, and the explanation says why", async () => {
      const { clock, dispatcher, online, request, offers } = await setup();
      expect((await request("north", 0, 2000)).status).toBe("waiting");
      expect((await request("south", 180, 2000)).status).toBe("waiting");
      await online("a", destination(STORE, 90, 300));
      await online("b", destination(STORE, 90, 600));
      clock.advance(16_000);
      await dispatcher.tick();
      const drivers = offers().map((e) => e.driverId);
      expect(new Set(drivers).size).toBe(2);
      const north = await dispatcher.status(REGION, "north");
      expect(north?.trip ?? null).toBeNull();
      expect(north?.explanation?.batch).toMatchObject({
        batched: false,
        reason: "different directions",
        bearingDiffDeg: 180,
      });
    });

    it("orders that waited for a driver leave together; a declined trip goes whole to the next driver", async () => {
      const { clock, dispatcher, online, request, offers, idsOf } = await setup();
      await request("o1", 10, 2000);
      await request("o2", 20, 2200);
      await online("a", destination(STORE, 0, 200));
      await online("b", destination(STORE, 0, 900));
      clock.advance(16_000);
      await dispatcher.tick();
      expect(offers().map((e) => e.driverId)).toEqual(["a", "a"]);
      expect(await dispatcher.decline(REGION, "o2", "a")).toBe(true);
      expect(idsOf("declined")).toEqual(["o1", "o2"]);
      expect(
        offers()
          .slice(2)
          .map((e) => [e.deliveryId, e.driverId]),
      ).toEqual([
        ["o1", "b"],
        ["o2", "b"],
      ]);
      clock.advance(31_000);
      await dispatcher.tick();
      expect(idsOf("expired")).toEqual(["o1", "o2"]);
      for (const id of ["o1", "o2"]) {
        expect(await dispatcher.status(REGION, id)).toMatchObject({ status: "waiting", trip: null });
      }
    });
  });
}
