import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectCode } from "../../testing/assertions.ts";
import { aCarryoutOrder, aCustomer, aDeliveryOrder, aPizza, storeId } from "../../testing/builders.ts";
import { backings, createTestPlatform, type TestPlatform } from "../../testing/harness.ts";
import { until } from "../../testing/signals.ts";
import { TEST_CARDS } from "./gateway/payment-gateway.ts";
import { card } from "./payments.test-support.ts";

/** The whole path through the real orders module and the default (simulated, auto-webhook) gateway. */
describe.each(backings)("paying orders placed through the orders module on $name", (backing) => {
  let t: TestPlatform;
  let midtown: string;

  beforeAll(async () => {
    t = await createTestPlatform(backing, { seed: true });
    midtown = await storeId(t, "nyc-midtown");
  });
  afterAll(async () => {
    await t?.close();
  });

  it("pays a card order, moves it to placed, then refunds a smaller total and the rest on cancel", async () => {
    const me = await aCustomer(t);
    const order = await t.caller(me).order.placeOrder(aDeliveryOrder(midtown));
    expect(order.status).toBe("pending_payment");
    const paid = await t
      .caller(me)
      .payment.processPayment({ orderId: order.id, method: card(TEST_CARDS.succeeds) });
    expect(paid).toMatchObject({ status: "succeeded", amount: order.total, currency: order.currency });
    expect((await t.caller(me).order.getOrder({ orderId: order.id })).status).toBe("placed");

    // The simulation's webhook arrives on its own through the same handler, and changes nothing.
    await until("the simulation's webhook processed", async () => {
      const row = await t.platform.db
        .selectFrom("webhook_events")
        .select("processed_at")
        .where("type", "=", "payment_intent.succeeded")
        .executeTakeFirst();
      return Boolean(row?.processed_at);
    });
    const succeededEvents = await t.platform.db
      .selectFrom("outbox")
      .select("id")
      .where("aggregate_id", "=", order.id)
      .where("topic", "=", "payment.succeeded")
      .execute();
    expect(succeededEvents).toHaveLength(1);

    const smaller = await t.caller(me).order.updateOrder({ orderId: order.id, items: [aPizza()] });
    expect(smaller.total).toBeLessThan(order.total);
    // The change says what it did to the money already taken.
    expect(smaller.payment).toEqual({ refunded: order.total - smaller.total });
    await t.platform.services.payments.settled();
    let view = await t.caller(me).payment.getPayment({ orderId: order.id });
    expect(view.payment).toMatchObject({
      status: "partially_refunded",
      amountRefunded: order.total - smaller.total,
    });

    await t.caller(me).order.cancelOrder({ orderId: order.id });
    await t.platform.services.payments.settled();
    view = await t.caller(me).payment.getPayment({ orderId: order.id });
    expect(view.payment).toMatchObject({ status: "refunded", amountRefunded: order.total });
    expect(view.payment?.refunds.map((r) => r.amount)).toEqual([order.total - smaller.total, smaller.total]);
  });

  it("reprices an unpaid order freely; refuses to make a card-paid order cost more and changes nothing", async () => {
    const me = await aCustomer(t);
    const order = await t.caller(me).order.placeOrder(aCarryoutOrder(midtown, { paymentMethod: "card" }));
    const unpaid = await t
      .caller(me)
      .order.updateOrder({ orderId: order.id, items: [aPizza({ quantity: 2 })] });
    expect(unpaid.payment).toEqual({ refunded: 0 });
    await t.caller(me).payment.processPayment({ orderId: order.id, method: card(TEST_CARDS.succeeds) });
    const paid = await t.caller(me).order.getOrder({ orderId: order.id });
    await expectCode(
      t.caller(me).order.updateOrder({ orderId: order.id, items: [aPizza({ quantity: 3 })] }),
      "PRECONDITION_FAILED",
      /already paid by card/,
    );
    const after = await t.caller(me).order.getOrder({ orderId: order.id });
    expect(after.total).toBe(unpaid.total);
    expect(after.items.map((i) => i.quantity)).toEqual([2]);
    expect(after.version).toBe(paid.version);
  });

  it("cash on delivery: placed at once, paid when the driver collects", async () => {
    const me = await aCustomer(t);
    const order = await t.caller(me).order.placeOrder(aCarryoutOrder(midtown, { paymentMethod: "cash" }));
    expect(order.status).toBe("placed");
    expect(
      await t.caller(me).payment.processPayment({ orderId: order.id, method: { type: "cash" } }),
    ).toMatchObject({
      status: "pending",
      amount: order.total,
    });
    await t.platform.services.payments.markCashCollected(order.id, order.total);
    expect((await t.caller(me).payment.getPayment({ orderId: order.id })).payment).toMatchObject({
      status: "succeeded",
      gateway: "cash",
    });
  });
});
