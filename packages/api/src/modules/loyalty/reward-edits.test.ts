// Editing an order that holds a loyalty reward, on real PostgreSQL (issue 21): `order.updateOrder` and
// `payment.applyPromoCode` re-price it WITH its reward (the same rule as at placement: the reward first,
// a promo on what it left), never spend its points again (the ledger keeps the one `redeem:<orderId>` row),
// and an edited cart that lost the reward's item drops the reward and returns its points at once, once.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectCode } from "../../testing/assertions.ts";
import { aCarryoutOrder, aPizza, aSide, storeId } from "../../testing/builders.ts";
import { backings, createTestPlatform, type TestPlatform } from "../../testing/harness.ts";
import { until } from "../../testing/signals.ts";
import type { AuthUser } from "../auth/tokens.ts";
import { aCustomerWithPoints } from "./loyalty.test-support.ts";

const postgres = backings.find((b) => b.db === "postgres")!;
const cola = () => aSide("cola", "500ml", 1);

describe("editing an order that holds a loyalty reward, on real PostgreSQL", () => {
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

  const ledgerOf = (me: AuthUser) =>
    t.platform.db
      .selectFrom("loyalty_ledger")
      .select(["kind", "delta", "event_key"])
      .where("user_id", "=", me.id)
      .orderBy("created_at")
      .execute();
  const rewardOf = (orderId: string) =>
    t.platform.db
      .selectFrom("orders")
      .select(["reward_id", "reward_points"])
      .where("id", "=", orderId)
      .executeTakeFirstOrThrow();
  const quoteWithDrink = (me: AuthUser, items: ReturnType<typeof aPizza>[], promoCode?: string) =>
    t.caller(me).order.quote({
      channel: "carryout",
      storeId: midtown,
      tip: 0,
      items,
      rewardId: "us-free-drink",
      ...(promoCode ? { promoCode } : {}),
    });

  it("re-prices an edit and a promo code with the reward, spending its points once", async () => {
    const me = await aCustomerWithPoints(t, 50);
    const order = await t
      .caller(me)
      .order.placeOrder(aCarryoutOrder(midtown, { items: [aPizza(), cola()], rewardId: "us-free-drink" }));
    expect(await rewardOf(order.id)).toEqual({ reward_id: "us-free-drink", reward_points: 20 });

    const items = [aPizza(), aPizza({ itemId: "margherita" }), cola()];
    const edited = await t
      .caller(me)
      .order.updateOrder({ orderId: order.id, expectedVersion: order.version, items });
    const quoted = await quoteWithDrink(me, items);
    expect(quoted.reward).toMatchObject({ applied: true });
    expect(edited).toMatchObject({ discount: quoted.discount, total: quoted.total, rewardNote: null });

    // The promo is computed on what the reward left, exactly as a new cart with both would be.
    const promoted = await t.caller(me).payment.applyPromoCode({ orderId: order.id, code: "NYC5" });
    const both = await quoteWithDrink(me, items, "NYC5");
    expect(both.promo).toMatchObject({ applied: true, discount: 500 });
    expect(promoted).toMatchObject({ promoCode: "NYC5", discount: both.discount, total: both.total });

    expect((await ledgerOf(me)).map((e) => [e.kind, e.delta, e.event_key])).toEqual([
      ["goodwill", 50, `goodwill:${me.id}`],
      ["redeem", -20, `redeem:${order.id}`],
    ]);
    expect((await t.caller(me).loyalty.balance()).points).toBe(30);
    expect(await rewardOf(order.id)).toEqual({ reward_id: "us-free-drink", reward_points: 20 });
  });

  it("keeps the reward as bought when the catalogue changes its points or withdraws it", async () => {
    const me = await aCustomerWithPoints(t, 20);
    const order = await t
      .caller(me)
      .order.placeOrder(aCarryoutOrder(midtown, { items: [aPizza(), cola()], rewardId: "us-free-drink" }));
    const reward = t.platform.db.updateTable("loyalty_rewards").where("id", "=", "us-free-drink");
    await reward.set({ points: 999, active: false }).execute();
    try {
      const items = [aPizza({ itemId: "margherita" }), cola()];
      const edited = await t
        .caller(me)
        .order.updateOrder({ orderId: order.id, expectedVersion: order.version, items });
      expect(edited.rewardNote).toBeNull();
      const colaPrice = order.items.find((l) => l.itemId === "cola")!.unitPrice;
      expect(edited.discount).toBe(colaPrice);
    } finally {
      await reward.set({ points: 20, active: true }).execute();
    }
    expect((await ledgerOf(me)).map((e) => e.kind)).toEqual(["goodwill", "redeem"]);
    expect(await rewardOf(order.id)).toEqual({ reward_id: "us-free-drink", reward_points: 20 });
  });

  it("drops a reward the edited cart lost and returns its points once, even after a cancel", async () => {
    const me = await aCustomerWithPoints(t, 50);
    const order = await t
      .caller(me)
      .order.placeOrder(aCarryoutOrder(midtown, { items: [aPizza(), cola()], rewardId: "us-free-drink" }));
    expect((await t.caller(me).loyalty.balance()).points).toBe(30);

    const edited = await t
      .caller(me)
      .order.updateOrder({ orderId: order.id, expectedVersion: order.version, items: [aPizza()] });
    expect(edited.rewardNote).toBe(
      "The reward Free 0.5 L Cola no longer applies to this order, so it was removed and its 20 points are back in your account.",
    );
    expect(edited.discount).toBe(0);
    expect(await rewardOf(order.id)).toEqual({ reward_id: null, reward_points: null });
    expect((await t.caller(me).loyalty.balance()).points).toBe(50);

    // Putting the cola back does not bring the reward back (nor spend points): it was given up.
    const again = await t
      .caller(me)
      .order.updateOrder({ orderId: order.id, expectedVersion: edited.version, items: [aPizza(), cola()] });
    expect(again.discount).toBe(0);

    await t.caller(me).order.cancelOrder({ orderId: order.id, reason: "changed my mind" });
    await until("the cancellation handled by loyalty", () =>
      t.platform.db
        .selectFrom("outbox")
        .innerJoin("processed_events", "processed_events.event_id", "outbox.id")
        .select("outbox.id")
        .where("outbox.topic", "=", "order.cancelled")
        .where("outbox.aggregate_id", "=", order.id)
        .where("processed_events.consumer", "=", "loyalty.points")
        .executeTakeFirst(),
    );
    expect((await ledgerOf(me)).map((e) => [e.kind, e.delta])).toEqual([
      ["goodwill", 50],
      ["redeem", -20],
      ["return", 20],
    ]);
    expect((await t.caller(me).loyalty.balance()).points).toBe(50);
  });

  it("lets one of two racing edits through and spends the points once", async () => {
    const me = await aCustomerWithPoints(t, 20);
    const order = await t
      .caller(me)
      .order.placeOrder(aCarryoutOrder(midtown, { items: [aPizza(), cola()], rewardId: "us-free-drink" }));
    const edit = (items: ReturnType<typeof aPizza>[]) =>
      t.caller(me).order.updateOrder({ orderId: order.id, expectedVersion: order.version, items });
    const results = await Promise.allSettled([edit([aPizza()]), edit([aPizza(), aPizza(), cola()])]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const ledger = await ledgerOf(me);
    expect(ledger.filter((e) => e.kind === "redeem").map((e) => e.delta)).toEqual([-20]);
    expect(ledger.filter((e) => e.kind === "return").length).toBeLessThanOrEqual(1);
    await expectCode(
      t
        .caller(me)
        .order.updateOrder({ orderId: order.id, expectedVersion: order.version, items: [aPizza()] }),
      "CONFLICT",
    );
  });
});
