import { latLngToCell } from "h3-js";
import { describe, expect, it } from "vitest";
import { boundsOf, ease, hexagonRings, lerp } from "./geometry.ts";

describe("map geometry", () => {
  it("turns H3 cells into closed [lng, lat] rings and skips invalid cells", async () => {
    const cell = latLngToCell(40.7128, -74.006, 9);
    const rings = await hexagonRings([cell, "not-a-cell"]);
    expect(rings).toHaveLength(1);
    const ring = rings[0]!;
    expect(ring.length).toBeGreaterThanOrEqual(7);
    expect(ring[0]).toEqual(ring[ring.length - 1]);
    for (const [lng, lat] of ring) {
      expect(lng).toBeCloseTo(-74.006, 1);
      expect(lat).toBeCloseTo(40.7128, 1);
    }
  });

  it("frames rings and markers, giving a single point some area", async () => {
    const one = boundsOf([], [{ lng: 10, lat: 50 }]);
    expect(one).not.toBeNull();
    expect(one!.east - one!.west).toBeGreaterThan(0);
    expect(one!.north - one!.south).toBeGreaterThan(0);
    expect(boundsOf([], [])).toBeNull();
  });

  it("interpolates positions with an ease that starts at 0 and ends at 1", () => {
    expect(ease(0)).toBe(0);
    expect(ease(1)).toBe(1);
    expect(lerp({ lng: 0, lat: 0 }, { lng: 2, lat: 4 }, 0.5)).toEqual({ lng: 1, lat: 2 });
  });
});
