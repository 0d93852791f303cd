import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../env.ts";
import { createPlatform, type Platform } from "../../platform.ts";
import { aCarryoutOrder, aCustomer, aPizza, aSide, aStaff, storeId } from "../../testing/builders.ts";
import { backings, createTestPlatform, type TestPlatform } from "../../testing/harness.ts";
import { until } from "../../testing/signals.ts";
import { TEST_CARDS } from "../payments/gateway/payment-gateway.ts";
import { card } from "../payments/payments.test-support.ts";
import { UnpaidExpiry } from "./unpaid-expiry.ts";

const TTL = 15 * 60_000;

describe("unpaid order configuration", () => {
  it("reads PENDING_PAYMENT_TTL and PENDING_ACTION_TTL as durations (15 minutes each by default)", () => {
    const env = { PGLITE_DIR: "memory://" };
    expect(loadConfig(env).unpaid).toEqual({ ttlMs: TTL, actionTtlMs: TTL, maxPerCustomer: 3 });
    const c = loadConfig({
      ...env,
      PENDING_PAYMENT_TTL: "10m",
      PENDING_ACTION_TTL: "90s",
      MAX_UNPAID_ORDERS: "5",
    });
    expect(c.unpaid).toEqual({ ttlMs: 600_000, actionTtlMs: 90_000, maxPerCustomer: 5 });
    expect(loadConfig({ ...env, PENDING_PAYMENT_TTL: "900" }).unpaid.ttlMs).toBe(900_000);
    expect(() => loadConfig({ PENDING_PAYMENT_TTL: "soon" })).toThrow(
      /PENDING_PAYMENT_TTL must be a duration/,
    );
    expect(() => loadConfig({ PENDING_ACTION_TTL: "0s" })).toThrow(/PENDING_ACTION_TTL must be between/);
  });
});

