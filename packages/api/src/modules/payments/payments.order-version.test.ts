import { sql } from "@pizza/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectCode } from "../../testing/assertions.ts";
import { aCarryoutOrder, aCustomer, aPizza, storeId } from "../../testing/builders.ts";
import { backings, createTestPlatform, type TestPlatform } from "../../testing/harness.ts";
import { until } from "../../testing/signals.ts";
import type { AuthUser } from "../auth/tokens.ts";
import { TEST_CARDS } from "./gateway/payment-gateway.ts";
import { SimulatedGateway } from "./gateway/simulated-gateway.ts";
import { card } from "./payments.test-support.ts";

/**
 * Issue 13, item 1: a payment is bound to the priced order version it charges. While an attempt is
 * open the order cannot change; a capture that does not match the order's total at that version is
 * refunded automatically and the order stays payable.
 */
describe.each(backings)("payments bound to the order version on $name", (backing) => {
  let t: TestPlatform;
  let gateway: SimulatedGateway;
  let midtown: string;
  const IN_PROGRESS = /A payment is in progress for this order; finish or cancel it first\./;

  const attemptsOf = (orderId: string) =>
    t.platform.db
      .selectFrom("payment_attempts as a")
      .innerJoin("payments as p", "p.id", "a.payment_id")
      .select([
        "a.status",
        "a.amount",
        "a.order_version",
        "a.captured_amount",
        "a.error_code",
        "a.gateway_ref",
      ])
      .where("p.order_id", "=", orderId)
      .orderBy("a.attempt_no")
      .execute();
  const orderRow = (orderId: string) =>
    t.platform.db
      .selectFrom("orders")
      .select(["status", "version", "total"])
      .where("id", "=", orderId)
      .executeTakeFirstOrThrow();
  /** Money that really moved at the gateway for this order: captured − refunded. */
  const netAtGateway = async (orderId: string) => {
    const intents = (
      await t.platform.db
        .selectFrom("payment_attempts as a")
        .innerJoin("payments as p", "p.id", "a.payment_id")
        .select(["a.gateway_ref"])
        .where("p.order_id", "=", orderId)
        .where("a.gateway_ref", "is not", null)
        .execute()
    ).map((r) => r.gateway_ref!);
    let net = 0;
    for (const id of new Set(intents)) {
      const charged = gateway.chargesFor(id).reduce((s, c) => s + c.amount, 0);
      const seen = await gateway.retrieve(id).catch(() => undefined);
      net += charged - (seen?.amountRefunded ?? 0);
    }
    return net;
  };
  const cardOrder = async (me: AuthUser, quantity = 1) =>
    t
      .caller(me)
      .order.placeOrder(aCarryoutOrder(midtown, { paymentMethod: "card", items: [aPizza({ quantity })] }));

  beforeAll(async () => {
    gateway = new SimulatedGateway({ webhookDelivery: "manual" });
    t = await createTestPlatform(backing, { seed: true, paymentGateway: gateway });
    midtown = await storeId(t, "nyc-midtown");
  });
  afterAll(async () => {
    await t?.close();
  });

  for (const [direction, quantity] of [
    ["dearer", 3],
    ["cheaper", 1],
  ] as const) {
    it(`a plain card still at the gateway: updateOrder making the order ${direction} is refused with 409 and changes nothing`, async () => {
      const me = await aCustomer(t);
      const order = await cardOrder(me, 2);
      gateway.latencyMs = 300;
      let paying: Promise<{ status: string; amount: number }>;
      try {
        paying = t
          .caller(me)
          .payment.processPayment({ orderId: order.id, method: card(TEST_CARDS.succeeds) });
        // The attempt is open (recorded, at the gateway) before the customer changes the order.
        await until("the attempt started", async () =>
          (await attemptsOf(order.id)).some((a) => a.status === "started"),
        );
        await expectCode(
          t.caller(me).order.updateOrder({ orderId: order.id, items: [aPizza({ quantity })] }),
          "CONFLICT",
          IN_PROGRESS,
        );
        expect(await paying).toMatchObject({ status: "succeeded", amount: order.total });
      } finally {
        gateway.latencyMs = 0;
      }
      const after = await orderRow(order.id);
      expect(after).toEqual({ status: "placed", version: order.version + 1, total: order.total });
      const [attempt] = await attemptsOf(order.id);
      expect(attempt).toMatchObject({
        status: "succeeded",
        amount: order.total,
        order_version: order.version,
        captured_amount: order.total,
      });
      expect(await netAtGateway(order.id)).toBe(after.total);
    });
  }

  it("a 3-D Secure card waiting for confirmAction: updateOrder is refused; the approved payment places the order at the price charged", async () => {
    const me = await aCustomer(t);
    const order = await cardOrder(me, 1);
    const pending = await t
      .caller(me)
      .payment.processPayment({ orderId: order.id, method: card(TEST_CARDS.requires3ds) });
    expect(pending.status).toBe("requires_action");
    await expectCode(
      t.caller(me).order.updateOrder({ orderId: order.id, items: [aPizza({ quantity: 2 })] }),
      "CONFLICT",
      IN_PROGRESS,
    );
    expect(await orderRow(order.id)).toMatchObject({ version: order.version, total: order.total });
    const done = await t.caller(me).payment.confirmAction({ orderId: order.id, simulatedOutcome: "approve" });
    expect(done).toMatchObject({ status: "succeeded", amount: order.total });
    expect(await orderRow(order.id)).toMatchObject({ status: "placed", total: order.total });
    expect(await netAtGateway(order.id)).toBe(order.total);
  });

  it("cancelAttempt closes a waiting 3-D Secure attempt; the order can then change and be paid at its new total", async () => {
    const me = await aCustomer(t);
    const stranger = await aCustomer(t);
    const order = await cardOrder(me, 1);
    await t.caller(me).payment.processPayment({ orderId: order.id, method: card(TEST_CARDS.requires3ds) });
    await expectCode(t.caller(stranger).payment.cancelAttempt({ orderId: order.id }), "NOT_FOUND");
    const cancelled = await t.caller(me).payment.cancelAttempt({ orderId: order.id });
    expect(cancelled.status).toBe("failed");
    const firstIntent = (await attemptsOf(order.id))[0]!.gateway_ref!;
    expect((await gateway.retrieve(firstIntent)).status).toBe("canceled");
    await expectCode(
      t.caller(me).payment.cancelAttempt({ orderId: order.id }),
      "PRECONDITION_FAILED",
      /no card payment waiting/i,
    );

    const dearer = await t
      .caller(me)
      .order.updateOrder({ orderId: order.id, items: [aPizza({ quantity: 2 })] });
    expect(dearer.total).toBeGreaterThan(order.total);
    const paid = await t
      .caller(me)
      .payment.processPayment({ orderId: order.id, method: card(TEST_CARDS.succeeds) });
    expect(paid).toMatchObject({ status: "succeeded", amount: dearer.total, attemptNo: 2 });
    expect(await orderRow(order.id)).toMatchObject({ status: "placed", total: dearer.total });
    expect(await netAtGateway(order.id)).toBe(dearer.total);
  });

  /**
   * A capture that does not match the order at the attempt's version. The 409 keeps the API from
   * getting here; the ledger still refuses it (any writer that bypasses the rule, a gateway that
   * charged another amount). Simulated by changing the order's row while 3-D Secure is waiting.
   */
  for (const path of ["webhook first", "confirmAction"] as const) {
    it(`a capture for a stale version (${path}) is refunded automatically, the reason recorded, and the order stays payable`, async () => {
      const me = await aCustomer(t);
      const order = await cardOrder(me, 1);
      await t.caller(me).payment.processPayment({ orderId: order.id, method: card(TEST_CARDS.requires3ds) });
      const intentId = (await attemptsOf(order.id))[0]!.gateway_ref!;
      await t.platform.db
        .updateTable("orders")
        .set({ total: order.total + 500, subtotal: sql`subtotal + 500`, version: sql`version + 1` })
        .where("id", "=", order.id)
        .execute();
      gateway.takeEvents();
      if (path === "webhook first") {
        await gateway.completeAction(intentId, true);
        for (const e of gateway.takeEvents())
          await t.platform.services.payments.handleWebhook(e.rawBody, e.signature);
      }
      const answer = await t
        .caller(me)
        .payment.confirmAction({
          orderId: order.id,
          simulatedOutcome: path === "confirmAction" ? "approve" : undefined,
        })
        .catch((e: Error) => e);
      if (!(answer instanceof Error)) expect(answer.status).toBe("failed");
      await t.platform.services.payments.settled();

      expect(await orderRow(order.id)).toMatchObject({ status: "pending_payment", total: order.total + 500 });
      const [voided] = await attemptsOf(order.id);
      expect(voided).toMatchObject({
        status: "failed",
        error_code: "order_changed",
        captured_amount: order.total,
        order_version: order.version,
      });
      const note = await t.platform.db
        .selectFrom("order_status_history")
        .select(["note"])
        .where("order_id", "=", order.id)
        .orderBy("id", "desc")
        .executeTakeFirstOrThrow();
      expect(note.note).toMatch(/refunded/);
      expect((await gateway.retrieve(intentId)).amountRefunded).toBe(order.total);
      const view = await t.caller(me).payment.getPayment({ orderId: order.id });
      expect(view.payment?.status).toBe("failed");

      // The customer pays the right total with a new attempt (a new intent: the old one succeeded once).
      const paid = await t
        .caller(me)
        .payment.processPayment({ orderId: order.id, method: card(TEST_CARDS.succeeds) });
      expect(paid).toMatchObject({ status: "succeeded", amount: order.total + 500, attemptNo: 2 });
      expect(await orderRow(order.id)).toMatchObject({ status: "placed", total: order.total + 500 });
      await t.platform.services.payments.settled();
      expect(await netAtGateway(order.id)).toBe(order.total + 500);
      // Late deliveries of the first intent's events change nothing.
      for (const e of gateway.takeEvents())
        await t.platform.services.payments.handleWebhook(e.rawBody, e.signature);
      await t.platform.services.payments.settled();
      expect(await orderRow(order.id)).toMatchObject({ status: "placed", total: order.total + 500 });
      expect(await netAtGateway(order.id)).toBe(order.total + 500);
    });
  }
});
