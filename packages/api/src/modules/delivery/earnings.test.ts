// A driver's earnings (issue 20) on real PostgreSQL + Redis: a Berlin Mitte driver delivers card orders with
// and without a tip and cash orders with and without one; the shift, the week (per day and in total), the
// store's roster and its export all equal the sums computed straight from the orders table, the fee stays
// what it was at delivery when the store changes it, and a replayed or concurrent "Delivered" counts once.
import { randomUUID } from "node:crypto";
import { destination } from "@pizza/dispatch";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectCode } from "../../testing/assertions.ts";
import { aCustomer, aDeliveryOrder, aDriver, aStaff, NEAR, storeId } from "../../testing/builders.ts";
import { backings, createTestPlatform, type TestPlatform } from "../../testing/harness.ts";
import { pendingOfferTo } from "../../testing/signals.ts";
import type { AuthUser } from "../auth/tokens.ts";
import { TEST_CARDS } from "../payments/gateway/payment-gateway.ts";
import { card } from "../payments/payments.test-support.ts";

const DOOR = NEAR["ber-mitte"];
const FEE = 400; // the seed's €4.00 per delivery in Berlin

const real = backings.filter((b) => b.redis);

describe.each(real)("a driver's earnings on $name", (backing) => {
  let t: TestPlatform;
  let mitte: string;
  let staff: AuthUser;
  let otherStaff: AuthUser;
  let tsBase = Date.now();

  beforeAll(async () => {
    t = await createTestPlatform(backing, { seed: true, env: { DISPATCH_TICK_MS: "0" } });
    await t.platform.events.start();
    mitte = await storeId(t, "ber-mitte");
    staff = await aStaff(t, "ber-mitte");
    otherStaff = await aStaff(t, "nyc-midtown");
  });

  afterAll(async () => {
    await t?.close();
  });

  /** The driver's phone reports a position `metres` south of the door. */
  async function near(driver: AuthUser, metres = 100) {
    tsBase = Math.max(tsBase + 1, Date.now());
    const p = destination(DOOR, 180, metres);
    await t.platform.services.tracking.positionSink?.onDriverPosition(driver, { ...p, at: tsBase });
  }

  /** A delivery order to DOOR, paid (card) or not (cash), moved to ready and accepted by `driver`. */
  async function accepted(driver: AuthUser, paymentMethod: "card" | "cash", tip: number) {
    const customer = await aCustomer(t);
    const order = await t
      .caller(customer)
      .order.placeOrder(aDeliveryOrder(mitte, { paymentMethod, tip }, DOOR));
    if (paymentMethod === "card")
      await t
        .caller(customer)
        .payment.processPayment({ orderId: order.id, method: card(TEST_CARDS.succeeds) });
    for (const to of ["preparing", "baking", "quality_check", "ready"] as const)
      await t.caller(staff).order.advance({ orderId: order.id, to });
    const offer = await pendingOfferTo(t.platform.db, order.id, driver.id);
    await t.caller(driver).delivery.acceptOffer({ offerId: offer.id });
    return { order, deliveryId: offer.delivery_id };
  }

  /** Accepted, picked up and delivered (cash: a €100 note, change given). */
  async function delivered(driver: AuthUser, paymentMethod: "card" | "cash", tip: number) {
    const { order, deliveryId } = await accepted(driver, paymentMethod, tip);
    await t.caller(driver).delivery.markPickedUp({
      checks: ["order", "items", "drinks"],
      deliveryId,
      clientActionId: `p-${randomUUID()}`,
    });
    await near(driver, 30);
    await t.caller(driver).delivery.markDelivered({
      deliveryId,
      clientActionId: `d-${randomUUID()}`,
      ...(paymentMethod === "cash" ? { cashCollected: 10_000 } : {}),
    });
    return order;
  }

  /** The same figures computed from the orders the driver delivered, without the earnings rows. */
  async function fromOrders(driverId: string) {
    const orders = await t.platform.db
      .selectFrom("orders as o")
      .innerJoin("deliveries as d", "d.order_id", "o.id")
      .select(["o.payment_method", "o.tip", "o.total", "o.status"])
      .where("d.driver_id", "=", driverId)
      .execute();
    const sum = (f: (o: (typeof orders)[number]) => number) => orders.reduce((n, o) => n + f(o), 0);
    expect(orders.every((o) => o.status === "delivered")).toBe(true);
    const tipsCard = sum((o) => (o.payment_method === "card" ? o.tip : 0));
    const tipsCash = sum((o) => (o.payment_method === "cash" ? o.tip : 0));
    return {
      deliveries: orders.length,
      fees: orders.length * FEE,
      tipsCard,
      tipsCash,
      tips: tipsCard + tipsCash,
      earnings: orders.length * FEE + tipsCard + tipsCash,
      cashToHandIn: sum((o) => (o.payment_method === "cash" ? o.total - o.tip : 0)),
      currency: "EUR",
    };
  }

  it("shift, week, roster and export reconcile with the orders; a later fee change leaves them alone", async () => {
    const driver = await aDriver(t, mitte, "Earning Driver");
    await near(driver, 150);
    await t.caller(driver).delivery.goOnline({ storeId: mitte });
    const placed = [];
    for (const [method, tip] of [
      ["card", 300],
      ["card", 0],
      ["cash", 200],
      ["cash", 0],
    ] as const)
      placed.push(await delivered(driver, method, tip));
    await near(driver, 900); // drove 870 m more since the last fix
    const expected = await fromOrders(driver.id);
    expect(expected).toMatchObject({ deliveries: 4, tipsCard: 300, tipsCash: 200 });
    expect(expected.cashToHandIn).toBe(placed[2]!.total - 200 + placed[3]!.total);

    // The store raises its fee afterwards: deliveries already made keep the fee of their day.
    await t.platform.db
      .updateTable("stores")
      .set({ driver_fee_per_delivery: 800 })
      .where("id", "=", mitte)
      .execute();

    const shift = await t.caller(driver).delivery.shiftSummary();
    expect(shift?.figures).toMatchObject(expected);
    expect(shift?.figures.distanceM).toBeGreaterThan(800);
    expect(shift?.figures.onDeliveryS).toBeGreaterThanOrEqual(0);
    expect(shift?.figures.onShiftS).toBeGreaterThanOrEqual(shift!.figures.onDeliveryS);
    expect(shift).toMatchObject({ deliveries: 4, tips: 500, feePerDelivery: 800 });

    const week = await t.caller(driver).delivery.weeklyEarnings();
    expect(week).toMatchObject({ timezone: "Europe/Berlin", currency: "EUR" });
    expect(week.thisWeek.days).toHaveLength(7);
    expect(week.thisWeek.totals).toMatchObject(expected);
    const busy = week.thisWeek.days.filter((d) => d.deliveries > 0);
    expect(busy).toHaveLength(1);
    expect(busy[0]).toMatchObject(expected);
    expect(week.lastWeek.totals).toMatchObject({ deliveries: 0, earnings: 0 });

    const roster = await t.caller(staff).delivery.roster({});
    const mine = roster.drivers.find((d) => d.driverId === driver.id);
    expect(mine?.earnings.shift).toMatchObject(expected);
    expect(mine?.earnings.week).toMatchObject(expected);

    const exported = await t.caller(staff).delivery.earningsExport({ driverId: driver.id });
    expect(exported.rows.map((r) => r.orderId).sort()).toEqual(placed.map((o) => o.id).sort());
    const rowSum = (f: (r: (typeof exported.rows)[number]) => number) =>
      exported.rows.reduce((n, r) => n + f(r), 0);
    expect(rowSum((r) => r.earnings)).toBe(expected.earnings);
    expect(rowSum((r) => r.cashToHandIn)).toBe(expected.cashToHandIn);
    expect(exported.rows.every((r) => r.fee === FEE && r.driverName === "Earning Driver")).toBe(true);
    expect((await t.caller(staff).delivery.earningsExport({ week: "last" })).rows).toEqual([]);
  });

  it("staff of another store, drivers and bad input get nothing", async () => {
    const driver = await aDriver(t, mitte, "Private Driver");
    await expectCode(
      t.caller(otherStaff).delivery.earningsExport({ driverId: driver.id }),
      "NOT_FOUND",
      /could not find that driver/,
    );
    await expectCode(t.caller(otherStaff).delivery.earningsExport({ storeId: mitte }), "NOT_FOUND");
    await expectCode(t.caller(driver).delivery.earningsExport({}), "FORBIDDEN");
    await expectCode(
      // @ts-expect-error: a week the API does not know
      t.caller(staff).delivery.earningsExport({ week: "next" }),
      "BAD_REQUEST",
      /week must be this or last/,
    );
  });

  it("a replayed or concurrent 'Delivered' counts the delivery, its fee and its tip once", async () => {
    // The fee of the day of the delivery (the first test changed it): €6.50.
    const fee = 650;
    await t.platform.db
      .updateTable("stores")
      .set({ driver_fee_per_delivery: fee })
      .where("id", "=", mitte)
      .execute();
    const driver = await aDriver(t, mitte, "Replaying Driver");
    await near(driver, 150);
    await t.caller(driver).delivery.goOnline({ storeId: mitte });
    const { order, deliveryId } = await accepted(driver, "card", 250);
    await t.caller(driver).delivery.markPickedUp({
      checks: ["order", "items", "drinks"],
      deliveryId,
      clientActionId: `p-${randomUUID()}`,
    });
    await near(driver, 30);
    const same = `d-${randomUUID()}`;
    const attempts = await Promise.allSettled([
      ...[1, 2, 3].map(() => t.caller(driver).delivery.markDelivered({ deliveryId, clientActionId: same })),
      ...[1, 2].map(() =>
        t.caller(driver).delivery.markDelivered({ deliveryId, clientActionId: `d-${randomUUID()}` }),
      ),
    ]);
    const fulfilled = attempts.filter((a) => a.status === "fulfilled");
    expect(fulfilled.length).toBeGreaterThanOrEqual(1);
    expect(fulfilled.filter((a) => !a.value.replayed)).toHaveLength(1);
    const rows = await t.platform.db
      .selectFrom("driver_earnings")
      .select(["fee", "tip_card"])
      .where("order_id", "=", order.id)
      .execute();
    expect(rows).toEqual([{ fee, tip_card: 250 }]);
    const shift = await t.caller(driver).delivery.shiftSummary();
    expect(shift?.figures).toMatchObject({ deliveries: 1, fees: fee, tipsCard: 250, earnings: fee + 250 });
    expect((await fromOrders(driver.id)).deliveries).toBe(1);
  });
});
