// The reports on both backings (PGlite and real PostgreSQL) against known orders at fixed local times
// (`reports.test-support.ts`): exact counts, sums, percentiles and buckets in the store's time zone, the
// scope rules (manager: their store; crew: FORBIDDEN; another store: NOT_FOUND; region manager: their
// region and its stores, not the chain; admin: store, region, chain) and the bounded range (a clear 400, nothing read).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectCode } from "../../testing/assertions.ts";
import { aCustomer, aManager, anAdmin, aRegionManager, aStaff, storeId } from "../../testing/builders.ts";
import { backings, createTestPlatform, type TestPlatform } from "../../testing/harness.ts";
import type { AuthUser } from "../auth/tokens.ts";
import { FIXTURE_WEEK, seedReportFixture } from "./reports.test-support.ts";

describe.each(backings)("reports on $name", (backing) => {
  let t: TestPlatform;
  let manager: AuthUser;
  let admin: AuthUser;
  let midtown: string;
  let driverId: string;
  const week = { ...FIXTURE_WEEK, bucket: "day" as const };

  beforeAll(async () => {
    t = await createTestPlatform(backing, { seed: true });
    driverId = await seedReportFixture(t.platform.db);
    manager = await aManager(t, "nyc-midtown");
    admin = await anAdmin(t);
    midtown = await storeId(t, "nyc-midtown");
  });
  afterAll(async () => {
    await t?.close();
  });

  it("counts orders and sales by the store's local day, the average ticket, cancelled apart", async () => {
    const sales = await t.caller(manager).reports.sales(week);
    expect(sales.totals).toEqual([
      { currency: "USD", orders: 4, cancelled: 1, sales: 10500, averageTicket: 2625 },
    ]);
    // The 23:30 carryout is Monday in New York (Tuesday 04:30 in UTC); the 23:50 one of Sunday 1 November
    // (Monday in UTC) is outside the week.
    expect(sales.buckets).toEqual([
      { bucket: "2026-11-02", currency: "USD", orders: 3, sales: 6500 },
      { bucket: "2026-11-05", currency: "USD", orders: 1, sales: 4000 },
    ]);
  });

  it("buckets by local hour and by week (weeks start on Monday), and filters by channel", async () => {
    const hourly = await t.caller(manager).reports.sales({ ...week, bucket: "hour" });
    expect(hourly.buckets.map((b) => [b.bucket, b.orders, b.sales])).toEqual([
      ["2026-11-02T12:00", 2, 5000],
      ["2026-11-02T23:00", 1, 1500],
      ["2026-11-05T19:00", 1, 4000],
    ]);
    const weekly = await t.caller(manager).reports.sales({ ...week, bucket: "week" });
    expect(weekly.buckets).toEqual([{ bucket: "2026-11-02", currency: "USD", orders: 4, sales: 10500 }]);
    const carryout = await t.caller(manager).reports.sales({ ...week, channel: "carryout" });
    expect(carryout.totals).toEqual([
      { currency: "USD", orders: 1, cancelled: 0, sales: 1500, averageTicket: 1500 },
    ]);
  });

  it("gives delivery times with p50/p90 and the late deliveries", async () => {
    expect(await t.caller(manager).reports.deliveryTimes(week)).toEqual({
      delivered: 3,
      late: 2,
      placedToOut: { count: 3, p50: 1200, p90: 1440 },
      outToDelivered: { count: 3, p50: 1800, p90: 1800 },
      placedToDelivered: { count: 3, p50: 3000, p90: 3240 },
    });
    const carryout = await t.caller(manager).reports.deliveryTimes({ ...week, channel: "carryout" });
    expect(carryout.delivered).toBe(0);
    expect(carryout.placedToOut).toEqual({ count: 0, p50: null, p90: null });
  });

  it("gives the time spent in each kitchen stage, the cancelled order's last stage left out", async () => {
    expect((await t.caller(manager).reports.kitchenTimes(week)).stages).toEqual([
      { stage: "placed", count: 4, p50: 90, p90: 204 },
      { stage: "preparing", count: 4, p50: 210, p90: 324 },
      { stage: "baking", count: 4, p50: 600, p90: 600 },
      { stage: "quality_check", count: 4, p50: 90, p90: 120 },
    ]);
  });

  it("gives driver utilisation with a trip's overlapping deliveries counted once", async () => {
    // Shifts 4 h + 3 h; busy 12:18–13:25 (two deliveries, one trip) and 19:15–19:50.
    expect(await t.caller(manager).reports.drivers(week)).toEqual({
      drivers: [
        {
          driverId,
          name: "Rita Reports",
          shiftSeconds: 25200,
          busySeconds: 6120,
          deliveries: 3,
          utilisation: 0.243,
        },
      ],
      shiftSeconds: 25200,
      busySeconds: 6120,
      utilisation: 0.243,
    });
    const monday = await t.caller(manager).reports.drivers({ ...week, to: "2026-11-02" });
    expect(monday).toMatchObject({ shiftSeconds: 14400, busySeconds: 4020 });
  });

  it("gives promo, loyalty reward and deal cost per currency: a deal's saving is not a reward's cost", async () => {
    expect(await t.caller(manager).reports.costs(week)).toEqual({
      currencies: [
        {
          currency: "USD",
          promoOrders: 1,
          promoCost: 500,
          rewardOrders: 1,
          rewardCost: 300,
          pointsRedeemed: 150,
          dealOrders: 1,
          dealCost: 700,
        },
      ],
    });
  });

  it("gives ratings over time by local day, hidden reviews left out", async () => {
    expect(await t.caller(manager).reports.ratings(week)).toEqual({
      count: 3,
      average: 3.67,
      buckets: [
        { bucket: "2026-11-02", count: 2, average: 3.5 },
        { bucket: "2026-11-05", count: 1, average: 4 },
      ],
    });
  });

  it("shows head office a store, a region or the chain, never summing across currencies", async () => {
    const store = await t.caller(admin).reports.sales({ ...week, storeId: midtown });
    expect(store.totals).toEqual([
      { currency: "USD", orders: 4, cancelled: 1, sales: 10500, averageTicket: 2625 },
    ]);
    const region = await t.caller(admin).reports.sales({ ...week, regionCode: "us" });
    expect(region.totals).toEqual([
      { currency: "USD", orders: 5, cancelled: 1, sales: 11500, averageTicket: 2300 },
    ]);
    const chain = await t.caller(admin).reports.sales(week);
    expect(chain.totals).toEqual([
      { currency: "EUR", orders: 1, cancelled: 0, sales: 1800, averageTicket: 1800 },
      { currency: "USD", orders: 5, cancelled: 1, sales: 11500, averageTicket: 2300 },
    ]);
    await expectCode(t.caller(admin).reports.sales({ ...week, regionCode: "xx" }), "NOT_FOUND", /region/);
    await expectCode(
      t.caller(admin).reports.sales({ ...week, storeId: midtown, regionCode: "us" }),
      "BAD_REQUEST",
      /store or a region/,
    );
  });

  it("tells the console who may open the reports", async () => {
    expect(await t.caller(manager).reports.access()).toEqual({
      canView: true,
      chain: false,
      regionCode: null,
    });
    expect(await t.caller(admin).reports.access()).toEqual({ canView: true, chain: true, regionCode: null });
    expect(await t.caller(await aStaff(t, "nyc-midtown")).reports.access()).toEqual({
      canView: false,
      chain: false,
      regionCode: null,
    });
    expect(await t.caller(await aRegionManager(t, "us")).reports.access()).toEqual({
      canView: true,
      chain: false,
      regionCode: "us",
    });
  });

  it("shows a region manager their region and its stores; another region NOT_FOUND, the chain FORBIDDEN", async () => {
    const us = await aRegionManager(t, "us");
    expect((await t.caller(us).reports.sales({ ...week, regionCode: "us" })).totals).toEqual([
      { currency: "USD", orders: 5, cancelled: 1, sales: 11500, averageTicket: 2300 },
    ]);
    expect((await t.caller(us).reports.sales({ ...week, storeId: midtown })).totals).toEqual([
      { currency: "USD", orders: 4, cancelled: 1, sales: 10500, averageTicket: 2625 },
    ]);
    await expectCode(t.caller(us).reports.sales({ ...week, regionCode: "de" }), "NOT_FOUND", /region/);
    await expectCode(
      t.caller(us).reports.sales({ ...week, storeId: await storeId(t, "ber-mitte") }),
      "NOT_FOUND",
      /could not find that store/,
    );
    await expectCode(t.caller(us).reports.sales(week), "FORBIDDEN", /head office/);
  });

  it("refuses crew, other stores, a manager's region, customers and drivers", async () => {
    await expectCode(t.caller(await aStaff(t, "nyc-midtown")).reports.sales(week), "FORBIDDEN", /managers/);
    await expectCode(
      t.caller(await aManager(t, "ber-mitte")).reports.sales({ ...week, storeId: midtown }),
      "NOT_FOUND",
      /could not find that store/,
    );
    await expectCode(
      t.caller(manager).reports.sales({ ...week, regionCode: "us" }),
      "FORBIDDEN",
      /head office/,
    );
    await expectCode(t.caller(await aCustomer(t)).reports.sales(week), "FORBIDDEN");
    await expectCode(t.caller(null).reports.sales(week), "UNAUTHORIZED");
  });

  it("refuses unbounded or upside-down ranges with a sentence, as a 400", async () => {
    await expectCode(
      t.caller(manager).reports.sales({ from: "2025-01-01", to: "2026-11-08" }),
      "BAD_REQUEST",
      /at most 366 days \(this one has 677\)/,
    );
    await expectCode(
      t.caller(manager).reports.sales({ from: "2026-11-08", to: "2026-11-02" }),
      "BAD_REQUEST",
      /start date must be on or before the end date/,
    );
    await expectCode(
      t.caller(manager).reports.sales({ from: "2026-09-01", to: "2026-11-08", bucket: "hour" }),
      "BAD_REQUEST",
      /Hourly figures cover at most 31 days/,
    );
    await expectCode(
      t.caller(manager).reports.sales({ from: "2026-11-31", to: "2026-12-01" }),
      "BAD_REQUEST",
      /Dates look like/,
    );
  });
});
