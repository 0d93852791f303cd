import { cellToBoundary, getResolution, latLngToCell } from "h3-js";
import { afterEach, describe, expect, it } from "vitest";
import { ManualClock } from "../clock.ts";
import { destination, haversineM, type LatLng, normalizeLng } from "../geo.ts";
import {
  type DeliveryRecord,
  DRIVER_CELL_RESOLUTION,
  type DriverIndex,
  SEARCH_CELL_RESOLUTION,
} from "./driver-index.ts";

export interface IndexFactoryOptions {
  clock: ManualClock;
  staleAfterMs?: number;
  maxDeliveriesPerDriver?: number;
}

export type DriverIndexFactory = (opts: IndexFactoryOptions) => Promise<DriverIndex>;

const REGION = "berlin";
const BERLIN: LatLng = { lat: 52.52, lng: 13.405 };

/** Deterministic PRNG so a failing random query can be replayed. */
export function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function aRecord(over: Partial<DeliveryRecord> & { deliveryId: string }): DeliveryRecord {
  return {
    region: REGION,
    pickup: BERLIN,
    dropoff: destination(BERLIN, 90, 2000),
    readyAt: 0,
    createdAt: 0,
    status: "waiting",
    driverId: null,
    offerDeadline: null,
    declined: [],
    timedOut: [],
    attempts: 0,
    version: 1,
    explanation: null,
    ...over,
  };
}

