import { describe, expect, it } from "vitest";
import { loadConfig } from "./env.ts";

const base = { NODE_ENV: "test", PGLITE_DIR: "memory://" };

describe("batching settings", () => {
  it("off by default; trips of at most 5 min delay, 5 min ready window, 45° apart", () => {
    expect(loadConfig(base).dispatch).toMatchObject({
      batching: false,
      batchRules: { maxDelayMs: 300_000, readyWindowMs: 300_000, maxBearingDiffDeg: 45 },
    });
    const on = loadConfig({
      ...base,
      DISPATCH_BATCHING: "on",
      DISPATCH_BATCH_MAX_DELAY_MIN: "3",
      DISPATCH_BATCH_READY_WINDOW_MIN: "2.5",
      DISPATCH_BATCH_MAX_BEARING_DEG: "30",
    }).dispatch;
    expect(on).toMatchObject({
      batching: true,
      batchRules: { maxDelayMs: 180_000, readyWindowMs: 150_000, maxBearingDiffDeg: 30 },
    });
  });

  it("refuses a bad value in one line naming the variable", () => {
    expect(() => loadConfig({ ...base, DISPATCH_BATCHING: "yes" })).toThrow(
      /^Invalid configuration: DISPATCH_BATCHING must be on or off \(got "yes"\)$/,
    );
    expect(() => loadConfig({ ...base, DISPATCH_BATCH_MAX_BEARING_DEG: "270" })).toThrow(
      /^Invalid configuration: DISPATCH_BATCH_MAX_BEARING_DEG .* \(got "270"\)$/,
    );
  });
});
