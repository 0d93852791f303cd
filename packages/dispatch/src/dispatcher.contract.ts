import { afterEach, describe, expect, it } from "vitest";
import { ManualClock } from "./clock.ts";
import { type DispatchEvent, Dispatcher, type DispatcherOptions } from "./dispatcher.ts";
import { destination, type LatLng } from "./geo.ts";
import type { DriverIndexFactory } from "./index/driver-index.contract.ts";
import { rng } from "./index/driver-index.contract.ts";
import type { DriverIndex } from "./index/driver-index.ts";

const REGION = "berlin";
const STORE: LatLng = { lat: 52.52, lng: 13.405 };

/** Dispatcher behaviour over a given index adapter (offers, timeouts, races, oven timing). */
export function dispatcherContract(name: string, factory: DriverIndexFactory): void {
  describe(`Dispatcher over ${name}`, () => {
    const opened: DriverIndex[] = [];
    afterEach(async () => {
      await Promise.all(opened.splice(0).map((i) => i.close()));
    });

    async function setup(opts: Partial<DispatcherOptions> & { maxDeliveriesPerDriver?: number } = {}) {
      const clock = new ManualClock();
      const index = await factory({
        clock,
        staleAfterMs: 60_000,
        maxDeliveriesPerDriver: opts.maxDeliveriesPerDriver,
      });
      opened.push(index);
      const dispatcher = new Dispatcher({ index, clock, regions: [REGION], ...opts });
      const events: DispatchEvent[] = [];
      dispatcher.subscribe((e) => {
        events.push(e);
      });
      const online = async (id: string, p: LatLng) => {
        await index.ingest(id, REGION, { ...p, ts: clock.now() });
        await index.setStatus(id, REGION, "available");
      };
      const request = (deliveryId: string, over: { readyAt?: number; pickup?: LatLng } = {}) =>
        dispatcher.request({
          deliveryId,
          region: REGION,
          pickup: over.pickup ?? STORE,
          dropoff: destination(STORE, 45, 3000),
          readyAt: over.readyAt,
        });
      return { clock, index, dispatcher, events, online, request };
    }

    it("offers the nearest driver, then the next nearest on decline and on timeout, never the same one twice", async () => {
      const { clock, dispatcher, events, online, request } = await setup({ offerTimeoutMs: 30_000 });
      await online("near", destination(STORE, 0, 200));
      await online("mid", destination(STORE, 90, 800));
      await online("far", destination(STORE, 180, 2000));
      let rec = await request("o1");
      expect(rec).toMatchObject({ status: "offered", driverId: "near" });
      expect(rec.explanation?.candidates.map((c) => c.driverId)).toEqual(["near", "mid", "far"]);
      expect(rec.explanation?.chosen?.driverId).toBe("near");
      expect(rec.explanation?.candidates[0]?.pickupEtaS).toBeGreaterThan(0);
      // Asking again is idempotent.
      expect((await request("o1")).driverId).toBe("near");

      expect(await dispatcher.decline(REGION, "o1", "near")).toBe(true);
      rec = (await dispatcher.status(REGION, "o1"))!;
      expect(rec).toMatchObject({ status: "offered", driverId: "mid", declined: ["near"] });

      clock.advance(30_001);
      const report = await dispatcher.tick();
      expect(report).toMatchObject({ expired: 1, offered: 1 });
      rec = (await dispatcher.status(REGION, "o1"))!;
      expect(rec).toMatchObject({
        status: "offered",
        driverId: "far",
        declined: ["near"],
        timedOut: ["mid"],
      });

      expect(await dispatcher.accept(REGION, "o1", "far")).toEqual({ ok: true });
      const eta = await dispatcher.etaFor(REGION, "o1");
      expect(eta?.driverId).toBe("far");
      expect(eta?.pickupS).toBeCloseTo(rec.explanation!.chosen!.pickupEtaS, 0);
      expect(eta!.dropoffS).toBeGreaterThan(eta!.pickupS);
      expect((await dispatcher.etaFor(REGION, "o1", { pickedUp: true }))?.pickupS).toBe(0);
      expect((await dispatcher.status(REGION, "o1"))?.status).toBe("assigned");
      // A second tick on any node changes nothing.
      expect(await dispatcher.tick()).toMatchObject({ expired: 0, attempted: 0 });
      expect(events.map((e) => e.type)).toEqual([
        "offer_made",
        "declined",
        "offer_made",
        "expired",
        "offer_made",
        "accepted",
      ]);
    });

    it("tells the store no driver was found, keeps the order waiting and retries later", async () => {
      const { clock, dispatcher, events, online, request } = await setup({ retryAfterMs: 15_000 });
      const rec = await request("o1");
      expect(rec.status).toBe("waiting");
      expect(events.at(-1)).toMatchObject({ type: "no_driver", deliveryId: "o1" });
      await online("late", destination(STORE, 0, 500));
      clock.advance(10_000);
      expect(await dispatcher.tick()).toMatchObject({ attempted: 0 });
      clock.advance(5_000);
      expect(await dispatcher.tick()).toMatchObject({ attempted: 1, offered: 1 });
      expect((await dispatcher.status(REGION, "o1"))?.driverId).toBe("late");
    });

    it("times the offer to the oven: a far-future order waits until the driver would arrive as it is ready", async () => {
      const { clock, dispatcher, online, request } = await setup({
        offerTimeoutMs: 30_000,
        lookaheadMs: 20 * 60_000,
      });
      await online("d", destination(STORE, 0, 3000));
      const readyAt = clock.now() + 15 * 60_000;
      const rec = await request("o1", { readyAt });
      expect(rec.status).toBe("waiting");
      expect(rec.explanation?.note).toBe("waiting for the oven");
      const etaMs = rec.explanation!.candidates[0]!.pickupEtaS * 1000;
      clock.set(readyAt - etaMs - 30_000 - 2000);
      expect(await dispatcher.tick()).toMatchObject({ offered: 0 });
      clock.set(readyAt - etaMs - 30_000 + 1);
      await online("d", destination(STORE, 0, 3000));
      expect(await dispatcher.tick()).toMatchObject({ offered: 1 });
      const offered = (await dispatcher.status(REGION, "o1"))!;
      expect(offered.driverId).toBe("d");
      // Accepting within the window gets the driver there by the time the pizza is out.
      expect(clock.now() + etaMs).toBeLessThanOrEqual(readyAt);

      // Orders beyond the lookahead are not even looked at until the window opens.
      const later = await request("o2", { readyAt: clock.now() + 60 * 60_000 });
      expect(later).toMatchObject({ status: "waiting", attempts: 0, explanation: null });
    });

    it("an order ready before the oven's estimate is offered at once, whichever request came first", async () => {
      const { clock, online, request } = await setup({ offerTimeoutMs: 30_000 });
      await online("d", destination(STORE, 0, 500));
      // The "into the oven" request (estimate 12 min away) is deferred...
      const deferred = await request("o1", { readyAt: clock.now() + 12 * 60_000 });
      expect(deferred).toMatchObject({ status: "waiting", driverId: null });
      // ...then the kitchen says it is ready now: the delivery moves forward and is offered right away.
      const ready = await request("o1", { readyAt: clock.now() });
      expect(ready).toMatchObject({ status: "offered", driverId: "d" });
      expect(ready.readyAt).toBe(clock.now());
      // A later estimate arriving after the fact never pushes the delivery back.
      const stale = await request("o1", { readyAt: clock.now() + 12 * 60_000 });
      expect(stale).toMatchObject({ status: "offered", driverId: "d", readyAt: clock.now() });
    });

    it("cancels an offered delivery and frees its driver; staff can assign a chosen driver", async () => {
      const { index, dispatcher, online, request } = await setup();
      await online("a", destination(STORE, 0, 100));
      await online("b", destination(STORE, 0, 900));
      await request("o1");
      expect(await dispatcher.cancel(REGION, "o1")).toBe(true);
      expect((await dispatcher.status(REGION, "o1"))?.status).toBe("cancelled");
      expect((await index.getDriver("a", REGION))?.state).toBe("available");

      await request("o2");
      expect((await dispatcher.status(REGION, "o2"))?.driverId).toBe("a");
      expect(await dispatcher.assignTo(REGION, "o2", "ghost")).toEqual({
        ok: false,
        reason: "unknown_driver",
      });
      expect((await dispatcher.status(REGION, "o2"))?.driverId).toBe("a");
      expect(await dispatcher.assignTo(REGION, "o2", "b")).toEqual({ ok: true });
      const rec = (await dispatcher.status(REGION, "o2"))!;
      expect(rec).toMatchObject({ status: "assigned", driverId: "b" });
      expect(rec.explanation?.note).toBe("manual assignment by staff");
      expect((await index.getDriver("a", REGION))?.state).toBe("available");
      expect(await dispatcher.complete(REGION, "o2", "b")).toBe(true);
      expect((await index.getDriver("b", REGION))?.state).toBe("available");
    });

    it("gives a driver a second delivery only when batching is on, in both the dispatcher and the index", async () => {
      const { dispatcher, online, request } = await setup({ batching: true, maxDeliveriesPerDriver: 2 });
      dispatcher.subscribe(async (e) => {
        if (e.type === "offer_made") await dispatcher.accept(e.region, e.deliveryId, e.driverId);
      });
      await online("solo", STORE);
      expect((await request("o1")).status).toBe("assigned");
      expect((await request("o2")).status).toBe("assigned");
      expect((await request("o3")).status).toBe("waiting");
      await expect(setup({ batching: false, maxDeliveriesPerDriver: 2 })).rejects.toThrow(/batching is off/);
      await expect(setup({ batching: true })).rejects.toThrow(/batching is on/);
    });

    it("200 orders ready at once with 100 drivers: no driver holds two, no order gets two, each assigned or waiting", async () => {
      const { clock, index, dispatcher, online, request } = await setup({ searchRadiusM: 20_000 });
      const rand = rng(42);
      const drivers = Array.from({ length: 100 }, (_, i) => `drv-${i}`);
      await Promise.all(drivers.map((id) => online(id, destination(STORE, rand() * 360, rand() * 8000))));
      // Drivers accept whatever they are offered, as soon as it arrives.
      dispatcher.subscribe(async (e) => {
        if (e.type === "offer_made") await dispatcher.accept(e.region, e.deliveryId, e.driverId);
      });
      const orders = Array.from({ length: 200 }, (_, i) => `ord-${i}`);
      await Promise.all(
        orders.map((id) => request(id, { pickup: destination(STORE, rand() * 360, rand() * 5000) })),
      );
      // Deliveries that lost every race are retried by the sweepers of two API nodes at once.
      const otherNode = new Dispatcher({ index, clock, regions: [REGION] });
      for (let i = 0; i < 5; i++) {
        clock.advance(16_000);
        await Promise.all(drivers.map((id) => index.ingest(id, REGION, { ...STORE, ts: clock.now() })));
        await Promise.all([dispatcher.tick(), otherNode.tick()]);
      }
      const records = await Promise.all(orders.map((id) => dispatcher.status(REGION, id)));
      const assigned = records.filter((r) => r?.status === "assigned");
      expect(records.every((r) => r?.status === "assigned" || r?.status === "waiting")).toBe(true);
      const byDriver = new Map<string, string[]>();
      for (const r of assigned)
        byDriver.set(r!.driverId!, [...(byDriver.get(r!.driverId!) ?? []), r!.deliveryId]);
      expect([...byDriver.values()].every((ds) => ds.length === 1)).toBe(true);
      expect(assigned).toHaveLength(100);
      for (const id of drivers) {
        const d = await index.getDriver(id, REGION);
        expect(d?.deliveries).toHaveLength(1);
        expect(d?.state).toBe("assigned");
        expect(byDriver.get(id)).toEqual(d?.deliveries);
      }
    });
  });
}
