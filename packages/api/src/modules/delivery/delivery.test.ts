import { randomUUID } from "node:crypto";
import { destination, type LatLng } from "@pizza/dispatch";
import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  aCustomer,
  aDeliveryOrder,
  aDriver as aDriverOf,
  anAdmin,
  aStaff,
  storeId,
} from "../../testing/builders.ts";
import { backings, createTestPlatform, type TestPlatform } from "../../testing/harness.ts";
import { until } from "../../testing/signals.ts";
import type { AuthUser } from "../auth/tokens.ts";

const MIDTOWN: LatLng = { lat: 40.757, lng: -73.9877 };

async function code(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return "OK";
  } catch (error) {
    if (error instanceof TRPCError) return error.code;
    throw error;
  }
}

describe.each(backings)("delivery module on $name", (backing) => {
  let t: TestPlatform;
  let midtown: string;
  let staff: AuthUser;
  let otherStaff: AuthUser;
  const online: AuthUser[] = [];

  /** A fresh driver of a store (tests never share drivers). */
  const aDriver = (store: string, name?: string) => aDriverOf(t, store, name);

  let tsBase = Date.now();
  async function at(driver: AuthUser, metresFromStore: number, bearing = 90) {
    const p = destination(MIDTOWN, bearing, metresFromStore);
    tsBase = Math.max(tsBase + 1, Date.now());
    await t.platform.services.tracking.positionSink?.onDriverPosition(driver, { ...p, at: tsBase });
  }

  /** Drivers online near Midtown at the given distances (metres from the store). */
  async function driversAt(...metres: number[]): Promise<AuthUser[]> {
    const out: AuthUser[] = [];
    for (const [i, m] of metres.entries()) {
      const d = await aDriver(midtown, `Driver ${m} m`);
      await at(d, m, 40 + i * 70);
      await t.caller(d).delivery.goOnline({ storeId: midtown });
      online.push(d);
      out.push(d);
    }
    return out;
  }

  /** A cash delivery order near Midtown, moved to ready by the store's staff. */
  async function readyCashOrder(customer: AuthUser) {
    const order = await t
      .caller(customer)
      .order.placeOrder(aDeliveryOrder(midtown, { paymentMethod: "cash", tip: 150 }));
    expect(order.status).toBe("placed");
    for (const to of ["preparing", "baking", "quality_check", "ready"] as const) {
      await t.caller(staff).order.advance({ orderId: order.id, to });
    }
    return order;
  }

  async function pendingOffer(deliveryOrderId: string) {
    return until("a pending offer", () =>
      t.platform.db
        .selectFrom("delivery_offers as f")
        .innerJoin("deliveries as d", "d.id", "f.delivery_id")
        .select(["f.id", "f.driver_id", "f.delivery_id"])
        .where("d.order_id", "=", deliveryOrderId)
        .where("f.status", "=", "pending")
        .executeTakeFirst(),
    );
  }

  beforeAll(async () => {
    t = await createTestPlatform(backing, { seed: true, env: { DISPATCH_TICK_MS: "0" } });
    await t.platform.events.start();
    midtown = await storeId(t, "nyc-midtown");
    staff = await aStaff(t, "nyc-midtown");
    otherStaff = await aStaff(t, "ber-mitte");
  });

  afterAll(async () => {
    await t?.close();
  });

  /** Each test's drivers leave the index, so the next test's orders go to its own drivers. */
  async function offline() {
    for (const d of online.splice(0))
      await t.platform.services.delivery.index.setStatus(d.id, midtown, "offline");
  }

  it("a cash order: ready → the nearest driver gets the offer → accepts → picks up → delivers, exactly once", async () => {
    try {
      const [near, mid, far] = await driversAt(200, 900, 2500);
      const customer = await aCustomer(t);
      const order = await readyCashOrder(customer);

      const offer = await pendingOffer(order.id);
      expect(offer.driver_id).toBe(near!.id);
      const delivery = await t.platform.db
        .selectFrom("deliveries")
        .select(["id", "status", "store_id"])
        .where("order_id", "=", order.id)
        .executeTakeFirstOrThrow();
      expect(delivery).toMatchObject({ status: "offered", store_id: midtown });

      // A driver sees only their own offers.
      const mine = await t.caller(near).delivery.myOffers();
      expect(mine).toHaveLength(1);
      expect(mine[0]).toMatchObject({ offerId: offer.id, orderId: order.id, store: { id: midtown } });
      expect(await t.caller(mid).delivery.myOffers()).toEqual([]);
      expect(await code(t.caller(mid).delivery.acceptOffer({ offerId: offer.id }))).toBe("NOT_FOUND");
      expect(await code(t.caller(far).delivery.declineOffer({ offerId: offer.id }))).toBe("NOT_FOUND");

      const accepted = await t.caller(near).delivery.acceptOffer({ offerId: offer.id });
      expect(accepted).toMatchObject({ deliveryId: delivery.id, status: "assigned", paymentMethod: "cash" });
      expect(accepted.cashDue).toBe(order.total);
      expect(await t.caller(near).delivery.current()).toHaveLength(1);
      expect(await t.caller(mid).delivery.current()).toEqual([]);
      expect(await code(t.caller(near).delivery.acceptOffer({ offerId: offer.id }))).toBe(
        "PRECONDITION_FAILED",
      );

      // Status: the customer sees driver and ETA, not the explanation; staff see why.
      const forCustomer = await t.caller(customer).delivery.getDeliveryStatus({ orderId: order.id });
      expect(forCustomer).toMatchObject({
        stage: "assigned",
        driver: { driverId: near!.id, name: "Driver 200 m" },
      });
      expect(forCustomer.driver?.position).not.toBeNull();
      expect(forCustomer.etaDropoffAt).not.toBeNull();
      expect(forCustomer.explanation).toBeNull();
      const forStaff = await t.caller(staff).delivery.getDeliveryStatus({ orderId: order.id });
      const why = forStaff.explanation as {
        candidates: { driverId: string }[];
        chosen: { driverId: string };
      };
      expect(why.chosen.driverId).toBe(near!.id);
      expect(why.candidates.map((c) => c.driverId)).toEqual([near!.id, mid!.id, far!.id]);
      expect((await t.caller(near).delivery.getDeliveryStatus({ orderId: order.id })).stage).toBe("assigned");
      for (const outsider of [await aCustomer(t), mid!, otherStaff]) {
        expect(await code(t.caller(outsider).delivery.getDeliveryStatus({ orderId: order.id }))).toBe(
          "NOT_FOUND",
        );
      }

      // Delivered before picked up: refused, and the action id stays usable.
      const deliverId = `deliver-${randomUUID()}`;
      expect(
        await code(
          t.caller(near).delivery.markDelivered({
            deliveryId: delivery.id,
            clientActionId: deliverId,
            cashCollected: order.total,
          }),
        ),
      ).toBe("PRECONDITION_FAILED");
      // Someone else's delivery looks missing.
      expect(
        await code(
          t.caller(mid).delivery.markPickedUp({
            checks: ["order", "items", "drinks"],
            deliveryId: delivery.id,
            clientActionId: `p-${randomUUID()}`,
          }),
        ),
      ).toBe("NOT_FOUND");

      const pickupId = `pickup-${randomUUID()}`;
      const picked = await t.caller(near).delivery.markPickedUp({
        checks: ["order", "items", "drinks"],
        deliveryId: delivery.id,
        clientActionId: pickupId,
      });
      expect(picked).toMatchObject({ status: "picked_up", replayed: false });
      expect((await t.caller(customer).order.getOrder({ orderId: order.id })).status).toBe(
        "out_for_delivery",
      );
      const replayedPickup = await t.caller(near).delivery.markPickedUp({
        checks: ["order", "items", "drinks"],
        deliveryId: delivery.id,
        clientActionId: pickupId,
      });
      expect(replayedPickup).toMatchObject({ status: "picked_up", replayed: true, at: picked.at });

      // A cash order needs the cash collected.
      expect(
        await code(
          t.caller(near).delivery.markDelivered({ deliveryId: delivery.id, clientActionId: deliverId }),
        ),
      ).toBe("BAD_REQUEST");
      const done = await t.caller(near).delivery.markDelivered({
        deliveryId: delivery.id,
        clientActionId: deliverId,
        cashCollected: order.total,
      });
      expect(done).toMatchObject({ status: "delivered", replayed: false });
      // The offline app replays its queue: same answer, nothing happens twice.
      const replays = await Promise.all(
        [1, 2, 3].map(() =>
          t.caller(near).delivery.markDelivered({
            deliveryId: delivery.id,
            clientActionId: deliverId,
            cashCollected: order.total,
          }),
        ),
      );
      for (const r of replays) expect(r).toMatchObject({ status: "delivered", replayed: true, at: done.at });

      expect((await t.caller(customer).order.getOrder({ orderId: order.id })).status).toBe("delivered");
      const history = await t.platform.db
        .selectFrom("order_status_history")
        .select("to_status")
        .where("order_id", "=", order.id)
        .where("to_status", "=", "delivered")
        .execute();
      expect(history).toHaveLength(1);
      const outbox = await t.platform.db
        .selectFrom("outbox")
        .select("topic")
        .where("aggregate_id", "=", order.id)
        .where("topic", "like", "delivery.%")
        .execute();
      const topics = outbox.map((o) => o.topic).sort();
      expect(topics).toEqual([
        "delivery.assigned",
        "delivery.delivered",
        "delivery.offered",
        "delivery.picked_up",
      ]);
      const payment = await t.platform.db
        .selectFrom("payments")
        .select(["status", "amount"])
        .where("order_id", "=", order.id)
        .executeTakeFirstOrThrow();
      expect(payment).toEqual({ status: "succeeded", amount: order.total });
      const row = await t.platform.db
        .selectFrom("deliveries")
        .select(["status", "driver_id", "cash_collected"])
        .where("id", "=", delivery.id)
        .executeTakeFirstOrThrow();
      expect(row).toEqual({ status: "delivered", driver_id: near!.id, cash_collected: order.total });

      // The driver is free again; the shift counts the delivery and its tip.
      const snap = await t.platform.services.delivery.index.getDriver(near!.id, midtown);
      expect(snap?.state).toBe("available");
      const summary = await t.caller(near).delivery.shiftSummary();
      expect(summary).toMatchObject({ online: true, deliveries: 1, tips: 150, currency: "USD" });
      const off = await t.caller(near).delivery.goOffline();
      expect(off).toMatchObject({ deliveries: 1, tips: 150 });
      expect((await t.platform.services.delivery.index.getDriver(near!.id, midtown))?.state).toBe("offline");
    } finally {
      await offline();
    }
  });

  it("decline → the next nearest; a timed-out offer → the next; cancelling the order frees the driver", async () => {
    try {
      const [a, b, c] = await driversAt(300, 700, 1500);
      const order = await readyCashOrder(await aCustomer(t));
      const first = await pendingOffer(order.id);
      expect(first.driver_id).toBe(a!.id);
      await t.caller(a).delivery.declineOffer({ offerId: first.id });
      const second = await pendingOffer(order.id);
      expect(second.driver_id).toBe(b!.id);
      expect(await t.caller(a).delivery.myOffers()).toEqual([]);

      // b lets the offer run out: the next tick after its deadline offers it to c.
      await t.platform.services.delivery.dispatcher.tick(Date.now() + 31_000);
      const third = await pendingOffer(order.id);
      expect(third.driver_id).toBe(c!.id);
      const statuses = await t.platform.db
        .selectFrom("delivery_offers")
        .select(["driver_id", "status"])
        .where("delivery_id", "=", first.delivery_id)
        .orderBy("offered_at")
        .execute();
      expect(statuses).toEqual([
        { driver_id: a!.id, status: "declined" },
        { driver_id: b!.id, status: "expired" },
        { driver_id: c!.id, status: "pending" },
      ]);
      const why = (await t.caller(staff).delivery.getDeliveryStatus({ orderId: order.id })).explanation as {
        declined: string[];
        timedOut: string[];
      };
      expect(why.declined).toEqual([a!.id]);
      expect(why.timedOut).toEqual([b!.id]);

      await t.caller(staff).order.cancelOrder({ orderId: order.id, reason: "test" });
      await until("the delivery cancelled", async () => {
        const d = await t.platform.db
          .selectFrom("deliveries")
          .select("status")
          .where("id", "=", first.delivery_id)
          .executeTakeFirst();
        return d?.status === "cancelled";
      });
      expect((await t.platform.services.delivery.index.getDriver(c!.id, midtown))?.state).toBe("available");
      expect(await t.caller(c).delivery.myOffers()).toEqual([]);
    } finally {
      await offline();
    }
  });

  it("cash at the door: short or absurd amounts are refused, the change handed back is recorded", async () => {
    try {
      const [driver] = await driversAt(300);
      const order = await readyCashOrder(await aCustomer(t));
      const offer = await pendingOffer(order.id);
      const accepted = await t.caller(driver!).delivery.acceptOffer({ offerId: offer.id });
      await t.caller(driver!).delivery.markPickedUp({
        checks: ["order", "items", "drinks"],
        deliveryId: accepted.deliveryId,
        clientActionId: `p-${randomUUID()}`,
      });
      const deliverId = `deliver-${randomUUID()}`;
      const deliver = (cashCollected: number) =>
        t.caller(driver!).delivery.markDelivered({
          deliveryId: accepted.deliveryId,
          clientActionId: deliverId,
          cashCollected,
        });
      const short = await deliver(order.total - 1).catch((e: unknown) => e as TRPCError);
      expect(short).toMatchObject({ code: "BAD_REQUEST" });
      expect((short as TRPCError).message).toMatch(/collect the order total/);
      // 100,000,000 was once stored on a 23.93 order.
      const absurd = await deliver(100_000_000).catch((e: unknown) => e as TRPCError);
      expect(absurd).toMatchObject({ code: "BAD_REQUEST" });
      expect((absurd as TRPCError).message).toMatch(/more than the total plus the largest note/);
      expect((await t.caller(driver!).delivery.current()).map((d) => d.status)).toEqual(["picked_up"]);
      // A $20 note more than the total: 20.00 change.
      const done = await deliver(order.total + 2000);
      expect(done).toMatchObject({ status: "delivered" });
      const row = await t.platform.db
        .selectFrom("deliveries")
        .select(["cash_collected", "change_given"])
        .where("id", "=", accepted.deliveryId)
        .executeTakeFirstOrThrow();
      expect(row).toEqual({ cash_collected: order.total + 2000, change_given: 2000 });
      const payment = await t.platform.db
        .selectFrom("payments")
        .select(["status", "amount"])
        .where("order_id", "=", order.id)
        .executeTakeFirstOrThrow();
      expect(payment).toEqual({ status: "succeeded", amount: order.total });
    } finally {
      await offline();
    }
  });

  it("staff override: assign a chosen driver or the nearest; only for their own store's orders", async () => {
    try {
      const [a, b] = await driversAt(250, 1200);
      const order = await readyCashOrder(await aCustomer(t));
      const offer = await pendingOffer(order.id);
      expect(offer.driver_id).toBe(a!.id);

      expect(
        await code(t.caller(otherStaff).delivery.assignDelivery({ orderId: order.id, driverId: b!.id })),
      ).toBe("NOT_FOUND");
      expect(await code(t.caller(a).delivery.assignDelivery({ orderId: order.id }))).toBe("FORBIDDEN");
      const berlinDriver = await aDriver(await storeId(t, "ber-mitte"));
      expect(
        await code(t.caller(staff).delivery.assignDelivery({ orderId: order.id, driverId: berlinDriver.id })),
      ).toBe("NOT_FOUND");

      const status = await t.caller(staff).delivery.assignDelivery({ orderId: order.id, driverId: b!.id });
      expect(status).toMatchObject({ stage: "assigned", driver: { driverId: b!.id } });
      expect((status.explanation as { note: string }).note).toBe("manual assignment by staff");
      // a's offer is void: it cannot be accepted any more.
      expect(await code(t.caller(a).delivery.acceptOffer({ offerId: offer.id }))).toBe("PRECONDITION_FAILED");
      expect((await t.caller(b).delivery.current()).map((d) => d.orderId)).toEqual([order.id]);

      // Without a driver: the nearest available one of the store (a is free again).
      const again = await t.caller(staff).delivery.assignDelivery({ orderId: order.id });
      expect(again.driver?.driverId).toBe(a!.id);
      expect(await t.caller(b).delivery.current()).toEqual([]);
      expect((await t.platform.services.delivery.index.getDriver(b!.id, midtown))?.state).toBe("available");

      const roster = await t.caller(staff).delivery.roster({});
      const rows = new Map(roster.drivers.map((d) => [d.driverId, d]));
      expect(rows.get(a!.id)).toMatchObject({ state: "assigned", currentDelivery: { orderId: order.id } });
      expect(rows.get(b!.id)).toMatchObject({ state: "available", currentDelivery: null });
      expect(rows.get(b!.id)?.position).not.toBeNull();
      expect(rows.has(berlinDriver.id)).toBe(false);
      expect((await t.caller(otherStaff).delivery.roster({})).drivers.some((d) => d.driverId === a!.id)).toBe(
        false,
      );
      // Another store's roster answers like a store that does not exist; an admin names the store.
      expect(await code(t.caller(otherStaff).delivery.roster({ storeId: midtown }))).toBe("NOT_FOUND");
      const admin = await anAdmin(t);
      expect(await code(t.caller(admin).delivery.roster({}))).toBe("BAD_REQUEST");
      expect(
        (await t.caller(admin).delivery.roster({ storeId: midtown })).drivers.map((d) => d.driverId),
      ).toEqual(expect.arrayContaining([a!.id, b!.id]));

      await t.caller(staff).order.cancelOrder({ orderId: order.id, reason: "test" });
      await until(
        "a freed",
        async () =>
          (await t.platform.services.delivery.index.getDriver(a!.id, midtown))?.state === "available",
      );
    } finally {
      await offline();
    }
  });

  it("timed to the oven: dispatch starts at baking from the kitchen's estimate, offers when the order is ready", async () => {
    try {
      const [a] = await driversAt(500);
      const customer = await aCustomer(t);
      const order = await t
        .caller(customer)
        .order.placeOrder(aDeliveryOrder(midtown, { paymentMethod: "cash" }));
      const placed = await t.caller(customer).order.getOrder({ orderId: order.id });
      for (const to of ["preparing", "baking"] as const) {
        await t.caller(staff).order.advance({ orderId: order.id, to });
      }
      const delivery = await until("the delivery started at baking", () =>
        t.platform.db
          .selectFrom("deliveries")
          .select(["id", "status"])
          .where("order_id", "=", order.id)
          .executeTakeFirst(),
      );
      const dispatcher = t.platform.services.delivery.dispatcher;
      const rec = await until("the dispatcher holding it for the oven", async () => {
        const r = await dispatcher.status(midtown, delivery.id);
        return r?.explanation?.note === "waiting for the oven" ? r : undefined;
      });
      expect(rec.status).toBe("waiting");
      expect(rec.readyAt).toBe(new Date(placed.readyEstimateAt!).getTime());
      expect(await t.caller(a).delivery.myOffers()).toEqual([]);
      for (const to of ["quality_check", "ready"] as const) {
        await t.caller(staff).order.advance({ orderId: order.id, to });
      }
      const offer = await pendingOffer(order.id);
      expect(offer.driver_id).toBe(a!.id);
      await t.caller(staff).order.cancelOrder({ orderId: order.id, reason: "test" });
      await until(
        "a freed",
        async () =>
          (await t.platform.services.delivery.index.getDriver(a!.id, midtown))?.state === "available",
      );
    } finally {
      await offline();
    }
  });

  it("a store's orders go to its own drivers, even when another store's driver is nearer", async () => {
    const williamsburg = await storeId(t, "nyc-williamsburg");
    const stranger = await aDriver(williamsburg, "Brooklyn driver");
    await at(stranger, 50);
    await t.caller(stranger).delivery.goOnline({ storeId: williamsburg });
    try {
      const [own] = await driversAt(2000);
      const order = await readyCashOrder(await aCustomer(t));
      const offer = await pendingOffer(order.id);
      expect(offer.driver_id).toBe(own!.id);
      await t.caller(staff).order.cancelOrder({ orderId: order.id, reason: "test" });
      await until(
        "freed",
        async () =>
          (await t.platform.services.delivery.index.getDriver(own!.id, midtown))?.state === "available",
      );
    } finally {
      await t.caller(stranger).delivery.goOffline();
      await offline();
    }
  });

  it("refuses bad input and the wrong roles, changing nothing", async () => {
    const [d] = await driversAt(400);
    try {
      const customer = await aCustomer(t);
      expect(await code(t.caller(d).delivery.acceptOffer({ offerId: "nope" }))).toBe("BAD_REQUEST");
      expect(
        await code(
          t.caller(d).delivery.markPickedUp({
            checks: ["order", "items", "drinks"],
            deliveryId: randomUUID(),
            clientActionId: "x",
          }),
        ),
      ).toBe("BAD_REQUEST");
      expect(
        await code(
          t.caller(d).delivery.markDelivered({
            deliveryId: randomUUID(),
            clientActionId: `ok-${randomUUID()}`,
            cashCollected: -1,
          }),
        ),
      ).toBe("BAD_REQUEST");
      expect(await code(t.caller(d).delivery.setStatus({ status: "offline" as "break" }))).toBe(
        "BAD_REQUEST",
      );
      expect(await code(t.caller(d).delivery.goOnline({ storeId: await storeId(t, "ber-mitte") }))).toBe(
        "FORBIDDEN",
      );
      expect(await code(t.caller(customer).delivery.myOffers())).toBe("FORBIDDEN");
      expect(await code(t.caller(customer).delivery.roster({}))).toBe("FORBIDDEN");
      expect(await code(t.caller(null).delivery.getDeliveryStatus({ orderId: randomUUID() }))).toBe(
        "UNAUTHORIZED",
      );
      expect(
        await code(
          t.caller(d).delivery.markPickedUp({
            checks: ["order", "items", "drinks"],
            deliveryId: randomUUID(),
            clientActionId: `ok-${randomUUID()}`,
          }),
        ),
      ).toBe("NOT_FOUND");
      expect(
        await t.platform.db
          .selectFrom("driver_actions")
          .select("client_action_id")
          .where("driver_id", "=", d!.id)
          .execute(),
      ).toEqual([]);
      // Breaks and back.
      expect(await t.caller(d).delivery.setStatus({ status: "break" })).toMatchObject({ state: "break" });
      expect(await t.caller(d).delivery.setStatus({ status: "available" })).toMatchObject({
        state: "available",
      });
      // Out-of-order and invalid positions are refused and counted, and do not move the driver.
      const before = await t.platform.services.delivery.index.getDriver(d!.id, midtown);
      const stats = { ...t.platform.services.delivery.positionStats.refused };
      await t.platform.services.tracking.positionSink?.onDriverPosition(d!, {
        lat: 40.7,
        lng: -73.9,
        at: 1000,
      });
      await t.platform.services.tracking.positionSink?.onDriverPosition(d!, {
        lat: 95,
        lng: -73.9,
        at: Date.now(),
      });
      const after = await t.platform.services.delivery.index.getDriver(d!.id, midtown);
      expect(after?.position).toEqual(before?.position);
      expect(t.platform.services.delivery.positionStats.refused.stale).toBe(stats.stale + 1);
      expect(t.platform.services.delivery.positionStats.refused.invalid).toBe(stats.invalid + 1);
    } finally {
      await offline();
    }
  });
});

