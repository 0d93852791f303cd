import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type BatchOrder, DEFAULT_BATCH_RULES, decideBatch, routeArrivals } from "./batch-decision.ts";
import { EtaModel } from "./eta.ts";
import { destination } from "./geo.ts";

const STORE = { lat: 52.52, lng: 13.405 };
const NOW = 1_800_000_000_000;
const eta = new EtaModel();
const order = (deliveryId: string, bearing: number, distanceM: number, readyInMs = 0): BatchOrder => ({
  deliveryId,
  pickup: STORE,
  dropoff: destination(STORE, bearing, distanceM),
  readyAt: NOW + readyInMs,
});

describe("decideBatch", () => {
  it("puts two ready orders going the same way on one trip, the nearer door first", () => {
    const far = order("far", 40, 2500);
    const near = order("near", 50, 1500);
    const d = decideBatch(eta, "berlin", far, near, NOW);
    expect(d).toMatchObject({ batched: true, route: ["near", "far"], bearingDiffDeg: 10 });
    expect(d.detourMin).toBeLessThanOrEqual(5);
    expect(d.delayS.near).toBe(0);
    expect(d.delayS.far).toBeGreaterThan(0);
  });

  it("says why not: different directions, a detour over the limit, not ready in the window, another store", () => {
    expect(decideBatch(eta, "berlin", order("a", 0, 2000), order("b", 180, 2000), NOW)).toMatchObject({
      batched: false,
      reason: "different directions",
      bearingDiffDeg: 180,
    });
    // Similar direction, but 2 km between the doors: whichever goes second waits 8½ minutes longer.
    const detour = decideBatch(eta, "berlin", order("a", 0, 3000), order("b", 40, 3000), NOW);
    expect(detour).toMatchObject({ batched: false, reason: "detour too long" });
    expect(detour.detourMin).toBeGreaterThan(5);
    expect(
      decideBatch(eta, "berlin", order("a", 0, 2000), order("b", 10, 2000, 6 * 60_000), NOW),
    ).toMatchObject({
      batched: false,
      reason: "not ready within the window",
    });
    const elsewhere = { ...order("b", 10, 2000), pickup: destination(STORE, 90, 500) };
    expect(decideBatch(eta, "berlin", order("a", 0, 2000), elsewhere, NOW).reason).toBe("different pick-up");
  });

  it("counts the wait for a nearly ready partner as delay to the ready order", () => {
    const a = order("a", 0, 2000);
    const soon = decideBatch(eta, "berlin", a, order("b", 5, 2100, 4.5 * 60_000), NOW);
    expect(soon).toMatchObject({ batched: true, route: ["a", "b"] });
    expect(soon.delayS.a).toBe(270);
    const fourMin = { ...DEFAULT_BATCH_RULES, maxDelayMs: 4 * 60_000 };
    expect(decideBatch(eta, "berlin", a, order("b", 5, 2100, 4.5 * 60_000), NOW, fourMin)).toMatchObject({
      batched: false,
      reason: "detour too long",
      detourMin: 4.5,
    });
  });

  it("property: a batch never holds either order back more than the limit, nor crosses the bearing limit", () => {
    const arbOrder = (id: string) =>
      fc
        .record({
          bearing: fc.double({ min: 0, max: 359.9, noNaN: true }),
          dist: fc.integer({ min: 200, max: 8000 }),
          ready: fc.integer({ min: -600_000, max: 600_000 }),
        })
        .map((o) => order(id, o.bearing, o.dist, o.ready));
    const arbRules = fc.record({
      maxDelayMs: fc.integer({ min: 0, max: 15 * 60_000 }),
      readyWindowMs: fc.integer({ min: 0, max: 10 * 60_000 }),
      maxBearingDiffDeg: fc.integer({ min: 0, max: 180 }),
      samePickupM: fc.constant(50),
    });
    fc.assert(
      fc.property(arbOrder("a"), arbOrder("b"), arbRules, (a, b, rules) => {
        const d = decideBatch(eta, "berlin", a, b, NOW, rules);
        if (!d.batched) return;
        expect(d.bearingDiffDeg).toBeLessThanOrEqual(rules.maxBearingDiffDeg);
        expect(Math.max(a.readyAt, b.readyAt)).toBeLessThanOrEqual(NOW + rules.readyWindowMs);
        const byId = { a, b } as Record<string, BatchOrder>;
        const onTrip = routeArrivals(
          eta,
          "berlin",
          d.route.map((id) => byId[id]!),
          NOW,
        );
        for (const o of [a, b]) {
          const alone = routeArrivals(eta, "berlin", [o], NOW)[o.deliveryId]!;
          expect(onTrip[o.deliveryId]! - alone).toBeLessThanOrEqual(rules.maxDelayMs / 1000 + 0.1);
        }
      }),
      { numRuns: 2000 },
    );
  });
});
