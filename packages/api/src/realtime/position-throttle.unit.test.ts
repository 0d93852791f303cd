import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { DriverPositionEvent } from "./events.ts";
import { PositionThrottle } from "./position-throttle.ts";

const event = (at: number, lat = 40.7): DriverPositionEvent => ({
  orderId: "o1",
  version: 3,
  driverId: "d1",
  position: { lat, lng: -73.9, at },
});

describe("PositionThrottle (1 s interval: 900 ms spacing, 225 ms minimum gap)", () => {
  let sent: { lat: number; at: number; now: number }[];
  let throttle: PositionThrottle;
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "setInterval", "clearInterval", "Date"] });
    vi.setSystemTime(1_000_000);
    sent = [];
    throttle = new PositionThrottle(1_000, (e) =>
      sent.push({ lat: e.position.lat, at: e.position.at, now: Date.now() }),
    );
  });
  afterEach(() => {
    throttle.close();
    vi.useRealTimers();
  });

  it("never holds an honest 1 Hz driver whose positions arrive bunched up by transit jitter", () => {
    const t0 = Date.now();
    throttle.offer(event(t0));
    vi.advanceTimersByTime(1_400); // the second position was held up 400 ms on its way here
    throttle.offer(event(t0 + 1_000, 40.71));
    vi.advanceTimersByTime(600); // the third arrives on time: 600 ms after the second
    throttle.offer(event(t0 + 2_000, 40.72));
    expect(sent.map((s) => s.now - t0)).toEqual([0, 1_400, 2_000]);
  });

  it("cuts a fast sender to one per spacing, always ending on its latest position", () => {
    const t0 = Date.now();
    for (let i = 0; i < 10; i++) {
      throttle.offer(event(Date.now(), 40.7 + i / 100));
      vi.advanceTimersByTime(200);
    }
    vi.advanceTimersByTime(1_000);
    // 3 s in all: the first at once, then one per 900 ms at most, the last one the latest position.
    expect(sent[0]!.now).toBe(t0);
    expect(sent.length).toBeGreaterThanOrEqual(3);
    expect(sent.length).toBeLessThanOrEqual(4);
    for (let i = 1; i < sent.length; i++) expect(sent[i]!.now - sent[i - 1]!.now).toBeGreaterThanOrEqual(900);
    expect(sent.at(-1)?.lat).toBeCloseTo(40.79, 9);
  });

  it("gives a driver lying about its clock at most one position per 225 ms", () => {
    const t0 = Date.now();
    for (let i = 0; i < 20; i++) {
      throttle.offer(event(t0 + i * 1_000, 40.7 + i / 100)); // claims a second between positions
      vi.advanceTimersByTime(50); // sends twenty a second
    }
    vi.advanceTimersByTime(1_000);
    const gaps = sent.slice(1).map((s, i) => s.now - sent[i]!.now);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(225);
    expect(sent.length).toBeLessThanOrEqual(Math.ceil(1_000 / 225) + 2);
    expect(sent.at(-1)?.lat).toBeCloseTo(40.89, 9);
  });
});
