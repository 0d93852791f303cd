// The handover code (issue 20) on real PostgreSQL + Redis: an order with an age-restricted item (or cash
// above the store's threshold) gets a 4-digit code at placement, shown to its customer only (tracker and
// tracking link); the driver knows only that one is needed. A wrong code is refused with a sentence and
// changes nothing but the attempt count; after five the code is locked (also when attempts race) until
// a manager confirms. A carryout order is handed over at the counter against the same code.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { aCarryoutOrder, aCart, aCustomer, aManager, aPizza } from "../../testing/builders.ts";
import { backings } from "../../testing/harness.ts";
import {
  failure,
  fromDoor,
  type ProofWorld,
  pickedUpOrder,
  proofWorld,
  withMidtownSettings,
} from "./proof-test-support.ts";

const BEER = { itemId: "beer", variant: "350ml", quantity: 1 };
const withBeer = { items: aCart(aPizza(), BEER) };
const wrongOf = (code: string) => String((Number(code) + 1) % 10_000).padStart(4, "0");

describe.each(backings.filter((b) => b.redis))("handover code on $name", (backing) => {
  let w: ProofWorld;
  beforeAll(async () => {
    w = await proofWorld(backing);
  });
  afterAll(() => w?.close());

  const codeOf = async (customer: Parameters<ProofWorld["t"]["caller"]>[0], orderId: string) =>
    (await w.t.caller(customer).order.trackOrder({ orderId })).handoverCode;
  const row = (orderId: string) =>
    w.t.platform.db
      .selectFrom("orders")
      .select(["status", "handover_failures", "handover_verified_at"])
      .where("id", "=", orderId)
      .executeTakeFirstOrThrow();

  it("is asked for an order with beer: the customer sees it, the driver only that it is needed; wrong refused, right accepted", async () => {
    const { t, staff } = w;
    const { driver, customer, order, deliveryId, cashCollected } = await pickedUpOrder(w, withBeer);
    const code = await codeOf(customer, order.id);
    expect(code).toMatch(/^[0-9]{4}$/);
    // Staff and the driver never get the code.
    expect((await t.caller(staff).order.trackOrder({ orderId: order.id })).handoverCode).toBeNull();
    const [mine] = await t.caller(driver).delivery.current();
    expect(mine).toMatchObject({ codeRequired: true, codeLocked: false });
    expect(JSON.stringify(mine)).not.toContain(`"${code}"`);
    // The customer's tracking link shows it too.
    const { token } = await t.caller(customer).order.trackLink({ orderId: order.id });
    expect((await t.caller().order.linkedOrder({ token })).tracking.handoverCode).toBe(code);

    await fromDoor(w, driver, 40);
    const attempt = (handoverCode?: string) =>
      t.caller(driver).delivery.markDelivered({
        deliveryId,
        clientActionId: `d-${randomUUID()}`,
        cashCollected,
        ...(handoverCode ? { handoverCode } : {}),
      });
    expect(await failure(attempt())).toEqual({
      code: "BAD_REQUEST",
      message: "This order needs the customer's 4-digit handover code; ask them for it.",
    });
    expect(await failure(attempt(wrongOf(code!)))).toEqual({
      code: "BAD_REQUEST",
      message: "That is not the customer's code; check it with them (4 attempts left).",
    });
    expect(await row(order.id)).toMatchObject({ status: "out_for_delivery", handover_failures: 1 });
    expect((await t.caller(staff).delivery.getDeliveryStatus({ orderId: order.id })).handover).toEqual({
      required: true,
      failures: 1,
      locked: false,
      confirmed: false,
      verified: false,
    });

    expect(await attempt(code!)).toMatchObject({ status: "delivered", replayed: false });
    expect((await row(order.id)).handover_verified_at).not.toBeNull();
    const proof = (await t.caller(staff).delivery.getDeliveryStatus({ orderId: order.id })).proof;
    expect(proof?.codeVerified).toBe(true);
    // Handed over: the tracker no longer shows the code.
    expect(await codeOf(customer, order.id)).toBeNull();
  });

  it("needs no code for a small cash order, and one above the store's threshold", async () => {
    const { t, midtown } = w;
    const small = await pickedUpOrder(w);
    expect(await codeOf(small.customer, small.order.id)).toBeNull();
    expect((await t.caller(small.driver).delivery.current())[0]?.codeRequired).toBe(false);

    await withMidtownSettings(w, { handover_code_cash_above: 1000 }, async () => {
      const big = await pickedUpOrder(w);
      expect(big.order.total).toBeGreaterThan(1000);
      expect(await codeOf(big.customer, big.order.id)).toMatch(/^[0-9]{4}$/);
      expect((await t.caller(big.driver).delivery.current())[0]?.codeRequired).toBe(true);
    });
  });

  it("gives an order a code when an edit adds beer", async () => {
    const { t, midtown } = w;
    const customer = await aCustomer(t);
    const order = await t.caller(customer).order.placeOrder(aCarryoutOrder(midtown));
    expect(await codeOf(customer, order.id)).toBeNull();
    await t.caller(customer).order.updateOrder({ orderId: order.id, items: withBeer.items });
    expect(await codeOf(customer, order.id)).toMatch(/^[0-9]{4}$/);
  });

  it("locks after five wrong codes until a manager confirms; concurrent wrong codes never pass the limit", async () => {
    const { t, staff } = w;
    const { driver, customer, order, deliveryId, cashCollected } = await pickedUpOrder(w, withBeer);
    const code = (await codeOf(customer, order.id))!;
    await fromDoor(w, driver, 40);
    const attempt = (handoverCode: string) =>
      failure(
        t.caller(driver).delivery.markDelivered({
          deliveryId,
          clientActionId: `d-${randomUUID()}`,
          cashCollected,
          handoverCode,
        }),
      );
    for (let i = 0; i < 3; i++) expect((await attempt(wrongOf(code))).code).toBe("BAD_REQUEST");
    // Eight wrong codes at once with two attempts left: exactly two are counted, the rest are locked.
    const raced = await Promise.all(Array.from({ length: 8 }, () => attempt(wrongOf(code))));
    expect(raced.filter((r) => r.code === "BAD_REQUEST")).toHaveLength(2);
    expect(raced.filter((r) => r.code === "PRECONDITION_FAILED")).toHaveLength(6);
    expect(raced).toContainEqual({
      code: "PRECONDITION_FAILED",
      message: "The code was wrong 5 times; ask the store to confirm the handover.",
    });
    expect((await row(order.id)).handover_failures).toBe(5);
    // Locked: even the right code is refused now.
    expect((await attempt(code)).code).toBe("PRECONDITION_FAILED");
    expect((await t.caller(driver).delivery.current())[0]).toMatchObject({ codeLocked: true });
    expect((await t.caller(staff).delivery.getDeliveryStatus({ orderId: order.id })).handover).toMatchObject({
      failures: 5,
      locked: true,
    });

    // Crew cannot confirm; the store's manager can.
    expect((await failure(t.caller(staff).order.confirmHandover({ orderId: order.id }))).code).toBe(
      "FORBIDDEN",
    );
    const otherManager = await aManager(t, "ber-mitte");
    expect((await failure(t.caller(otherManager).order.confirmHandover({ orderId: order.id }))).code).toBe(
      "NOT_FOUND",
    );
    const manager = await aManager(t, "nyc-midtown");
    await t.caller(manager).order.confirmHandover({ orderId: order.id });
    expect((await t.caller(driver).delivery.current())[0]).toMatchObject({
      codeLocked: false,
      codeConfirmed: true,
    });
    await t
      .caller(driver)
      .delivery.markDelivered({ deliveryId, clientActionId: `d-${randomUUID()}`, cashCollected });
    const proof = (await t.caller(manager).delivery.getDeliveryStatus({ orderId: order.id })).proof;
    expect(proof?.codeVerified).toBe(false);
  });

  it("hands a carryout order over at the counter against the same code", async () => {
    const { t, staff, midtown } = w;
    const customer = await aCustomer(t);
    const order = await t.caller(customer).order.placeOrder(aCarryoutOrder(midtown, withBeer));
    for (const to of ["preparing", "baking", "quality_check", "ready"] as const)
      await t.caller(staff).order.advance({ orderId: order.id, to });
    const code = (await codeOf(customer, order.id))!;
    const handOver = (handoverCode?: string) =>
      failure(
        t
          .caller(staff)
          .order.advance({ orderId: order.id, to: "picked_up", ...(handoverCode ? { handoverCode } : {}) }),
      );
    expect((await handOver()).message).toBe(
      "This order needs the customer's 4-digit handover code; ask them for it.",
    );
    expect((await handOver(wrongOf(code))).message).toContain("4 attempts left");
    expect((await row(order.id)).status).toBe("ready");
    // Another store's staff: not found, and no attempt counted.
    const other = await aManager(t, "ber-mitte");
    expect(
      (
        await failure(
          t.caller(other).order.advance({ orderId: order.id, to: "picked_up", handoverCode: code }),
        )
      ).code,
    ).toBe("NOT_FOUND");
    expect((await row(order.id)).handover_failures).toBe(1);
    expect(await handOver(code)).toEqual({ code: "OK", message: "" });
    expect(await row(order.id)).toMatchObject({ status: "picked_up", handover_failures: 1 });
  });
});
