import { describe, expect, it } from "vitest";
import { BUMP_BAR_IDLE, bumpBarKey, clock, lateness, nextStage } from "./kitchen-model.ts";

describe("kitchen model", () => {
  it("bumps through the kitchen stages; a ready delivery order waits for its driver", () => {
    expect(nextStage("placed", "delivery")).toBe("preparing");
    expect(nextStage("preparing", "delivery")).toBe("baking");
    expect(nextStage("baking", "delivery")).toBe("quality_check");
    expect(nextStage("quality_check", "delivery")).toBe("ready");
    expect(nextStage("ready", "delivery")).toBeNull();
    expect(nextStage("ready", "carryout")).toBe("picked_up");
    expect(nextStage("out_for_delivery", "delivery")).toBeNull();
  });

  it("turns amber then red", () => {
    expect(lateness(0, 10 * 60_000)).toBe("ok");
    expect(lateness(8 * 60_000, 10 * 60_000)).toBe("warn");
    expect(lateness(10 * 60_000, 10 * 60_000)).toBe("late");
  });

  it("formats clocks", () => {
    expect(clock(247_000)).toBe("4:07");
    expect(clock(-61_000)).toBe("-1:01");
    expect(clock(3_725_000)).toBe("1:02:05");
  });

  it("reads a bump bar: digits select, Enter/Space/B bump, R recalls, U undoes", () => {
    let s = BUMP_BAR_IDLE;
    let r = bumpBarKey(s, "1", 1000, 12);
    expect(r.action).toEqual({ kind: "select", index: 1 });
    s = r.state;
    r = bumpBarKey(s, "2", 1500, 12);
    expect(r.action).toEqual({ kind: "select", index: 12 });
    r = bumpBarKey(r.state, "3", 1800, 12); // 123 > 12: starts over at 3
    expect(r.action).toEqual({ kind: "select", index: 3 });
    r = bumpBarKey(r.state, "4", 5000, 12); // after a pause: a fresh number
    expect(r.action).toEqual({ kind: "select", index: 4 });
    expect(bumpBarKey(r.state, "9", 5100, 3).action).toEqual({ kind: "none" });
    for (const k of ["Enter", " ", "b", "B"]) expect(bumpBarKey(s, k, 0, 3).action).toEqual({ kind: "bump" });
    expect(bumpBarKey(s, "r", 0, 3).action).toEqual({ kind: "recall" });
    for (const k of ["u", "U"]) expect(bumpBarKey(s, k, 0, 3).action).toEqual({ kind: "undo" });
    expect(bumpBarKey(s, "ArrowRight", 0, 3).action).toEqual({ kind: "move", by: 1 });
    expect(bumpBarKey(s, "x", 0, 3).action).toEqual({ kind: "none" });
  });
});