/** The behaviour every DriverIndex adapter must have; run by each adapter's test file. */
export function driverIndexContract(name: string, factory: DriverIndexFactory): void {
  describe(`DriverIndex contract: ${name}`, () => {
    const opened: DriverIndex[] = [];
    afterEach(async () => {
      await Promise.all(opened.splice(0).map((i) => i.close()));
    });
    async function setup(opts: Partial<IndexFactoryOptions> = {}) {
      const clock = opts.clock ?? new ManualClock();
      const index = await factory({ staleAfterMs: 60_000, ...opts, clock });
      opened.push(index);
      const online = async (id: string, p: LatLng, region = REGION) => {
        expect(await index.ingest(id, region, { ...p, ts: clock.now() })).toMatchObject({ accepted: true });
        await index.setStatus(id, region, "available");
      };
      return { clock, index, online };
    }

    it("stores an accepted position with its H3 cells and heartbeat", async () => {
      const { clock, index } = await setup();
      const res = await index.ingest("d1", REGION, {
        ...BERLIN,
        heading: 90,
        speed: 7,
        accuracy: 5,
        ts: clock.now(),
      });
      expect(res).toEqual({
        accepted: true,
        cell: latLngToCell(BERLIN.lat, BERLIN.lng, DRIVER_CELL_RESOLUTION),
      });
      const d = await index.getDriver("d1", REGION);
      expect(d?.state).toBe("offline");
      expect(d?.position).toMatchObject({
        ...BERLIN,
        heading: 90,
        speed: 7,
        accuracy: 5,
        receivedAt: clock.now(),
      });
      expect(getResolution(d!.position!.cell)).toBe(DRIVER_CELL_RESOLUTION);
      expect(d?.fresh).toBe(true);
    });

    it("refuses invalid, future and out-of-order positions without moving the driver, and counts them", async () => {
      const { clock, index } = await setup();
      const t = clock.now();
      await index.ingest("d1", REGION, { ...BERLIN, ts: t });
      const far = destination(BERLIN, 0, 5000);
      const bad = [
        { lat: Number.NaN, lng: 13, ts: t + 1 },
        { lat: 91, lng: 13, ts: t + 1 },
        { lat: 52, lng: 181, ts: t + 1 },
        { lat: 86, lng: 13, ts: t + 1 },
        { lat: 52, lng: Number.POSITIVE_INFINITY, ts: t + 1 },
        { ...far, ts: Number.NaN },
        { ...far, speed: Number.NaN, ts: t + 1 },
      ];
      for (const p of bad)
        expect(await index.ingest("d1", REGION, p)).toEqual({ accepted: false, reason: "invalid" });
      expect(await index.ingest("d1", REGION, { ...far, ts: t + 10 * 60_000 })).toEqual({
        accepted: false,
        reason: "future",
      });
      expect(await index.ingest("d1", REGION, { ...far, ts: t })).toEqual({
        accepted: false,
        reason: "stale",
      });
      expect(await index.ingest("d1", REGION, { ...far, ts: t - 1000 })).toEqual({
        accepted: false,
        reason: "stale",
      });
      // Out of order within one batch, too: the later timestamp wins whatever the arrival order.
      const [a, b] = await Promise.all([
        index.ingest("d1", REGION, { ...far, ts: t + 2000 }),
        index.ingest("d1", REGION, { ...BERLIN, ts: t + 1000 }),
      ]);
      expect(a).toMatchObject({ accepted: true });
      expect(b).toEqual({ accepted: false, reason: "stale" });
      const d = await index.getDriver("d1", REGION);
      expect(d?.position).toMatchObject({ lat: far.lat, lng: far.lng, ts: t + 2000 });
      expect(index.metrics().refused).toEqual({ invalid: 7, future: 1, stale: 3 });
      expect(index.metrics().accepted).toBe(2);
    });

    it("offers work only to available drivers with a fresh heartbeat, and takes them back when positions return", async () => {
      const { clock, index, online } = await setup({ staleAfterMs: 30_000 });
      await online("a", BERLIN);
      await online("b", destination(BERLIN, 0, 300));
      await online("c", destination(BERLIN, 0, 600));
      await index.setStatus("b", REGION, "break");
      await index.setStatus("c", REGION, "offline");
      const q = { radiusM: 5000, limit: 10 };
      expect((await index.nearest(REGION, BERLIN, q)).map((n) => n.driverId)).toEqual(["a"]);
      expect((await index.getDriver("b", REGION))?.state).toBe("break");
      clock.advance(31_000);
      expect(await index.nearest(REGION, BERLIN, q)).toEqual([]);
      expect(await index.claim(REGION, "a", "x", { deadline: clock.now() + 1000 })).toEqual({
        ok: false,
        reason: "stale",
      });
      expect((await index.getDriver("a", REGION))?.fresh).toBe(false);
      await index.ingest("a", REGION, { ...BERLIN, ts: clock.now() });
      expect((await index.nearest(REGION, BERLIN, q)).map((n) => n.driverId)).toEqual(["a"]);
      await index.setStatus("b", REGION, "available");
      await index.ingest("b", REGION, { ...destination(BERLIN, 0, 300), ts: clock.now() });
      expect((await index.nearest(REGION, BERLIN, q)).map((n) => n.driverId)).toEqual(["a", "b"]);
    });

    it("restores the status of a driver it has no record of from the position's hint", async () => {
      const { clock, index } = await setup();
      await index.ingest("z", REGION, { ...BERLIN, ts: clock.now() }, { statusIfUnknown: "available" });
      expect((await index.getDriver("z", REGION))?.state).toBe("available");
      await index.setStatus("z", REGION, "break");
      await index.ingest("z", REGION, { ...BERLIN, ts: clock.now() + 1 }, { statusIfUnknown: "available" });
      expect((await index.getDriver("z", REGION))?.state).toBe("break");
    });

    it("lets exactly one of many concurrent claims on a driver win", async () => {
      const { clock, index, online } = await setup();
      await online("a", BERLIN);
      const results = await Promise.all(
        Array.from({ length: 50 }, (_, i) =>
          index.claim(REGION, "a", `del-${i}`, { deadline: clock.now() + 30_000 }),
        ),
      );
      expect(results.filter((r) => r.ok)).toHaveLength(1);
      expect(results.filter((r) => !r.ok).every((r) => !r.ok && r.reason === "not_available")).toBe(true);
      const d = await index.getDriver("a", REGION);
      expect(d?.state).toBe("offered");
      expect(await index.nearest(REGION, BERLIN, { radiusM: 1000, limit: 5 })).toEqual([]);
      expect(await index.claim(REGION, "ghost", "x", { deadline: 1 })).toEqual({
        ok: false,
        reason: "unknown_driver",
      });
    });

    it("moves a driver offered → assigned → available, and back to available on decline", async () => {
      const { clock, index, online } = await setup();
      await online("a", BERLIN);
      await index.putRequest(aRecord({ deliveryId: "o1" }), { expectedVersion: null, dueAt: clock.now() });
      const rec = (await index.getRequest(REGION, "o1"))!;
      const deadline = clock.now() + 30_000;
      const next = { ...rec, status: "offered" as const, driverId: "a", offerDeadline: deadline };
      expect(
        await index.claim(REGION, "a", "o1", { deadline, record: { next, expectedVersion: 2 } }),
      ).toEqual({
        ok: false,
        reason: "request_changed",
      });
      expect(
        await index.claim(REGION, "a", "o1", { deadline, record: { next, expectedVersion: 1 } }),
      ).toEqual({ ok: true });
      expect(await index.leaseDue(REGION, clock.now() + 1, 1000, 10)).toEqual([]);
      expect(await index.confirm(REGION, "b", "o1")).toEqual({ ok: false, reason: "no_such_offer" });
      expect(await index.confirm(REGION, "a", "o1")).toEqual({ ok: true });
      let d = await index.getDriver("a", REGION);
      expect(d).toMatchObject({ state: "assigned", deliveries: ["o1"], offer: null });
      expect(await index.getRequest(REGION, "o1")).toMatchObject({
        status: "assigned",
        driverId: "a",
        version: 3,
      });
      expect(await index.complete(REGION, "a", "o1")).toBe(true);
      expect(await index.complete(REGION, "a", "o1")).toBe(false);
      d = await index.getDriver("a", REGION);
      expect(d).toMatchObject({ state: "available", deliveries: [] });
      expect((await index.getRequest(REGION, "o1"))?.status).toBe("completed");

      await index.putRequest(aRecord({ deliveryId: "o2" }), { expectedVersion: null, dueAt: null });
      const r2 = (await index.getRequest(REGION, "o2"))!;
      await index.claim(REGION, "a", "o2", {
        deadline,
        record: {
          next: { ...r2, status: "offered", driverId: "a", offerDeadline: deadline },
          expectedVersion: 1,
        },
      });
      expect(await index.release(REGION, "a", "o2", "declined")).toBe(true);
      expect(await index.release(REGION, "a", "o2", "declined")).toBe(false);
      expect((await index.getDriver("a", REGION))?.state).toBe("available");
      expect(await index.getRequest(REGION, "o2")).toMatchObject({
        status: "waiting",
        driverId: null,
        declined: ["a"],
      });
      const due = await index.leaseDue(REGION, clock.now(), 5000, 10);
      expect(due.map((r) => r.deliveryId)).toEqual(["o2"]);
      expect(await index.leaseDue(REGION, clock.now(), 5000, 10)).toEqual([]);
      expect((await index.leaseDue(REGION, clock.now() + 5000, 5000, 10)).map((r) => r.deliveryId)).toEqual([
        "o2",
      ]);
    });

    it("refuses to confirm an offer past its deadline and expires it exactly once", async () => {
      const { clock, index, online } = await setup();
      await online("a", BERLIN);
      await index.putRequest(aRecord({ deliveryId: "o1" }), { expectedVersion: null, dueAt: null });
      const rec = (await index.getRequest(REGION, "o1"))!;
      const deadline = clock.now() + 30_000;
      await index.claim(REGION, "a", "o1", {
        deadline,
        record: {
          next: { ...rec, status: "offered", driverId: "a", offerDeadline: deadline },
          expectedVersion: 1,
        },
      });
      expect(await index.expireOffers(REGION, clock.now(), 10)).toEqual([]);
      clock.advance(30_001);
      expect(await index.confirm(REGION, "a", "o1")).toEqual({ ok: false, reason: "expired" });
      const [x, y] = await Promise.all([
        index.expireOffers(REGION, clock.now(), 10),
        index.expireOffers(REGION, clock.now(), 10),
      ]);
      expect([...x, ...y]).toEqual([{ deliveryId: "o1", driverId: "a", companions: [], deadline }]);
      expect((await index.getDriver("a", REGION))?.state).toBe("available");
      expect(await index.getRequest(REGION, "o1")).toMatchObject({
        status: "waiting",
        timedOut: ["a"],
        driverId: null,
      });
      expect((await index.leaseDue(REGION, clock.now(), 1000, 10)).map((r) => r.deliveryId)).toEqual(["o1"]);
    });

    it("compare-and-sets delivery records on their version", async () => {
      const { index } = await setup();
      const rec = aRecord({ deliveryId: "o1" });
      expect(await index.putRequest(rec, { expectedVersion: null, dueAt: null })).toBe(true);
      expect(await index.putRequest(rec, { expectedVersion: null, dueAt: null })).toBe(false);
      expect(await index.putRequest({ ...rec, attempts: 5 }, { expectedVersion: 7, dueAt: null })).toBe(
        false,
      );
      expect(await index.putRequest({ ...rec, attempts: 5 }, { expectedVersion: 1, dueAt: null })).toBe(true);
      expect(await index.getRequest(REGION, "o1")).toMatchObject({ attempts: 5, version: 2, declined: [] });
      expect(await index.getRequest(REGION, "nope")).toBeNull();
    });

    it("with batching on, lets an assigned driver take one more delivery and no more", async () => {
      const { clock, index, online } = await setup({ maxDeliveriesPerDriver: 2 });
      await online("a", BERLIN);
      const deadline = clock.now() + 30_000;
      expect(await index.claim(REGION, "a", "o1", { deadline })).toEqual({ ok: true });
      expect(await index.confirm(REGION, "a", "o1")).toEqual({ ok: true });
      expect(
        (await index.nearest(REGION, BERLIN, { radiusM: 100, limit: 1 })).map((n) => n.driverId),
      ).toEqual(["a"]);
      expect(await index.claim(REGION, "a", "o2", { deadline })).toEqual({ ok: true });
      expect(await index.confirm(REGION, "a", "o2")).toEqual({ ok: true });
      expect(await index.claim(REGION, "a", "o3", { deadline })).toEqual({
        ok: false,
        reason: "not_available",
      });
      expect((await index.getDriver("a", REGION))?.deliveries).toEqual(["o1", "o2"]);
    });

    describe("nearest equals brute force", () => {
      const scenarios: { name: string; centre: LatLng; spreadM: number; seed: number }[] = [
        { name: "a city", centre: BERLIN, spreadM: 15_000, seed: 1 },
        { name: "across the antimeridian", centre: { lat: -16.8, lng: 179.97 }, spreadM: 12_000, seed: 2 },
        { name: "at high latitude", centre: { lat: 78.22, lng: 15.65 }, spreadM: 12_000, seed: 3 },
        { name: "next to the Mercator limit", centre: { lat: 84.93, lng: -40 }, spreadM: 10_000, seed: 4 },
        { name: "in the far south", centre: { lat: -84.9, lng: -179.95 }, spreadM: 10_000, seed: 5 },
        // An H3 pentagon (near Dalian): rings around it have five sides, cells around it are distorted.
        { name: "around an H3 pentagon", centre: { lat: 39.1, lng: 122.3 }, spreadM: 3_000, seed: 6 },
      ];
      const QUERIES = 1000;
      for (const sc of scenarios) {
        it(`over ${QUERIES} random queries ${sc.name}, including cell vertices`, async () => {
          const { clock, index } = await setup({ staleAfterMs: 60_000 });
          const rand = rng(sc.seed);
          const region = `r${sc.seed}`;
          const randomPoint = (spread: number): LatLng => {
            const p = destination(sc.centre, rand() * 360, Math.sqrt(rand()) * spread);
            return { lat: Math.max(-85, Math.min(85, p.lat)), lng: normalizeLng(p.lng) };
          };
          // Points on search-cell vertices and edges: where a ring search is most likely to miss.
          const cellEdgePoints: LatLng[] = [];
          for (let i = 0; i < 60; i++) {
            const c = latLngToCell(
              randomPoint(sc.spreadM).lat,
              randomPoint(sc.spreadM).lng,
              SEARCH_CELL_RESOLUTION,
            );
            const boundary = cellToBoundary(c);
            const v = boundary[i % boundary.length]!;
            const w = boundary[(i + 1) % boundary.length]!;
            cellEdgePoints.push({ lat: v[0], lng: v[1] });
            const t = rand();
            cellEdgePoints.push({
              lat: v[0] + (w[0] - v[0]) * t,
              lng: normalizeLng(v[1] + (w[1] - v[1]) * t),
            });
          }
          type Model = { id: string; p: LatLng; eligible: boolean };
          const fleet: Model[] = [];
          const N = 1500;
          const t0 = clock.now();
          // Some drivers go stale: their last position is older than staleAfterMs when queries run.
          const ingests: Promise<unknown>[] = [];
          for (let i = 0; i < N; i++) {
            const p =
              i < cellEdgePoints.length
                ? cellEdgePoints[i]!
                : randomPoint(i % 3 === 0 ? sc.spreadM / 4 : sc.spreadM);
            fleet.push({ id: `d${i}`, p, eligible: true });
          }
          clock.set(t0);
          const staleIds = new Set(fleet.filter((_, i) => i % 11 === 5).map((f) => f.id));
          for (const f of fleet)
            if (staleIds.has(f.id)) ingests.push(index.ingest(f.id, region, { ...f.p, ts: t0 }));
          await Promise.all(ingests);
          clock.advance(61_000);
          await Promise.all(
            fleet
              .filter((f) => !staleIds.has(f.id))
              .map((f) =>
                index.ingest(f.id, region, { ...f.p, ts: clock.now() }, { statusIfUnknown: "offline" }),
              ),
          );
          await Promise.all(
            fleet.map((f, i) =>
              index.setStatus(f.id, region, i % 7 === 3 ? "break" : i % 13 === 4 ? "offline" : "available"),
            ),
          );
          // A few drivers are busy with an offer.
          for (let i = 0; i < N; i += 17)
            await index.claim(region, `d${i}`, `busy-${i}`, { deadline: clock.now() + 1e6 });
          for (const f of fleet) {
            const snap = await index.getDriver(f.id, region);
            f.eligible = !staleIds.has(f.id) && snap?.state === "available";
          }
          expect(fleet.filter((f) => f.eligible).length).toBeGreaterThan(N / 2);

          for (let q = 0; q < QUERIES; q++) {
            const point =
              q % 5 === 0 ? cellEdgePoints[q % cellEdgePoints.length]! : randomPoint(sc.spreadM * 1.2);
            const radiusM = q % 10 === 0 ? 100_000 : 100 + rand() * 8000;
            const limit = 1 + Math.floor(rand() * 10);
            const exclude = q % 4 === 0 ? fleet.slice(q % 50, (q % 50) + 5).map((f) => f.id) : [];
            const ranked = fleet
              .filter((f) => f.eligible && !exclude.includes(f.id))
              .map((f) => ({ id: f.id, d: haversineM(point, f.p) }))
              .filter((x) => x.d <= radiusM)
              .sort((a, b) => a.d - b.d);
            const expected = ranked.slice(0, limit);
            const got = await index.nearest(region, point, { radiusM, limit, exclude });
            const ctx = `query ${q} at ${point.lat},${point.lng} r=${radiusM} limit=${limit}`;
            expect(
              got.map((g) => g.distanceM),
              ctx,
            ).toEqual(expected.map((e) => expect.closeTo(e.d, 6)));
            // Drivers on a shared cell vertex tie; otherwise the chosen one must be the same driver.
            const [first, second] = ranked;
            if (first && !(second && Math.abs(second.d - first.d) < 1e-6))
              expect(got[0]?.driverId, ctx).toBe(first.id);
          }
        });
      }
    });
  });
}
