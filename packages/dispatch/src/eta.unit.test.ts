import { describe, expect, it } from "vitest";
import { EtaModel } from "./eta.ts";
import { destination } from "./geo.ts";

describe("EtaModel", () => {
  const store = { lat: 52.52, lng: 13.405 };
  const eta = new EtaModel({ tokyo: { speedKmh: 18, roadFactor: 1.5, stopS: 180 } });

  it("turns straight-line distance into road time with the region's speed and road factor", () => {
    const oneKm = destination(store, 90, 1000);
    // Default model: 1 km × 1.35 at 25 km/h.
    expect(eta.travelS("berlin", store, oneKm)).toBeCloseTo((1350 / 25) * 3.6, 0);
    expect(eta.travelS("tokyo", store, oneKm)).toBeCloseTo((1500 / 18) * 3.6, 0);
  });

  it("adds the wait for the oven and the stop at the store to the drop-off ETA", () => {
    const driver = destination(store, 0, 1000);
    const home = destination(store, 180, 2000);
    const ready = eta.delivery("berlin", driver, store, home, 0);
    expect(ready.dropoffS).toBeCloseTo(ready.pickupS + 120 + eta.travelS("berlin", store, home), 6);
    const notYet = eta.delivery("berlin", driver, store, home, 600);
    expect(notYet.pickupS).toBe(ready.pickupS);
    expect(notYet.dropoffS).toBeCloseTo(600 + 120 + eta.travelS("berlin", store, home), 6);
  });
});
