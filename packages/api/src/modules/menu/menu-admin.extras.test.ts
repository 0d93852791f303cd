// Cheese levels and options in head office's catalogue (issue 22) on both backings: listed with their
// names, owner item and the region's prices, priced from the Menu tab like items (at once on the
// customer's menu, or from a date and cancellable), an option's price in its item's history.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { failure } from "../../testing/assertions.ts";
import { anAdmin, storeId } from "../../testing/builders.ts";
import { backings, createTestPlatform, type TestPlatform } from "../../testing/harness.ts";
import type { AuthUser } from "../auth/tokens.ts";

describe.each(backings)("cheese levels and options in the catalogue on $name", (backing) => {
  let t: TestPlatform;
  let admin: AuthUser;
  let midtown: string;

  beforeAll(async () => {
    t = await createTestPlatform(backing, { seed: true });
    admin = await anAdmin(t);
    midtown = await storeId(t, "nyc-midtown");
  });
  afterAll(async () => {
    await t?.close();
  });

  const extra = async (id: string) =>
    (await t.caller(admin).menuAdmin.catalogue({ regionCode: "us" })).extras.find((e) => e.id === id);
  const menuOf = () => t.caller().menu.getMenu({ storeId: midtown, locale: "en" });

  it("lists them with their prices and prices them at once, refused like items", async () => {
    const cheese = await extra("extra");
    expect(cheese).toMatchObject({ entity: "cheese", itemId: null, name: "Extra cheese", scheduled: [] });
    expect(cheese?.prices.large).toBeGreaterThan(0);
    const dip = await extra("wing_dip:ranch");
    expect(dip).toMatchObject({ entity: "option", itemId: "chicken_wings", name: "Ranch" });

    const price = { regionCode: "us", entity: "cheese" as const, entityId: "extra", variant: "large" };
    await t.caller(admin).menuAdmin.setPrice({ ...price, amount: 333 });
    expect((await extra("extra"))?.prices.large).toBe(333);
    expect((await menuOf()).cheeseLevels.find((c) => c.id === "extra")?.prices.large).toBe(333);
    const [changed] = await t.caller(admin).menuAdmin.history({ entity: "cheese", entityId: "extra" });
    expect(changed).toMatchObject({
      action: "price",
      changedBy: admin.id,
      before: { variant: "large", amount: cheese?.prices.large },
      after: { variant: "large", amount: 333 },
    });
    const negative = await failure(t.caller(admin).menuAdmin.setPrice({ ...price, amount: -1 }));
    expect(negative.message).toMatch(/amount: A price cannot be negative/);

    await t.caller(admin).menuAdmin.setPrice({
      regionCode: "us",
      entity: "option",
      entityId: "wing_dip:ranch",
      amount: 95,
    });
    const wings = (await menuOf()).items.find((i) => i.id === "chicken_wings");
    const ranch = wings?.optionGroups.flatMap((g) => g.options).find((o) => o.key === "wing_dip:ranch");
    expect(ranch?.price).toBe(95);
    const [last] = await t.caller(admin).menuAdmin.history({ entity: "item", entityId: "chicken_wings" });
    expect(last).toMatchObject({ action: "price", after: { key: "wing_dip:ranch", amount: 95 } });
  });

  it("schedules an option's price and cancels it from the catalogue's id", async () => {
    const from = new Date(Date.now() + 3600_000).toISOString();
    const key = { regionCode: "us", entity: "option" as const, entityId: "wing_dip:blue_cheese" };
    await t.caller(admin).menuAdmin.setPrice({ ...key, amount: 120, from });
    const [scheduled] = (await extra("wing_dip:blue_cheese"))!.scheduled;
    expect(scheduled).toMatchObject({ variant: "", amount: 120, from });
    await t.caller(admin).menuAdmin.cancelScheduledPrice({ id: scheduled!.id });
    expect((await extra("wing_dip:blue_cheese"))?.scheduled).toEqual([]);
  });
});