describe.each(backings)("the simulated fleet on $name", (backing) => {
  let t: TestPlatform;
  beforeAll(async () => {
    t = await createTestPlatform(backing, {
      seed: true,
      env: {
        SIM_DRIVERS: "6",
        SIM_SPEED: "60",
        KITCHEN_AUTOPILOT: "true",
        KITCHEN_AUTOPILOT_SPEED: "300",
        DISPATCH_TICK_MS: "200",
      },
    });
    await t.platform.events.start();
  });
  afterAll(async () => {
    await t?.close();
  });

  it("delivers an order with nobody touching it: autopilot kitchen, simulated drivers", async () => {
    const midtown = await storeId(t, "nyc-midtown");
    const customer = await aCustomer(t);
    const order = await t
      .caller(customer)
      .order.placeOrder(aDeliveryOrder(midtown, { paymentMethod: "cash" }));
    const delivered = await until(
      "the order delivered",
      async () => (await t.caller(customer).order.getOrder({ orderId: order.id })).status === "delivered",
      45_000,
    );
    expect(delivered).toBe(true);
    const d = await t.platform.db
      .selectFrom("deliveries as d")
      .innerJoin("users as u", "u.id", "d.driver_id")
      .select(["d.status", "d.cash_collected", "u.email"])
      .where("d.order_id", "=", order.id)
      .executeTakeFirstOrThrow();
    expect(d.status).toBe("delivered");
    expect(d.cash_collected).toBe(order.total);
    expect(d.email).toMatch(/^sim\.driver\d+\.nyc-midtown@pizza\.example$/);
  }, 60_000);
});

