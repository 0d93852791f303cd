// store.regionPriceRule / setRegionPriceRule (issue 22): head office sets the managers' price-change
// percentage with a clear message outside 0–50, sees every store's deviations, and a narrowed rule keeps
// (and flags) prices now outside it; a manager's price is checked against the rule in force when written.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectCode } from "../../testing/assertions.ts";
import { aManager, anAdmin, aStaff, storeId } from "../../testing/builders.ts";
import { backings, createTestPlatform, type TestPlatform } from "../../testing/harness.ts";
import type { AuthUser } from "../auth/tokens.ts";
import { deviationPct } from "./region-price-rule.ts";

describe("deviationPct", () => {
  it("is (store − list) / list in per cent with one decimal", () => {
    expect(deviationPct(1000, 1150)).toBe(15);
    expect(deviationPct(1699, 1360)).toBe(-20);
    expect(deviationPct(1699, 1869)).toBe(10);
    expect(deviationPct(0, 100)).toBe(0);
  });
});

describe.each(backings)("the region's price rule on $name", (backing) => {
  let t: TestPlatform;
  let midtown: string;
  let admin: AuthUser;
  let manager: AuthUser;
  let crew: AuthUser;

  beforeAll(async () => {
    t = await createTestPlatform(backing, { seed: true });
    midtown = await storeId(t, "nyc-midtown");
    admin = await anAdmin(t);
    manager = await aManager(t, "nyc-midtown");
    crew = await aStaff(t, "nyc-midtown");
  });
  afterAll(async () => {
    await t?.close();
  });

  const large = { entity: "item" as const, entityId: "pepperoni", variant: "large" };
  const listOf = async () =>
    (await t.caller(manager).store.storePrices({ storeId: midtown })).prices.find(
      (p) => p.entityId === "pepperoni" && p.variant === "large",
    )!;

  it("narrowing the rule keeps a store's price, flags it, and the manager's next change must fit", async () => {
    const before = await t.caller(admin).store.regionPriceRule({ regionCode: "us" });
    expect(before).toMatchObject({ regionCode: "us", currency: "USD", maxChangePct: 20, outOfRangeCount: 0 });
    expect(before.stores.map((s) => s.name).length).toBeGreaterThanOrEqual(2);

    const row = await listOf();
    const plus18 = Math.round(row.listAmount * 1.18);
    await t.caller(manager).store.setStorePrice({ storeId: midtown, ...large, amount: plus18 });
    const seen = await t.caller(admin).store.regionPriceRule({ regionCode: "us" });
    const dev = seen.deviations.find((d) => d.storeId === midtown && d.entityId === "pepperoni")!;
    expect(dev).toMatchObject({
      variant: "large",
      listAmount: row.listAmount,
      storeAmount: plus18,
      deviationPct: deviationPct(row.listAmount, plus18),
      outOfRange: false,
    });

    const narrowed = await t.caller(admin).store.setRegionPriceRule({ regionCode: "us", maxChangePct: 10 });
    expect(narrowed).toMatchObject({ maxChangePct: 10, outOfRangeCount: 1, updatedBy: admin.name });
    expect(narrowed.updatedAt).not.toBeNull();
    expect(narrowed.deviations[0]).toMatchObject({ storeId: midtown, storeAmount: plus18, outOfRange: true });
    // Kept, not clamped: the customers' menu still has the store's price.
    const menu = await t.caller().menu.getMenu({ storeId: midtown });
    expect(menu.items.find((i) => i.id === "pepperoni")!.variants.find((v) => v.id === "large")!.price).toBe(
      plus18,
    );
    // The manager sees the new range and is held to it.
    expect((await t.caller(manager).store.storePrices({ storeId: midtown })).maxChangePct).toBe(10);
    await expectCode(
      t.caller(manager).store.setStorePrice({ storeId: midtown, ...large, amount: plus18 }),
      "BAD_REQUEST",
      /± 10%/,
    );
    // An admin puts the store back on the list price: nothing is flagged any more.
    await t.caller(admin).store.setStorePrice({ storeId: midtown, ...large, amount: null });
    expect((await t.caller(admin).store.regionPriceRule({ regionCode: "us" })).outOfRangeCount).toBe(0);
    await t.caller(admin).store.setRegionPriceRule({ regionCode: "us", maxChangePct: 20 });
  });

  it("refuses a percentage outside 0–50 or not whole with one sentence, changing nothing", async () => {
    for (const bad of [51, -1, 2.5, 100]) {
      await expectCode(
        t.caller(admin).store.setRegionPriceRule({ regionCode: "us", maxChangePct: bad }),
        "BAD_REQUEST",
        /whole percentage from 0 to 50/,
      );
    }
    expect((await t.caller(admin).store.regionPriceRule({ regionCode: "us" })).maxChangePct).toBe(20);
    await expectCode(
      t.caller(admin).store.setRegionPriceRule({ regionCode: "zz", maxChangePct: 10 }),
      "NOT_FOUND",
      /no region "zz"/,
    );
    // 0 and 50 are the edges, and allowed.
    expect(
      (await t.caller(admin).store.setRegionPriceRule({ regionCode: "de", maxChangePct: 0 })).maxChangePct,
    ).toBe(0);
    expect(
      (await t.caller(admin).store.setRegionPriceRule({ regionCode: "de", maxChangePct: 50 })).maxChangePct,
    ).toBe(50);
    await t.caller(admin).store.setRegionPriceRule({ regionCode: "de", maxChangePct: 20 });
  });

  it("store managers and crew are refused (head office and the region manager only)", async () => {
    for (const who of [manager, crew]) {
      await expectCode(t.caller(who).store.regionPriceRule({ regionCode: "us" }), "FORBIDDEN");
      await expectCode(
        t.caller(who).store.setRegionPriceRule({ regionCode: "us", maxChangePct: 50 }),
        "FORBIDDEN",
      );
    }
    expect((await t.caller(admin).store.regionPriceRule({ regionCode: "us" })).maxChangePct).toBe(20);
  });

  it.runIf(backing.db === "postgres")(
    "a manager's price checked against the old rule waits for the rule change and is then refused",
    async () => {
      const row = await listOf();
      const plus15 = Math.round(row.listAmount * 1.15);
      let release!: () => void;
      const gate = new Promise<void>((r) => {
        release = r;
      });
      // Head office's change, held open: the manager's request reads 20 % before it, then must wait.
      const change = t.platform.db.transaction().execute(async (trx) => {
        await trx
          .updateTable("regions")
          .set({ manager_price_change_pct: 10 })
          .where("code", "=", "us")
          .execute();
        await gate;
      });
      const attempt = t.caller(manager).store.setStorePrice({ storeId: midtown, ...large, amount: plus15 });
      const outcome = attempt.then(
        () => "saved",
        (e: Error) => e.message,
      );
      await expect
        .poll(
          async () =>
            Number(
              (
                await t.platform.db
                  .selectFrom("pg_locks" as never)
                  .select((eb) => eb.fn.countAll<string>().as("n"))
                  .where("granted" as never, "=", false as never)
                  .executeTakeFirstOrThrow()
              ).n,
            ),
          { timeout: 5000 },
        )
        .toBeGreaterThan(0);
      release();
      await change;
      expect(await outcome).toMatch(/± 10%/);
      expect((await listOf()).storeAmount).toBeNull();
      await t.caller(admin).store.setRegionPriceRule({ regionCode: "us", maxChangePct: 20 });
    },
  );
});
