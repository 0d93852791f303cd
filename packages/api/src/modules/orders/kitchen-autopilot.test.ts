import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { aCarryoutOrder, aCustomer, aDeliveryOrder, aStaff, storeId } from "../../testing/builders.ts";
import { backings, createTestPlatform, type TestPlatform } from "../../testing/harness.ts";
import { until } from "../../testing/signals.ts";
import { KitchenAutopilot } from "./kitchen-autopilot.ts";

describe.each(backings)("kitchen autopilot on $name", (backing) => {
  let t: TestPlatform;
  let midtown: string;
  const later = (ms: number) => new Date(Date.now() + ms);

  beforeAll(async () => {
    t = await createTestPlatform(backing, { seed: true });
    midtown = await storeId(t, "nyc-midtown");
    await t
      .caller(await aStaff(t, "nyc-midtown"))
      .store.setKitchenCapacity({ storeId: midtown, capacity: 1000 });
  });
  afterAll(async () => {
    await t?.close();
  });

  const pilot = (speed = 1) =>
    new KitchenAutopilot({ db: t.platform.db, orders: t.platform.services.orders, speed });
  const statusOf = async (id: string) =>
    (await t.platform.db.selectFrom("orders").select("status").where("id", "=", id).executeTakeFirstOrThrow())
      .status;

  it("waits a stage's realistic time before moving an order on", async () => {
    const me = await aCustomer(t);
    const order = await t.caller(me).order.placeOrder(aCarryoutOrder(midtown));
    const p = pilot(1);
    await p.tick(later(30_000));
    expect(await statusOf(order.id)).toBe("placed");
    await p.tick(later(61_000));
    expect(await statusOf(order.id)).toBe("preparing");
    await p.tick(later(61_000));
    expect(await statusOf(order.id)).toBe("preparing"); // preparing lasts 3 minutes
  });

  it("takes a delivery order to ready and never past it; hands a carryout order over", async () => {
    const me = await aCustomer(t);
    const delivery = await t.caller(me).order.placeOrder(aDeliveryOrder(midtown, { paymentMethod: "cash" }));
    const carryout = await t.caller(me).order.placeOrder(aCarryoutOrder(midtown));
    const p = pilot(1);
    for (let i = 0; i < 8; i++) await p.tick(later(3600_000));
    expect(await statusOf(delivery.id)).toBe("ready");
    expect(await statusOf(carryout.id)).toBe("picked_up");
    const track = await t.caller(me).order.trackOrder({ orderId: delivery.id });
    expect(track.timeline.filter((s) => s.reached).map((s) => s.status)).toEqual([
      "placed",
      "preparing",
      "baking",
      "quality_check",
      "ready",
    ]);
    const topics = await t.platform.db
      .selectFrom("outbox")
      .select("topic")
      .where("aggregate_id", "=", delivery.id)
      .execute();
    expect(topics.map((x) => x.topic)).toContain("order.ready");
  });

  it("leaves unpaid card orders and far-off scheduled orders alone", async () => {
    const me = await aCustomer(t);
    const unpaid = await t.caller(me).order.placeOrder(aDeliveryOrder(midtown));
    const at = new Date(Math.ceil((Date.now() + 6 * 3600_000) / 900_000) * 900_000);
    const scheduled = await t
      .caller(me)
      .order.placeOrder(aCarryoutOrder(midtown, { scheduledFor: at.toISOString() }));
    await pilot(1).tick(later(3600_000));
    expect(await statusOf(unpaid.id)).toBe("pending_payment");
    expect(await statusOf(scheduled.id)).toBe("placed");
  });

  it("moves each order exactly once per stage with several nodes ticking at the same time", async () => {
    const buyers = await Promise.all(Array.from({ length: 6 }, () => aCustomer(t)));
    const orders = await Promise.all(
      buyers.map((b) => t.caller(b).order.placeOrder(aCarryoutOrder(midtown))),
    );
    const nodes = [pilot(1), pilot(1), pilot(1)];
    for (let i = 0; i < 6; i++) await Promise.all(nodes.map((n) => n.tick(later(3600_000))));
    for (const o of orders) {
      const history = await t.platform.db
        .selectFrom("order_status_history")
        .select("to_status")
        .where("order_id", "=", o.id)
        .orderBy("id")
        .execute();
      expect(history.map((h) => h.to_status)).toEqual([
        "placed",
        "preparing",
        "baking",
        "quality_check",
        "ready",
        "picked_up",
      ]);
    }
  });

  it("runs on its own timer when started and stops cleanly", async () => {
    const me = await aCustomer(t);
    const order = await t.caller(me).order.placeOrder(aCarryoutOrder(midtown));
    const p = new KitchenAutopilot({
      db: t.platform.db,
      orders: t.platform.services.orders,
      speed: 2000,
      intervalMs: 20,
    });
    p.start();
    await until(
      "the autopilot's own timer to hand the order over",
      async () => (await statusOf(order.id)) === "picked_up",
    ).finally(() => p.stop());
    expect(await statusOf(order.id)).toBe("picked_up");
  });
});
