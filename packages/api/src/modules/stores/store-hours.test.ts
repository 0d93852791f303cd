// store.setTodayHours: today's hours in the store's own time zone, and what customers then see.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectCode } from "../../testing/assertions.ts";
import { aCarryoutOrder, aCustomer, anAdmin, aStaff, storeId } from "../../testing/builders.ts";
import { backings, createTestPlatform, type TestPlatform } from "../../testing/harness.ts";
import type { AuthUser } from "../auth/tokens.ts";
import { localTime } from "./hours.ts";
import { todayHours } from "./stores.service.ts";

describe("todayHours", () => {
  const weekly = {
    mon: [["11:00", "23:00"]],
    tue: [],
    wed: [["11:00", "23:00"]],
    thu: [["11:00", "23:00"]],
    fri: [["11:00", "02:00"]],
    sat: [["11:00", "02:00"]],
    sun: [["12:00", "22:00"]],
  } as Record<string, [string, string][]> as never;
  // Tuesday 2026-01-13 23:30 in New York is already Wednesday in Tokyo.
  const at = new Date("2026-01-14T04:30:00Z");

  it("takes the weekday of the store's own time zone", () => {
    expect(todayHours(weekly, "America/New_York", [], at)).toEqual({
      date: "2026-01-13",
      spans: [],
      source: "weekly",
    });
    expect(todayHours(weekly, "Asia/Tokyo", [], at)).toEqual({
      date: "2026-01-14",
      spans: [["11:00", "23:00"]],
      source: "weekly",
    });
  });

  it("prefers today's override (times trimmed to HH:MM) and ignores other days' overrides", () => {
    const o = [
      { day: "2026-01-13", opens: "09:00:00", closes: "12:30:00", closed: false },
      { day: "2026-01-14", opens: null, closes: null, closed: true },
    ];
    expect(todayHours(weekly, "America/New_York", o, at)).toEqual({
      date: "2026-01-13",
      spans: [["09:00", "12:30"]],
      source: "override",
    });
    expect(todayHours(weekly, "Asia/Tokyo", o, at)).toEqual({
      date: "2026-01-14",
      spans: [],
      source: "override",
    });
  });
});

describe.each(backings)("store.setTodayHours on $name", (backing) => {
  let t: TestPlatform;
  let midtown: string;
  let staff: AuthUser;
  let berlinStaff: AuthUser;
  let admin: AuthUser;
  let customer: AuthUser;

  beforeAll(async () => {
    t = await createTestPlatform(backing, { seed: true });
    midtown = await storeId(t, "nyc-midtown");
    staff = await aStaff(t, "nyc-midtown");
    berlinStaff = await aStaff(t, "ber-mitte");
    admin = await anAdmin(t);
    customer = await aCustomer(t);
  });
  afterAll(async () => {
    await t?.close();
  });

  const listed = async () =>
    (await t.caller().store.list({ regionCode: "us" })).find((s) => s.id === midtown)!;
  const menuOpen = async () => (await t.caller().menu.getMenu({ storeId: midtown })).store.openNow;

  it("closes the store for today and opens it all day again; customers' list, menu and checkout follow", async () => {
    const today = localTime(new Date(), "America/New_York").date;
    await t.caller().menu.getMenu({ storeId: midtown }); // warm the menu cache: the change must invalidate it

    const closed = await t.caller(staff).store.setTodayHours({ storeId: midtown, mode: "closed" });
    expect(closed.today).toEqual({ date: today, spans: [], source: "override" });
    expect(closed.openNow).toBe(false);
    expect((await listed()).openNow).toBe(false);
    expect(await menuOpen()).toBe(false);
    await expectCode(t.caller(customer).order.placeOrder(aCarryoutOrder(midtown)), "PRECONDITION_FAILED");

    const allDay = await t.caller(staff).store.setTodayHours({
      storeId: midtown,
      mode: "hours",
      opens: "00:00",
      closes: "24:00",
    });
    expect(allDay.today).toEqual({ date: today, spans: [["00:00", "24:00"]], source: "override" });
    expect((await listed()).openNow).toBe(true);
    expect(await menuOpen()).toBe(true);
    expect((await t.caller(customer).order.placeOrder(aCarryoutOrder(midtown))).status).toBeTruthy();

    const events = await t.platform.db
      .selectFrom("outbox")
      .select(["payload"])
      .where("topic", "=", "store.changed")
      .where("aggregate_id", "=", midtown)
      .orderBy("seq")
      .execute();
    expect(events.map((e) => (e.payload as { changes: unknown }).changes).slice(-2)).toEqual([
      { todayHours: { day: today, closed: true } },
      { todayHours: { day: today, opens: "00:00", closes: "24:00" } },
    ]);

    const weekly = await t.caller(admin).store.setTodayHours({ storeId: midtown, mode: "weekly" });
    expect(weekly.today.source).toBe("weekly");
    expect((await listed()).today.source).toBe("weekly");
  });

  it("refuses bad times, other stores' staff and customers, and changes nothing", async () => {
    await t.caller(staff).store.setTodayHours({ storeId: midtown, mode: "closed" });
    await expectCode(
      t
        .caller(staff)
        .store.setTodayHours({ storeId: midtown, mode: "hours", opens: "18:00", closes: "09:00" }),
      "BAD_REQUEST",
      /closing time must be after the opening time/,
    );
    await expectCode(
      t
        .caller(staff)
        .store.setTodayHours({ storeId: midtown, mode: "hours", opens: "9:00", closes: "25:00" }),
      "BAD_REQUEST",
      /HH:MM/,
    );
    await expectCode(
      t.caller(berlinStaff).store.setTodayHours({ storeId: midtown, mode: "weekly" }),
      "NOT_FOUND",
      /could not find that store/,
    );
    await expectCode(
      t.caller(customer).store.setTodayHours({ storeId: midtown, mode: "weekly" }),
      "FORBIDDEN",
    );
    expect((await listed()).today).toMatchObject({ spans: [], source: "override" });
    await t.caller(staff).store.setTodayHours({ storeId: midtown, mode: "weekly" });
  });
});