describe.each(backings)("unpaid card orders expire on $name", (backing) => {
  let t: TestPlatform;
  /** A second API node on the same database (its own OrdersService and payments). */
  let other: Platform;
  let midtown: string;
  const later = (ms: number) => new Date(Date.now() + ms);

  beforeAll(async () => {
    t = await createTestPlatform(backing, { seed: true });
    other = await createPlatform(t.platform.config, { dbHandle: t.db, log: pino({ level: "silent" }) });
    midtown = await storeId(t, "nyc-midtown");
    const staff = await aStaff(t, "nyc-midtown");
    await t.caller(staff).store.setKitchenCapacity({ storeId: midtown, capacity: 1000 });
    await t.caller(staff).store.setAvailability({
      storeId: midtown,
      entity: "item",
      entityId: "lava_cake",
      available: true,
      stock: 50,
    });
  });
  afterAll(async () => {
    await other?.close();
    await t?.close();
  });

  const sweeper = (p: Platform = t.platform) =>
    new UnpaidExpiry({
      db: p.db,
      orders: p.services.orders,
      invalidateStore: (s) => p.services.menu.invalidateStore(s),
      ttlMs: TTL,
      actionTtlMs: TTL,
    });
  const order = (id: string) =>
    t.platform.db
      .selectFrom("orders")
      .select(["status", "cancel_reason", "ready_estimate_at"])
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
  /** What the order holds: its kitchen slot's counter, the counted stock, the promo's use count. */
  const holdings = async (readyAt: Date) => {
    const slotStart = new Date(Math.floor(readyAt.getTime() / 900_000) * 900_000);
    const slot = await t.platform.db
      .selectFrom("kitchen_slots")
      .select("orders")
      .where("store_id", "=", midtown)
      .where("slot_start", "=", slotStart)
      .executeTakeFirst();
    const stock = await t.platform.db
      .selectFrom("store_stock")
      .select("stock")
      .where("store_id", "=", midtown)
      .where("entity_id", "=", "lava_cake")
      .executeTakeFirstOrThrow();
    const promo = await t.platform.db
      .selectFrom("promo_codes")
      .select("used_count")
      .where("code", "=", "WELCOME10")
      .executeTakeFirstOrThrow();
    return { slot: slot?.orders ?? 0, stock: stock.stock, promoUses: promo.used_count };
  };
  const unpaidOrder = async () => {
    const me = await aCustomer(t);
    const placed = await t.caller(me).order.placeOrder(
      aCarryoutOrder(midtown, {
        paymentMethod: "card",
        items: [aPizza(), aSide("lava_cake", "", 2)],
        promoCode: "welcome10",
      }),
    );
    expect(placed.status).toBe("pending_payment");
    return { me, placed };
  };

  it("releases the kitchen slot, the counted stock and the promo use at the TTL, exactly once with two nodes sweeping", async () => {
    const before = await holdings(later(15 * 60_000));
    const { me, placed } = await unpaidOrder();
    const readyAt = (await order(placed.id)).ready_estimate_at!;
    const held = await holdings(readyAt);
    expect(held.stock).toBe(before.stock! - 2);

    // Two nodes (and a second sweep on the first) race at the same instant past the TTL.
    const at = later(TTL + 1_000);
    const [a, b, c] = await Promise.all([sweeper().sweep(at), sweeper(other).sweep(at), sweeper().sweep(at)]);
    expect(a + b + c).toBe(1);
    expect(await order(placed.id)).toMatchObject({ status: "cancelled" });
    const released = await holdings(readyAt);
    expect(released).toEqual({ slot: held.slot - 1, stock: held.stock! + 2, promoUses: held.promoUses - 1 });
    const history = await t.platform.db
      .selectFrom("order_status_history")
      .select(["to_status", "actor_role"])
      .where("order_id", "=", placed.id)
      .orderBy("id")
      .execute();
    expect(history).toEqual([
      { to_status: "pending_payment", actor_role: "customer" },
      { to_status: "cancelled", actor_role: "system" },
    ]);
    const cancelledEvents = await t.platform.db
      .selectFrom("outbox")
      .select("topic")
      .where("aggregate_id", "=", placed.id)
      .where("topic", "=", "order.cancelled")
      .execute();
    expect(cancelledEvents).toHaveLength(1);

    // Later sweeps find nothing more to do for it.
    await sweeper(other).sweep(later(2 * TTL));
    expect(await holdings(readyAt)).toEqual(released);

    // The tracker says why.
    const track = await t.caller(me).order.trackOrder({ orderId: placed.id });
    expect(track.cancelReason).toBe(
      "We cancelled this order because its payment was not completed within 15 minutes. Nothing was charged.",
    );
    expect((await t.caller(me).order.getOrder({ orderId: placed.id })).cancelReason).toBe(track.cancelReason);
  });

  it("leaves an unpaid order alone before its TTL, and paid and cash orders at any time", async () => {
    const { placed } = await unpaidOrder();
    const me = await aCustomer(t);
    const cash = await t.caller(me).order.placeOrder(aCarryoutOrder(midtown));
    const paid = await t.caller(me).order.placeOrder(aCarryoutOrder(midtown, { paymentMethod: "card" }));
    await t.caller(me).payment.processPayment({ orderId: paid.id, method: card(TEST_CARDS.succeeds) });

    await sweeper().sweep(later(TTL - 5_000));
    expect((await order(placed.id)).status).toBe("pending_payment");

    await sweeper().sweep(later(3 * TTL));
    expect((await order(placed.id)).status).toBe("cancelled");
    expect((await order(cash.id)).status).toBe("placed");
    expect((await order(paid.id)).status).toBe("placed");
  });

  it("gives an order whose 3-D Secure challenge is open its own window from that attempt", async () => {
    const { me, placed } = await unpaidOrder();
    // Placed 14 minutes ago; the customer starts paying now and lands on a 3-D Secure challenge.
    await t.platform.db
      .updateTable("orders")
      .set({ created_at: new Date(Date.now() - 14 * 60_000) })
      .where("id", "=", placed.id)
      .execute();
    const pay = await t
      .caller(me)
      .payment.processPayment({ orderId: placed.id, method: card(TEST_CARDS.requires3ds) });
    expect(pay.status).toBe("requires_action");

    // Past the order's own TTL, but the challenge is 2 minutes old: untouched.
    await sweeper().sweep(later(2 * 60_000));
    expect((await order(placed.id)).status).toBe("pending_payment");

    // The challenge's window is over.
    await sweeper().sweep(later(TTL + 1_000));
    const gone = await order(placed.id);
    expect(gone.status).toBe("cancelled");
    expect(gone.cancel_reason).toBe(
      "We cancelled this order because its card verification was not completed within 15 minutes. Nothing was charged.",
    );
  });

  it("runs on its own timer when started and stops cleanly", async () => {
    const { placed } = await unpaidOrder();
    const p = new UnpaidExpiry({
      db: t.platform.db,
      orders: t.platform.services.orders,
      ttlMs: 1,
      actionTtlMs: 1,
      intervalMs: 20,
    });
    p.start();
    await until(
      "the expiry's own timer to cancel the order",
      async () => (await order(placed.id)).status === "cancelled",
    ).finally(() => p.stop());
    expect((await order(placed.id)).status).toBe("cancelled");
  });
});
