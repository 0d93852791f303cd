// Region managers (issue 22, migration 0044): the US region's manager reads and sets the US price rule and
// sees its stores' deviations; another region answers NOT_FOUND; they are no store's staff (store-staff
// and admin procedures refuse them cleanly); the database keeps region managers and store staff apart.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectCode } from "../../testing/assertions.ts";
import { aManager, anAdmin, aRegionManager, aStaff, storeId } from "../../testing/builders.ts";
import { backings, createTestPlatform, type TestPlatform } from "../../testing/harness.ts";
import type { AuthUser } from "../auth/tokens.ts";

describe.each(backings)("region managers on $name", (backing) => {
  let t: TestPlatform;
  let midtown: string;
  let regionManager: AuthUser;
  let manager: AuthUser;
  let admin: AuthUser;

  beforeAll(async () => {
    t = await createTestPlatform(backing, { seed: true });
    midtown = await storeId(t, "nyc-midtown");
    regionManager = await aRegionManager(t, "us");
    manager = await aManager(t, "nyc-midtown");
    admin = await anAdmin(t);
  });
  afterAll(async () => {
    await t?.close();
  });

  it("reads and sets their region's rule and sees its stores' deviations", async () => {
    const large = { entity: "item" as const, entityId: "pepperoni", variant: "large" };
    const row = (await t.caller(manager).store.storePrices({ storeId: midtown })).prices.find(
      (p) => p.entityId === "pepperoni" && p.variant === "large",
    )!;
    const plus15 = Math.round(row.listAmount * 1.15);
    await t.caller(manager).store.setStorePrice({ storeId: midtown, ...large, amount: plus15 });

    const seen = await t.caller(regionManager).store.regionPriceRule({ regionCode: "us" });
    expect(seen).toMatchObject({ regionCode: "us", maxChangePct: 20, outOfRangeCount: 0 });
    expect(seen.deviations.find((d) => d.storeId === midtown && d.entityId === "pepperoni")).toMatchObject({
      storeAmount: plus15,
      outOfRange: false,
    });

    const narrowed = await t
      .caller(regionManager)
      .store.setRegionPriceRule({ regionCode: "us", maxChangePct: 10 });
    expect(narrowed).toMatchObject({ maxChangePct: 10, outOfRangeCount: 1, updatedBy: regionManager.name });
    expect((await t.caller(admin).store.regionPriceRule({ regionCode: "us" })).maxChangePct).toBe(10);

    await t.caller(admin).store.setStorePrice({ storeId: midtown, ...large, amount: null });
    await t.caller(regionManager).store.setRegionPriceRule({ regionCode: "us", maxChangePct: 20 });
  });

  it("answers another region like one that does not exist, changing nothing", async () => {
    await expectCode(
      t.caller(regionManager).store.regionPriceRule({ regionCode: "de" }),
      "NOT_FOUND",
      /no region "de"/,
    );
    await expectCode(
      t.caller(regionManager).store.setRegionPriceRule({ regionCode: "de", maxChangePct: 50 }),
      "NOT_FOUND",
      /no region "de"/,
    );
    expect((await t.caller(admin).store.regionPriceRule({ regionCode: "de" })).maxChangePct).toBe(20);
  });

  it("leaves store managers and crew refused", async () => {
    for (const who of [manager, await aStaff(t, "nyc-midtown")]) {
      await expectCode(
        t.caller(who).store.setRegionPriceRule({ regionCode: "us", maxChangePct: 50 }),
        "FORBIDDEN",
      );
    }
  });

  it("is no store's staff: store-staff and admin procedures refuse them with FORBIDDEN, not a 500", async () => {
    const them = t.caller(regionManager);
    await expectCode(them.store.todayStats({}), "FORBIDDEN", /not allowed/);
    await expectCode(them.store.todayStats({ storeId: midtown }), "FORBIDDEN", /not allowed/);
    await expectCode(them.store.setAcceptingOrders({ storeId: midtown, accepting: false }), "FORBIDDEN");
    await expectCode(them.store.storePrices({ storeId: midtown }), "FORBIDDEN");
    await expectCode(
      them.store.setPrice({
        regionCode: "us",
        entity: "item",
        entityId: "pepperoni",
        variant: "large",
        amount: 1,
      }),
      "FORBIDDEN",
    );
    expect((await t.caller(admin).store.get({ storeId: midtown })).acceptingOrders).toBe(true);
  });

  it("keeps region managers and store staff apart in the database", async () => {
    const outcome = (
      email: string,
      scope: { staff_role: "region_manager" | "crew"; region_code: string | null; store_id: string | null },
    ) =>
      t.platform.db
        .insertInto("users")
        .values({
          email,
          phone: null,
          password_hash: "test-only",
          name: "Check",
          role: "staff",
          locale: null,
          updated_at: new Date(),
          ...scope,
        })
        .execute()
        .then(
          () => "saved",
          () => "refused",
        );
    // A region with no store is a region manager's; a store and a region, or neither, is refused.
    expect(
      await outcome("rm-ok@example.com", { staff_role: "region_manager", region_code: "de", store_id: null }),
    ).toBe("saved");
    expect(
      await outcome("rm-store@example.com", {
        staff_role: "region_manager",
        region_code: "us",
        store_id: midtown,
      }),
    ).toBe("refused");
    expect(
      await outcome("rm-none@example.com", {
        staff_role: "region_manager",
        region_code: null,
        store_id: null,
      }),
    ).toBe("refused");
    expect(
      await outcome("crew-region@example.com", { staff_role: "crew", region_code: "us", store_id: midtown }),
    ).toBe("refused");
  });
});
