// The store console's own procedures: store.todayStats and the admin promo procedures.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { failure } from "../../testing/assertions.ts";
import { aCarryoutOrder, aCustomer, anAdmin, aStaff, storeId } from "../../testing/builders.ts";
import { backings, createTestPlatform, type TestPlatform } from "../../testing/harness.ts";
import type { AuthUser } from "../auth/tokens.ts";
import { localMidnight } from "./today-stats.ts";

describe("localMidnight", () => {
  it("finds the local start of the day in the store's time zone", () => {
    const at = new Date("2026-03-10T03:30:00Z"); // 23:30 on the 9th in New York (EDT from the 8th)
    expect(localMidnight(at, "America/New_York").toISOString()).toBe("2026-03-09T04:00:00.000Z");
    expect(localMidnight(at, "Asia/Tokyo").toISOString()).toBe("2026-03-09T15:00:00.000Z");
    expect(localMidnight(at, "UTC").toISOString()).toBe("2026-03-10T00:00:00.000Z");
  });
});

describe.each(backings)("store console procedures on $name", (backing) => {
  let t: TestPlatform;
  let midtown: string;
  let staff: AuthUser;
  let berlinStaff: AuthUser;
  let admin: AuthUser;

  beforeAll(async () => {
    t = await createTestPlatform(backing, { seed: true });
    midtown = await storeId(t, "nyc-midtown");
    staff = await aStaff(t, "nyc-midtown");
    berlinStaff = await aStaff(t, "ber-mitte");
    admin = await anAdmin(t);
  });
  afterAll(async () => {
    await t?.close();
  });

  it("todayStats counts the store's orders, sales and make time; other stores are refused", async () => {
    const before = await t.caller(staff).store.todayStats({});
    const me = await aCustomer(t);
    const a = await t.caller(me).order.placeOrder(aCarryoutOrder(midtown));
    const b = await t.caller(me).order.placeOrder(aCarryoutOrder(midtown));
    for (const to of ["preparing", "baking", "quality_check", "ready", "picked_up"] as const)
      await t.caller(staff).order.advance({ orderId: a.id, to });
    await t.caller(staff).order.cancelOrder({ orderId: b.id, reason: "Test" });

    const now = await t.caller(staff).store.todayStats({});
    expect(now.storeId).toBe(midtown);
    expect(now.currency).toBe("USD");
    expect(now.orders - before.orders).toBe(2);
    expect(now.sales - before.sales).toBeGreaterThanOrEqual(a.total);
    expect(now.avgMakeMs).not.toBeNull();
    expect(now.avgOrderToDoorMs).not.toBeNull();
    expect(now.ratings.count).toBeGreaterThanOrEqual(0);

    expect((await failure(t.caller(berlinStaff).store.todayStats({ storeId: midtown }))).code).toBe(
      "NOT_FOUND",
    );
    expect((await failure(t.caller(admin).store.todayStats({}))).code).toBe("BAD_REQUEST");
    expect((await t.caller(admin).store.todayStats({ storeId: midtown })).storeId).toBe(midtown);
    expect((await failure(t.caller(staff).store.todayStats({ storeId: "nope" }))).code).toBe("BAD_REQUEST");
    expect((await failure(t.caller(me).store.todayStats({}))).code).toBe("FORBIDDEN");
  });

  it("admins create, pause and resume promo codes and see their redemptions; others cannot", async () => {
    const created = await t.caller(admin).promo.create({
      code: "console-ten",
      kind: "percent",
      percent: 10,
      regionCode: "us",
      description: "Ten percent off",
    });
    expect(created).toMatchObject({
      code: "CONSOLE-TEN",
      kind: "percent",
      percent: 10,
      active: true,
      usedCount: 0,
    });
    expect(
      (await failure(t.caller(admin).promo.create({ code: "CONSOLE-TEN", kind: "percent", percent: 5 })))
        .code,
    ).toBe("CONFLICT");
    const bad = await failure(t.caller(admin).promo.create({ code: "x", kind: "percent" }));
    expect(bad.code).toBe("BAD_REQUEST");
    expect(
      (await failure(t.caller(admin).promo.create({ code: "FIXED-1", kind: "fixed", amount: 100 }))).code,
    ).toBe("BAD_REQUEST");
    expect(
      (await failure(t.caller(staff).promo.create({ code: "STAFF-1", kind: "percent", percent: 5 }))).code,
    ).toBe("FORBIDDEN");
    expect((await failure(t.caller(staff).promo.list())).code).toBe("FORBIDDEN");
    expect((await t.caller(admin).promo.list()).some((p) => p.id === created.id)).toBe(true);

    const me = await aCustomer(t);
    const order = await t.caller(me).order.placeOrder(aCarryoutOrder(midtown, { promoCode: "console-ten" }));
    expect(order.discount).toBeGreaterThan(0);
    const used = await t.caller(admin).promo.redemptions({ promoId: created.id });
    expect(used.redemptions).toHaveLength(1);
    expect(used.redemptions[0]).toMatchObject({
      orderId: order.id,
      discount: order.discount,
      released: false,
    });
    expect(used.totals).toEqual([{ currency: "USD", discount: order.discount }]);

    // Paused: refused at checkout; resumed: applies again.
    expect((await t.caller(admin).promo.setActive({ promoId: created.id, active: false })).active).toBe(
      false,
    );
    const check = {
      code: "CONSOLE-TEN",
      storeId: midtown,
      channel: "carryout" as const,
      items: aCarryoutOrder(midtown).items,
    };
    expect((await t.caller(me).promo.check(check)).applies).toBe(false);
    await t.caller(admin).promo.setActive({ promoId: created.id, active: true });
    expect((await t.caller(me).promo.check(check)).applies).toBe(true);
    expect(
      (
        await failure(
          t.caller(admin).promo.setActive({ promoId: "00000000-0000-4000-8000-000000000000", active: true }),
        )
      ).code,
    ).toBe("NOT_FOUND");
  });

  it("admins create fixed (region currency), free-delivery and dated codes; a code that ends before it starts is refused", async () => {
    const fixed = await t.caller(admin).promo.create({
      code: "YEN-OFF",
      kind: "fixed",
      amount: 500,
      regionCode: "jp",
      minSubtotal: 2000,
    });
    expect(fixed).toMatchObject({ kind: "fixed", amount: 500, currency: "JPY", minSubtotal: 2000 });
    const start = new Date(Date.now() + 24 * 3600_000).toISOString();
    const later = await t.caller(admin).promo.create({
      code: "LATER-FREE",
      kind: "free_delivery",
      regionCode: "us",
      validFrom: start,
      validTo: new Date(Date.now() + 48 * 3600_000).toISOString(),
      usageLimit: 10,
      perCustomerLimit: 1,
      firstOrderOnly: true,
    });
    expect(later).toMatchObject({
      kind: "free_delivery",
      usageLimit: 10,
      perCustomerLimit: 1,
      firstOrderOnly: true,
    });
    expect(later.validFrom).toBe(start);
    const me = await aCustomer(t);
    const check = await t.caller(me).promo.check({
      code: "LATER-FREE",
      storeId: midtown,
      channel: "carryout",
      items: aCarryoutOrder(midtown).items,
    });
    expect(check.applies).toBe(false);
    const bad = await failure(
      t.caller(admin).promo.create({
        code: "BACKWARDS",
        kind: "percent",
        percent: 5,
        validFrom: new Date(Date.now() + 2 * 3600_000).toISOString(),
        validTo: new Date(Date.now() + 3600_000).toISOString(),
      }),
    );
    expect(bad.code).toBe("BAD_REQUEST");
    expect(bad.message).toMatch(/start before it ends/);
    expect((await t.caller(admin).promo.list()).some((p) => p.code === "BACKWARDS")).toBe(false);
  });
});
