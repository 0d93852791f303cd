// Issue 16, finding 3: Tokyo does not take tips. The menu says so (the cart hides the tip choice) and
// the server refuses a tip there with a clear 400 on a quote and a placement, writing nothing; New York
// still takes one.
import { countRows } from "@pizza/db/testing";
import type { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { aCarryoutOrder, aCustomer, storeId } from "../../testing/builders.ts";
import { backings, createTestPlatform, type TestPlatform } from "../../testing/harness.ts";

describe.each(backings)("tips by region on $name", (backing) => {
  let t: TestPlatform;
  let shibuya: string;
  let midtown: string;

  beforeAll(async () => {
    t = await createTestPlatform(backing, { seed: true });
    shibuya = await storeId(t, "tyo-shibuya");
    midtown = await storeId(t, "nyc-midtown");
  });
  afterAll(async () => {
    await t?.close();
  });

  const cart = (storeIdValue: string, tip: number) => ({
    channel: "carryout" as const,
    storeId: storeIdValue,
    items: [{ itemId: "margherita", variant: "medium", quantity: 1 }],
    tip,
  });

  it("says on the menu whether the region takes tips", async () => {
    const caller = t.caller(null, "198.51.100.40");
    expect((await caller.menu.getMenu({ storeId: shibuya })).region.tipsAccepted).toBe(false);
    expect((await caller.menu.getMenu({ storeId: midtown })).region.tipsAccepted).toBe(true);
  });

  it("refuses a tip in Tokyo with a 400 that says why, and prices the same cart without one", async () => {
    const customer = t.caller(await aCustomer(t));
    const refused = await customer.order.quote(cart(shibuya, 200)).catch((e: TRPCError) => e);
    expect((refused as TRPCError).code).toBe("BAD_REQUEST");
    expect((refused as TRPCError).message).toMatch(/does not take tips .*please remove the tip/);
    expect((await customer.order.quote(cart(shibuya, 0))).tip).toBe(0);
    expect((await customer.order.quote(cart(midtown, 200))).tip).toBe(200);
  });

  it("refuses to place a Tokyo order with a tip and writes no order", async () => {
    const customer = t.caller(await aCustomer(t));
    const before = await countRows(t.db, "orders");
    const placed = await customer.order
      .placeOrder(aCarryoutOrder(shibuya, { items: cart(shibuya, 0).items, tip: 300 }))
      .catch((e: TRPCError) => e);
    expect((placed as TRPCError).code).toBe("BAD_REQUEST");
    expect(await countRows(t.db, "orders")).toBe(before);
  });
});
