import { describe, expect, it } from "vitest";
import { earningOf } from "./delivery-earning.ts";
import { weekBounds } from "./earnings-week.ts";

describe("a driver's week", () => {
  it("runs Monday to Monday in the store's zone, across a daylight-saving change", () => {
    // Berlin moves to summer time on Sunday 29 March 2026.
    const w = weekBounds(new Date("2026-03-29T12:00:00Z"), "Europe/Berlin");
    expect(w.from.toISOString()).toBe("2026-03-22T23:00:00.000Z");
    expect(w.to.toISOString()).toBe("2026-03-29T22:00:00.000Z");
    expect(w.days).toEqual([
      "2026-03-23",
      "2026-03-24",
      "2026-03-25",
      "2026-03-26",
      "2026-03-27",
      "2026-03-28",
      "2026-03-29",
    ]);
    const last = weekBounds(new Date("2026-03-29T12:00:00Z"), "Europe/Berlin", 1);
    expect(last.to).toEqual(w.from);
    expect(last.days[0]).toBe("2026-03-16");
  });

  it("is the local week: Monday 01:00 in Tokyo is still Sunday in UTC", () => {
    const w = weekBounds(new Date("2026-12-06T16:30:00Z"), "Asia/Tokyo");
    expect(w.from.toISOString()).toBe("2026-12-06T15:00:00.000Z");
    expect(w.days[0]).toBe("2026-12-07");
  });
});

describe("one delivery's earnings", () => {
  it("card: fee and card tip, no cash; cash: the tip stays with the driver, the rest is handed in", () => {
    expect(earningOf({ paymentMethod: "card", total: 2500, tip: 300 }, 400)).toEqual({
      fee: 400,
      tipCard: 300,
      tipCash: 0,
      cashToHandIn: 0,
    });
    expect(earningOf({ paymentMethod: "cash", total: 2500, tip: 200 }, 400)).toEqual({
      fee: 400,
      tipCard: 0,
      tipCash: 200,
      cashToHandIn: 2300,
    });
  });
});
