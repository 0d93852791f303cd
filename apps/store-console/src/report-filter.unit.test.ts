// The Reports tab's filter: the API input per scope, and the chart's period labels written as the API
// writes its buckets (days, Mondays, local hours), quiet periods included.
import { describe, expect, it } from "vitest";
import { periodLabels, reportInput } from "./report-filter.ts";

const store = { id: "s-1", regionCode: "us" };
const form = { from: "2026-11-02", to: "2026-11-08", bucket: "day" as const, channel: "" as const };

describe("report filter", () => {
  it("sends this store, its region or nothing (the chain), and the channel only when chosen", () => {
    expect(reportInput({ ...form, scope: "store" }, store)).toEqual({
      from: "2026-11-02",
      to: "2026-11-08",
      bucket: "day",
      storeId: "s-1",
    });
    expect(reportInput({ ...form, scope: "region", channel: "delivery" }, store)).toMatchObject({
      regionCode: "us",
      channel: "delivery",
    });
    expect(reportInput({ ...form, scope: "chain" }, store)).not.toHaveProperty("storeId");
  });

  it("labels every day, every week by its Monday, every hour", () => {
    expect(periodLabels(form)).toEqual([
      "2026-11-02",
      "2026-11-03",
      "2026-11-04",
      "2026-11-05",
      "2026-11-06",
      "2026-11-07",
      "2026-11-08",
    ]);
    expect(periodLabels({ from: "2026-11-04", to: "2026-11-16", bucket: "week" })).toEqual([
      "2026-11-02",
      "2026-11-09",
      "2026-11-16",
    ]);
    const hours = periodLabels({ from: "2026-11-02", to: "2026-11-03", bucket: "hour" });
    expect(hours).toHaveLength(48);
    expect(hours.slice(0, 2)).toEqual(["2026-11-02T00:00", "2026-11-02T01:00"]);
    expect(hours.at(-1)).toBe("2026-11-03T23:00");
    expect(periodLabels({ from: "2026-11-08", to: "2026-11-02", bucket: "day" })).toEqual([]);
  });
});