describe.each(backings)("staff assignment to a simulated driver on $name", (backing) => {
  let t: TestPlatform;
  beforeAll(async () => {
    t = await createTestPlatform(backing, {
      seed: true,
      // The kitchen is moved by hand, so no offer reaches the fleet before the staff's assignment.
      env: { SIM_DRIVERS: "6", SIM_SPEED: "60", KITCHEN_AUTOPILOT: "false", DISPATCH_TICK_MS: "200" },
    });
    await t.platform.events.start();
  });
  afterAll(async () => {
    await t?.close();
  });

  it("carries the assignment through like an accepted offer: picks up when ready, delivers", async () => {
    const midtown = await storeId(t, "nyc-midtown");
    const staff = await aStaff(t, "nyc-midtown");
    const sim = await until("a simulated Midtown driver on shift", async () => {
      const row = await t.platform.db
        .selectFrom("users as u")
        .innerJoin("driver_shifts as s", "s.driver_id", "u.id")
        .select("u.id")
        .where("u.email", "like", "sim.driver%.nyc-midtown@pizza.example")
        .where("s.ended_at", "is", null)
        .executeTakeFirst();
      if (!row) return undefined;
      const snap = await t.platform.services.delivery.index.getDriver(row.id, midtown);
      return snap?.state === "available" ? row : undefined;
    });
    const customer = await aCustomer(t);
    const order = await t
      .caller(customer)
      .order.placeOrder(aDeliveryOrder(midtown, { paymentMethod: "cash" }));
    const assigned = await t.caller(staff).delivery.assignDelivery({ orderId: order.id, driverId: sim.id });
    expect(assigned).toMatchObject({ stage: "assigned", driver: { driverId: sim.id } });
    for (const to of ["preparing", "baking", "quality_check", "ready"] as const) {
      await t.caller(staff).order.advance({ orderId: order.id, to });
    }
    await until(
      "the assigned order delivered by the simulated driver",
      async () => (await t.caller(customer).order.getOrder({ orderId: order.id })).status === "delivered",
      45_000,
    );
    const d = await t.platform.db
      .selectFrom("deliveries")
      .select(["status", "driver_id", "cash_collected"])
      .where("order_id", "=", order.id)
      .executeTakeFirstOrThrow();
    expect(d).toEqual({ status: "delivered", driver_id: sim.id, cash_collected: order.total });
  }, 60_000);
});
