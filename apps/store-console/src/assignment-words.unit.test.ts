import { describe, expect, it } from "vitest";
import { explainAssignment } from "./assignment-words.ts";

const names = new Map([
  ["d1", "Ana"],
  ["d2", "Ben"],
  ["d3", "Chi"],
]);

describe("assignment explanation in words", () => {
  it("names the candidates nearest first with distance and ETA, the chosen one, lost races and declines", () => {
    const words = explainAssignment(
      {
        note: "nearest available",
        candidates: [
          { driverId: "d2", distanceM: 2400, pickupEtaS: 420, score: 2 },
          { driverId: "d1", distanceM: 800, pickupEtaS: 150, score: 1 },
          { driverId: "d3", distanceM: 1200, pickupEtaS: 240, score: 1.5 },
        ],
        chosen: { driverId: "d3", distanceM: 1200, pickupEtaS: 240 },
        lostRaces: ["d1"],
        declined: ["d2"],
        timedOut: [],
        dropoffEtaS: 900,
      },
      names,
    );
    expect(words.headline).toBe(
      "Dispatch chose Chi, the nearest available driver (1.2 km away, at the store in about 4 min).",
    );
    expect(words.candidates).toEqual([
      "Ana: 0.8 km away, at the store in about 3 min",
      "Chi: 1.2 km away, at the store in about 4 min — chosen",
      "Ben: 2.4 km away, at the store in about 7 min",
    ]);
    expect(words.notes).toEqual([
      "Taken by another order at the same moment: Ana.",
      "Declined the offer: Ben.",
      "Expected at the customer's door about 15 min after this decision.",
    ]);
  });

  it("says manual assignment, waiting for the oven and no driver in words, and copes with unknowns", () => {
    expect(
      explainAssignment(
        {
          note: "manual assignment by staff",
          chosen: { driverId: "zz999999x", distanceM: null, pickupEtaS: null },
        },
        names,
      ).headline,
    ).toBe("Manual assignment by staff: a driver no longer on shift (zz999999) (position unknown).");
    expect(explainAssignment({ note: "waiting for the oven", candidates: [] }, names).headline).toMatch(
      /^Waiting for the oven/,
    );
    expect(explainAssignment({ note: "no available driver" }, names).headline).toMatch(
      /No driver is available/,
    );
    expect(explainAssignment({}, names)).toEqual({
      headline: "Dispatch has not looked for a driver yet.",
      candidates: [],
      notes: [],
    });
  });
});

describe("trip (batch) explanation in words", () => {
  const base = {
    note: "nearest available, trip of 2 (stop 2)",
    chosen: { driverId: "d1", distanceM: 300, pickupEtaS: 60 },
  };
  it("says the order is on a trip, its stop, the detour and the directions against their limits", () => {
    const words = explainAssignment(
      {
        ...base,
        batch: {
          batched: true,
          first: "o2",
          second: "o1",
          route: ["o1", "o2"],
          detourMin: 3.2,
          maxDelayMin: 5,
          bearingDiffDeg: 10,
          maxBearingDiffDeg: 45,
          readyAt: { o1: 0, o2: 120_000 },
        },
      },
      names,
    );
    expect(words.headline).toMatch(/^Dispatch chose Ana, the nearest available driver/);
    expect(words.notes).toContain(
      "On one trip with another order of the store (this order is stop 2 of 2): detour 3.2 min of 5 allowed; directions 10° apart of 45° allowed; ready 2 min apart.",
    );
  });
  it("says why an order went alone", () => {
    const words = explainAssignment(
      {
        ...base,
        note: "nearest available",
        batch: {
          batched: false,
          reason: "different directions",
          detourMin: 0,
          maxDelayMin: 5,
          bearingDiffDeg: 170,
          maxBearingDiffDeg: 45,
        },
      },
      names,
    );
    expect(words.notes).toContain(
      "Not put on a trip with another waiting order: the two addresses lie in different directions (detour 0 min of 5 allowed; directions 170° apart of 45° allowed).",
    );
  });
});
