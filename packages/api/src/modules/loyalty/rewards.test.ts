// Loyalty rewards in the cart on real PostgreSQL (issue 21): the region's catalogue with what the caller can
// afford, a reward priced on the server as a discount line named after it, its points debited in the
// order's own transaction (`redeem:<orderId>`) — two orders racing for the same points: exactly one gets
// the reward, the other a 412 sentence and nothing written — and given back once when the order is cancelled.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectCode } from "../../testing/assertions.ts";
import { aCarryoutOrder, aPizza, aSide, storeId } from "../../testing/builders.ts";
import { backings, createTestPlatform, type TestPlatform } from "../../testing/harness.ts";
import { until } from "../../testing/signals.ts";
import type { AuthUser } from "../auth/tokens.ts";
import { aCustomerWithPoints } from "./loyalty.test-support.ts";
import { returnRedeemedPoints } from "./return-points.ts";

const postgres = backings.find((b) => b.db === "postgres")!;
const cola = () => aSide("cola", "500ml", 1);

describe("loyalty rewards in the cart on real PostgreSQL", () => {
  let t: TestPlatform;
  let midtown: string;

  beforeAll(async () => {
    t = await createTestPlatform(postgres, { seed: true });
    midtown = await storeId(t, "nyc-midtown");
    await t.platform.events.start();
  });
  afterAll(async () => {
    await t?.close();
  });

  const withPoints = (points: number) => aCustomerWithPoints(t, points);
  const ledgerOf = (me: AuthUser) =>
    t.platform.db
      .selectFrom("loyalty_ledger")
      .select(["kind", "delta", "event_key", "order_id"])
      .where("user_id", "=", me.id)
      .orderBy("created_at")
      .execute();
  const ordersOf = (me: AuthUser) =>
    t.platform.db.selectFrom("orders").select(["id", "discount"]).where("customer_id", "=", me.id).execute();

  it("lists the cart's region's rewards with what the caller's points cover", async () => {
    const me = await withPoints(40);
    const us = await t.caller(me).loyalty.rewards({ regionCode: "us" });
    expect(us.points).toBe(40);
    expect(us.rewards.map((r) => [r.id, r.points, r.affordable])).toEqual([
      ["us-free-medium-pizza", 60, false],
      ["us-free-drink", 20, true],
      ["us-5-off", 40, true],
    ]);
    const de = await t.caller(me).loyalty.rewards({ regionCode: "de" });
    expect(de.rewards.map((r) => r.id)).toEqual(["de-free-medium-pizza", "de-free-drink", "de-5-off"]);
    await expectCode(t.caller(me).loyalty.rewards({ regionCode: "U S" }), "BAD_REQUEST", /region code/);
  });

  it("quotes a reward as a discount line named after it, and says what to add when it does not apply", async () => {
    const me = await withPoints(100);
    const cart = { channel: "carryout" as const, storeId: midtown, tip: 0 };
    const plain = await t.caller(me).order.quote({ ...cart, items: [aPizza(), cola()] });
    const quoted = await t
      .caller(me)
      .order.quote({ ...cart, items: [aPizza(), cola()], rewardId: "us-free-drink" });
    const colaPrice = plain.lines.find((l) => l.itemId === "cola")!.unitPrice;
    expect(quoted.reward).toMatchObject({
      name: "Free 0.5 L Cola",
      points: 20,
      applied: true,
      discount: colaPrice,
    });
    expect(quoted.discount).toBe(colaPrice);
    expect(quoted.total).toBeLessThan(plain.total);
    const missing = await t.caller(me).order.quote({ ...cart, items: [aPizza()], rewardId: "us-free-drink" });
    expect(missing.reward).toMatchObject({
      applied: false,
      reason: "Add Cola 0.5 L to your order to get it free.",
    });
    expect(missing.discount).toBe(0);
    await expectCode(
      t.caller(me).order.placeOrder(aCarryoutOrder(midtown, { rewardId: "us-free-drink" })),
      "PRECONDITION_FAILED",
      /Add Cola 0\.5 L/,
    );
    // Another region's reward is not on this store's list.
    await expectCode(
      t.caller(me).order.quote({ ...cart, items: [aPizza()], rewardId: "de-5-off" }),
      "NOT_FOUND",
      /not offered at/,
    );
    expect(await ordersOf(me)).toEqual([]);
  });

  it("debits the points with the order and gives them back once when it is cancelled", async () => {
    const me = await withPoints(50);
    const order = await t
      .caller(me)
      .order.placeOrder(aCarryoutOrder(midtown, { items: [aPizza(), cola()], rewardId: "us-free-drink" }));
    expect(order.discount).toBeGreaterThan(0);
    expect((await t.caller(me).loyalty.balance()).points).toBe(30);
    expect((await ledgerOf(me)).at(-1)).toMatchObject({
      kind: "redeem",
      delta: -20,
      event_key: `redeem:${order.id}`,
      order_id: order.id,
    });
    await t.caller(me).order.cancelOrder({ orderId: order.id, reason: "changed my mind" });
    await until("the returned points", async () =>
      (await ledgerOf(me)).find((e) => e.kind === "return") ? true : undefined,
    );
    // A second delivery of the cancellation returns nothing more.
    expect(await t.platform.db.transaction().execute((trx) => returnRedeemedPoints(trx, order.id))).toBe(0);
    expect((await ledgerOf(me)).filter((e) => e.kind === "return").map((e) => e.delta)).toEqual([20]);
    expect((await t.caller(me).loyalty.balance()).points).toBe(50);
  });

  it("refuses a reward the points do not cover with a sentence, writing no order and no debit", async () => {
    const me = await withPoints(10);
    await expectCode(
      t
        .caller(me)
        .order.placeOrder(aCarryoutOrder(midtown, { items: [aPizza(), cola()], rewardId: "us-free-drink" })),
      "PRECONDITION_FAILED",
      /^You have 10 points; this reward needs 20\.$/,
    );
    expect(await ordersOf(me)).toEqual([]);
    expect((await ledgerOf(me)).map((e) => e.kind)).toEqual(["goodwill"]);
  });

  it("lets exactly one of two orders racing for the same points carry the reward", async () => {
    const me = await withPoints(20);
    const place = () =>
      t
        .caller(me)
        .order.placeOrder(aCarryoutOrder(midtown, { items: [aPizza(), cola()], rewardId: "us-free-drink" }));
    const results = await Promise.allSettled([place(), place()]);
    const placed = results.flatMap((r) => (r.status === "fulfilled" ? [r.value] : []));
    const refused = results.flatMap((r) =>
      r.status === "rejected" ? [r.reason as Error & { code: string }] : [],
    );
    expect(placed).toHaveLength(1);
    expect(refused).toHaveLength(1);
    expect(refused[0]!.code).toBe("PRECONDITION_FAILED");
    expect(refused[0]!.message).toBe("You have 0 points; this reward needs 20.");
    expect(await ordersOf(me)).toEqual([{ id: placed[0]!.id, discount: placed[0]!.discount }]);
    const ledger = await ledgerOf(me);
    expect(ledger.map((e) => [e.kind, e.delta, e.order_id])).toEqual([
      ["goodwill", 20, null],
      ["redeem", -20, placed[0]!.id],
    ]);
    expect((await t.caller(me).loyalty.balance()).points).toBe(0);
  });
});
