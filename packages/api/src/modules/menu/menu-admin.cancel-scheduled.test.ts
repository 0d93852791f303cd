// Withdrawing a scheduled price before its moment (issue 22) on both backings: the customer's menu never
// takes it (the test moves the clock past the moment, as menu-admin.test.ts does), the cached menu no
// longer waits for that moment, the entity's history says who cancelled it; refused for anyone but an
// admin, for an unknown id, for a price already in force and for bad input, each changing nothing.
import { randomUUID } from "node:crypto";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { expectCode, failure } from "../../testing/assertions.ts";
import { aManager, anAdmin, storeId } from "../../testing/builders.ts";
import { backings, createTestPlatform, type TestPlatform } from "../../testing/harness.ts";
import type { AuthUser } from "../auth/tokens.ts";

describe.each(backings)("cancelling a scheduled price on $name", (backing) => {
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
  afterEach(() => {
    vi.useRealTimers();
  });

  const menuOf = () => t.caller().menu.getMenu({ storeId: midtown, locale: "en" });
  const menuPrice = async (itemId: string, variant: string) =>
    (await menuOf()).items.find((i) => i.id === itemId)?.variants.find((v) => v.id === variant)?.price;
  const scheduledOf = async (itemId: string) =>
    (await t.caller(admin).menuAdmin.catalogue({ regionCode: "us" })).entries.find(
      (e) => e.entity === "item" && e.id === itemId,
    )?.scheduled ?? [];
  const schedule = (itemId: string, amount: number, from: Date) =>
    t.caller(admin).menuAdmin.setPrice({
      regionCode: "us",
      entity: "item",
      entityId: itemId,
      variant: "medium",
      amount,
      from: from.toISOString(),
    });

  it("withdraws it: the menu keeps the old price past the moment, and the history says who", async () => {
    const was = (await menuPrice("veggie_supreme", "medium"))!;
    const from = new Date(Date.now() + 3600_000);
    await schedule("veggie_supreme", was + 300, from);
    expect((await menuOf()).nextPriceChangeAt).toBe(from.toISOString());
    const [scheduled] = await scheduledOf("veggie_supreme");

    const cancelled = await t.caller(admin).menuAdmin.cancelScheduledPrice({ id: scheduled!.id });
    expect(cancelled).toEqual({ regionCode: "us", amount: was + 300, from: from.toISOString() });
    expect(await scheduledOf("veggie_supreme")).toEqual([]);
    // The bump rebuilt the cached menu: it no longer waits for the cancelled moment.
    expect((await menuOf()).nextPriceChangeAt).not.toBe(from.toISOString());

    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(from.getTime() + 1000);
    expect(await menuPrice("veggie_supreme", "medium")).toBe(was);
    vi.useRealTimers();

    const [last] = await t.caller(admin).menuAdmin.history({ entity: "item", entityId: "veggie_supreme" });
    expect(last).toMatchObject({
      action: "cancelled scheduled price",
      regionCode: "us",
      changedBy: admin.id,
      before: { variant: "medium", entity: "item", key: "veggie_supreme", amount: was + 300 },
      after: null,
    });
  });

  it("refuses anyone but an admin, an unknown id, a price in force and bad input, changing nothing", async () => {
    const was = (await menuPrice("hawaiian", "medium"))!;
    const from = new Date(Date.now() + 3600_000);
    await schedule("hawaiian", was + 100, from);
    const [scheduled] = await scheduledOf("hawaiian");
    const id = scheduled!.id;
    const historyBefore = await t.caller(admin).menuAdmin.history({ entity: "item", entityId: "hawaiian" });

    const manager = await aManager(t, "nyc-midtown");
    await expectCode(t.caller(manager).menuAdmin.cancelScheduledPrice({ id }), "FORBIDDEN");
    await expectCode(t.caller().menuAdmin.cancelScheduledPrice({ id }), "UNAUTHORIZED");
    const unknown = await failure(t.caller(admin).menuAdmin.cancelScheduledPrice({ id: randomUUID() }));
    expect([unknown.code, unknown.message]).toEqual([
      "NOT_FOUND",
      "There is no such scheduled price: it may have been cancelled already.",
    ]);
    const bad = await failure(t.caller(admin).menuAdmin.cancelScheduledPrice({ id: "tomorrow" }));
    expect(bad.code).toBe("BAD_REQUEST");
    expect(bad.message).toMatch(/id: Say which scheduled price to cancel/);

    // Once its moment has come, it is the price in force: cancelling is refused.
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(from.getTime() + 1000);
    const inForce = await failure(t.caller(admin).menuAdmin.cancelScheduledPrice({ id }));
    expect([inForce.code, inForce.message]).toEqual([
      "BAD_REQUEST",
      "That price is already in force: set a new price instead of cancelling it.",
    ]);
    expect(await menuPrice("hawaiian", "medium")).toBe(was + 100);
    vi.useRealTimers();

    expect((await scheduledOf("hawaiian")).map((s) => s.id)).toEqual([id]);
    expect(await t.caller(admin).menuAdmin.history({ entity: "item", entityId: "hawaiian" })).toEqual(
      historyBefore,
    );
  });
});
