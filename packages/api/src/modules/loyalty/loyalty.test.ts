// Loyalty points on real databases (issue 21): an order picked up or delivered earns its region's points
// once — a replayed event, even under a new event id, credits nothing more —, a refund takes back the
// refunded share and a cancellation the rest, never more than was credited; the customer sees their
// own balance and history only.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BusEvent } from "../../events/event-bus.ts";
import { expectCode } from "../../testing/assertions.ts";
import { aCarryoutOrder, aCustomer, aManager, aStaff, storeId } from "../../testing/builders.ts";
import { backings, createTestPlatform, type TestPlatform } from "../../testing/harness.ts";
import { until } from "../../testing/signals.ts";
import type { AuthUser } from "../auth/tokens.ts";
import { TEST_CARDS } from "../payments/gateway/payment-gateway.ts";
import { card } from "../payments/payments.test-support.ts";

describe.each(backings)("loyalty points on $name", (backing) => {
  let t: TestPlatform;
  let midtown: string;
  let staff: AuthUser;

  beforeAll(async () => {
    t = await createTestPlatform(backing, { seed: true });
    midtown = await storeId(t, "nyc-midtown");
    staff = await aStaff(t, "nyc-midtown");
    await t.platform.events.start();
  });
  afterAll(async () => {
    await t?.close();
  });

  const entriesOf = (orderId: string) =>
    t.platform.db
      .selectFrom("loyalty_ledger")
      .select(["kind", "delta", "event_key"])
      .where("order_id", "=", orderId)
      .orderBy("created_at")
      .execute();
  const handled = (eventId: string) =>
    t.platform.db
      .selectFrom("processed_events")
      .select("event_id")
      .where("consumer", "=", "loyalty.points")
      .where("event_id", "=", eventId)
      .executeTakeFirst();
  /** Publishes an outbox event of the order again, under its own id or a new one, and waits until handled. */
  async function replay(orderId: string, topic: string, newId: boolean): Promise<void> {
    const row = await t.platform.db
      .selectFrom("outbox")
      .selectAll()
      .where("aggregate_id", "=", orderId)
      .where("topic", "=", topic)
      .orderBy("created_at", "desc")
      .executeTakeFirstOrThrow();
    const event: BusEvent = {
      id: newId ? randomUUID() : row.id,
      topic: row.topic as BusEvent["topic"],
      aggregateId: row.aggregate_id,
      payload: row.payload as Record<string, unknown>,
      createdAt: new Date(row.created_at).toISOString(),
    };
    await t.platform.events.bus.publish([event]);
    await until(`the replayed ${topic}`, () => handled(event.id));
  }
  /** A customer's carryout order (cash unless `paid`), taken through the kitchen to picked_up. */
  async function pickedUp(me: AuthUser, paid = false) {
    const order = await t
      .caller(me)
      .order.placeOrder(aCarryoutOrder(midtown, paid ? { paymentMethod: "card" } : {}));
    if (paid)
      await t.caller(me).payment.processPayment({ orderId: order.id, method: card(TEST_CARDS.succeeds) });
    for (const to of ["preparing", "baking", "quality_check", "ready", "picked_up"] as const)
      await t.caller(staff).order.advance({ orderId: order.id, to });
    return t.caller(me).order.getOrder({ orderId: order.id });
  }

  it("credits a picked-up order once, even when its event is replayed under the same or a new id", async () => {
    const me = await aCustomer(t);
    const order = await pickedUp(me);
    const spend = order.subtotal - order.discount;
    const points = (spend >= 1500 ? 10 : 0) + Math.floor(spend / 100);
    const earned = await until("the credit", async () => (await entriesOf(order.id))[0]);
    expect(earned).toEqual({ kind: "earn", delta: points, event_key: `earn:${order.id}` });

    await replay(order.id, "order.status_changed", false);
    await replay(order.id, "order.status_changed", true);
    expect(await entriesOf(order.id)).toHaveLength(1);
    const balance = await t.caller(me).loyalty.balance();
    expect(balance.points).toBe(points);
    expect(new Date(balance.nextExpiry!.at).getUTCFullYear()).toBe(new Date().getUTCFullYear() + 1);
    const [entry] = await t.caller(me).loyalty.history();
    expect(entry).toMatchObject({ kind: "earn", delta: points, orderNumber: order.orderNumber });
    expect((await t.caller(await aCustomer(t)).loyalty.history()).length).toBe(0);
  });

  it("takes back the refunded share on a refund, the rest on a cancellation, and never more", async () => {
    const me = await aCustomer(t);
    const order = await pickedUp(me, true);
    const earned = await until("the credit", async () => (await entriesOf(order.id))[0]);
    const filed = await t.caller(me).help.file({ orderId: order.id, kind: "quality", message: "Cold" });
    await t.caller(staff).help.resolve({
      helpRequestId: filed.id,
      action: { type: "refund", amount: Math.floor(order.total / 2), note: "Sorry." },
    });
    await t.platform.services.payments.settled();
    const half = await until("the partial reversal", async () => (await entriesOf(order.id))[1]);
    expect(half.kind).toBe("reverse");
    expect(-half.delta).toBe(Math.ceil((earned.delta * Math.floor(order.total / 2)) / order.total));
    expect((await t.caller(me).loyalty.balance()).points).toBe(earned.delta + half.delta);

    // A cancellation of the same order (here a synthetic one) takes back what is left, once.
    const cancelled: BusEvent = {
      id: randomUUID(),
      topic: "order.cancelled",
      aggregateId: order.id,
      payload: {
        orderId: order.id,
        orderNumber: order.orderNumber,
        regionCode: "us",
        storeId: midtown,
        customerId: me.id,
        channel: "carryout",
        status: "cancelled",
        previousStatus: "picked_up",
        version: 99,
        at: new Date().toISOString(),
        reason: null,
        total: order.total,
        currency: "USD",
        paymentMethod: "card",
        by: "store",
      },
      createdAt: new Date().toISOString(),
    };
    await t.platform.events.bus.publish([cancelled]);
    await until("the cancellation", () => handled(cancelled.id));
    const again = { ...cancelled, id: randomUUID() };
    await t.platform.events.bus.publish([again]);
    await until("the second cancellation", () => handled(again.id));
    await replay(order.id, "payment.refunded", true);
    const all = await entriesOf(order.id);
    expect(all.reduce((s, e) => s + e.delta, 0)).toBe(0);
    expect(all).toHaveLength(3);
    expect((await t.caller(me).loyalty.balance()).points).toBe(0);
  });

  it("lets a store's manager grant goodwill points once per key, refusing crew and other stores", async () => {
    const me = await aCustomer(t);
    const order = await t.caller(me).order.placeOrder(aCarryoutOrder(midtown));
    const grant = {
      orderId: order.id,
      points: 15,
      reason: "Sorry for the wait",
      idempotencyKey: randomUUID(),
    };
    await expectCode(t.caller(staff).loyalty.grantGoodwill(grant), "FORBIDDEN", /store manager/);
    await expectCode(
      t.caller(await aManager(t, "ber-mitte")).loyalty.grantGoodwill(grant),
      "NOT_FOUND",
      /no such order at this store/,
    );
    const boss = t.caller(await aManager(t, "nyc-midtown")).loyalty;
    await expectCode(boss.grantGoodwill({ ...grant, points: 0 }), "BAD_REQUEST", /at least 1 point/);
    expect(await boss.grantGoodwill(grant)).toEqual({ granted: true, points: 15 });
    expect(await boss.grantGoodwill(grant)).toEqual({ granted: false, points: 15 });
    expect((await t.caller(me).loyalty.balance()).points).toBe(15);
    const [entry] = await t.caller(me).loyalty.history();
    expect(entry).toMatchObject({ kind: "goodwill", delta: 15, reason: "Sorry for the wait" });
  });
});
