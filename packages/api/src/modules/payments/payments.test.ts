import { countRows } from "@pizza/db/testing";
import type { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectCode } from "../../testing/assertions.ts";
import { backings } from "../../testing/harness.ts";
import { holdCalls, until } from "../../testing/signals.ts";
import type { AuthUser } from "../auth/tokens.ts";
import { TEST_CARDS } from "./gateway/payment-gateway.ts";
import { SimulatedGateway } from "./gateway/simulated-gateway.ts";
import { aCustomer, anOrder, anotherNode, card, createPaymentsPlatform } from "./payments.test-support.ts";

type T = Awaited<ReturnType<typeof createPaymentsPlatform>>;

const outboxOf = async (t: T, orderId: string) =>
  t.platform.db
    .selectFrom("outbox")
    .select(["topic", "payload"])
    .where("aggregate_id", "=", orderId)
    .orderBy("seq")
    .execute();

describe.each(backings)("payments on $name", (backing) => {
  let t: T;
  let gateway: SimulatedGateway;
  let me: AuthUser;
  const intentOf = async (orderId: string) =>
    (
      await t.platform.db
        .selectFrom("payments")
        .select("gateway_ref")
        .where("order_id", "=", orderId)
        .executeTakeFirstOrThrow()
    ).gateway_ref!;
  const statusOf = async (orderId: string) =>
    await t.platform.db
      .selectFrom("orders")
      .select(["status", "version"])
      .where("id", "=", orderId)
      .executeTakeFirstOrThrow();

  beforeAll(async () => {
    // Manual webhook delivery: each test decides when (and how often) the gateway's events arrive.
    gateway = new SimulatedGateway({ webhookDelivery: "manual" });
    t = await createPaymentsPlatform(backing, gateway);
    me = await aCustomer(t.platform.db);
  });
  afterAll(async () => {
    await t?.close();
  });

  it("pays with a test card: one charge of the server's total, the order placed, events written, no card number kept", async () => {
    const order = await anOrder(t.platform.db, me, { total: 3150 });
    const res = await t
      .caller(me)
      .payment.processPayment({ orderId: order.id, method: card("4242 4242 4242 4242") });
    expect(res).toMatchObject({
      status: "succeeded",
      amount: 3150,
      currency: "USD",
      card: { brand: "visa", last4: "4242" },
    });
    expect(gateway.chargesFor(await intentOf(order.id))).toHaveLength(1);
    expect(gateway.chargesFor(await intentOf(order.id))[0]!.amount).toBe(3150);
    expect((await statusOf(order.id)).status).toBe("placed");
    const events = await outboxOf(t, order.id);
    expect(events.map((e) => e.topic)).toEqual(
      expect.arrayContaining(["payment.succeeded", "order.status_changed"]),
    );
    expect(events.find((e) => e.topic === "payment.succeeded")!.payload).toMatchObject({
      paymentId: res.paymentId,
      orderId: order.id,
      storeId: order.store_id,
      customerId: me.id,
      amount: 3150,
      currency: "USD",
      status: "succeeded",
    });
    const history = await t.platform.db
      .selectFrom("order_status_history")
      .select(["from_status", "to_status"])
      .where("order_id", "=", order.id)
      .execute();
    expect(history).toContainEqual({ from_status: "pending_payment", to_status: "placed" });
    const everything = JSON.stringify([
      await t.platform.db.selectFrom("payment_attempts").selectAll().execute(),
      await t.platform.db.selectFrom("payments").selectAll().execute(),
      await t.platform.db.selectFrom("outbox").selectAll().execute(),
    ]);
    expect(everything).not.toContain(TEST_CARDS.succeeds);
  });

  it("a decline is final for that attempt with a readable reason; another card then pays", async () => {
    const order = await anOrder(t.platform.db, me);
    const declined = await t
      .caller(me)
      .payment.processPayment({ orderId: order.id, method: card(TEST_CARDS.declined) });
    expect(declined).toMatchObject({
      status: "failed",
      declineReason: "Your card was declined.",
      attemptNo: 1,
    });
    const poor = await t
      .caller(me)
      .payment.processPayment({ orderId: order.id, method: card(TEST_CARDS.insufficientFunds) });
    expect(poor).toMatchObject({
      status: "failed",
      declineReason: "Your card has insufficient funds.",
      declineCode: "insufficient_funds",
      attemptNo: 2,
    });
    expect((await statusOf(order.id)).status).toBe("pending_payment");
    const ok = await t
      .caller(me)
      .payment.processPayment({ orderId: order.id, method: card(TEST_CARDS.succeeds) });
    expect(ok).toMatchObject({ status: "succeeded", attemptNo: 3 });
    expect(gateway.chargesFor(await intentOf(order.id))).toHaveLength(1);
    const topics = (await outboxOf(t, order.id)).map((e) => e.topic).filter((x) => x.startsWith("payment."));
    expect(topics).toEqual(["payment.failed", "payment.failed", "payment.succeeded"]);
    const view = await t.caller(me).payment.getPayment({ orderId: order.id });
    expect(view.payment?.attempts.map((a) => a.status)).toEqual(["failed", "failed", "succeeded"]);
  });

  it("charges the server's current total: an order re-priced after a decline is charged its new total", async () => {
    const order = await anOrder(t.platform.db, me, { total: 2000 });
    await t.caller(me).payment.processPayment({ orderId: order.id, method: card(TEST_CARDS.declined) });
    await t.platform.db
      .updateTable("orders")
      .set({ total: 1500, subtotal: 1500 })
      .where("id", "=", order.id)
      .execute();
    const res = await t
      .caller(me)
      .payment.processPayment({ orderId: order.id, method: card(TEST_CARDS.succeeds) });
    expect(res).toMatchObject({ status: "succeeded", amount: 1500 });
    expect(gateway.chargesFor(await intentOf(order.id)).map((c) => c.amount)).toEqual([1500]);
  });

  it("an order whose total is zero (a promotion covered it) is paid without the gateway", async () => {
    const order = await anOrder(t.platform.db, me, { total: 0 });
    const calls = gateway.calls.length;
    const res = await t
      .caller(me)
      .payment.processPayment({ orderId: order.id, method: card(TEST_CARDS.succeeds) });
    expect(res).toMatchObject({ status: "succeeded", amount: 0 });
    expect(gateway.calls.length).toBe(calls);
    expect((await statusOf(order.id)).status).toBe("placed");
  });

  it("surfaces 3-D Secure as requires_action with a client secret, and settles after confirmAction", async () => {
    const order = await anOrder(t.platform.db, me);
    const action = await t
      .caller(me)
      .payment.processPayment({ orderId: order.id, method: card(TEST_CARDS.requires3ds) });
    expect(action.status).toBe("requires_action");
    expect(action.clientSecret).toMatch(/_secret_/);
    expect(action.nextAction?.type).toBe("use_stripe_sdk");
    expect((await statusOf(order.id)).status).toBe("pending_payment");
    const done = await t.caller(me).payment.confirmAction({ orderId: order.id, simulatedOutcome: "approve" });
    expect(done.status).toBe("succeeded");
    expect((await statusOf(order.id)).status).toBe("placed");

    const other = await anOrder(t.platform.db, me);
    await t.caller(me).payment.processPayment({ orderId: other.id, method: card(TEST_CARDS.requires3ds) });
    const failed = await t.caller(me).payment.confirmAction({ orderId: other.id, simulatedOutcome: "fail" });
    expect(failed.status).toBe("failed");
    expect(failed.declineReason).toMatch(/unable to authenticate/);
  });

  it("a customer who gives up on 3-D Secure can pay with another card: one charge, the old attempt superseded", async () => {
    const order = await anOrder(t.platform.db, me);
    const action = await t
      .caller(me)
      .payment.processPayment({ orderId: order.id, method: card(TEST_CARDS.requires3ds) });
    expect(action.status).toBe("requires_action");
    const other = await t
      .caller(me)
      .payment.processPayment({ orderId: order.id, method: card(TEST_CARDS.succeeds) });
    expect(other).toMatchObject({ status: "succeeded", attemptNo: 2 });
    const view = await t.caller(me).payment.getPayment({ orderId: order.id });
    expect(view.payment?.attempts.map((a) => a.status)).toEqual(["failed", "succeeded"]);
    const topics = (await outboxOf(t, order.id)).map((e) => e.topic).filter((x) => x.startsWith("payment."));
    expect(topics).toEqual(["payment.succeeded"]);
    // The abandoned challenge completed late changes nothing.
    const late = await t.caller(me).payment.confirmAction({ orderId: order.id, simulatedOutcome: "approve" });
    expect(late.status).toBe("succeeded");
    expect(gateway.chargesFor(await intentOf(order.id))).toHaveLength(1);
  });

  it("50 concurrent payments for one order, same and different request ids: one charge, one succeeded payment", async () => {
    gateway.latencyMs = 15;
    try {
      for (const sameId of [true, false]) {
        const order = await anOrder(t.platform.db, me);
        const results = await Promise.allSettled(
          Array.from({ length: 50 }, (_, i) =>
            t.caller(me).payment.processPayment({
              orderId: order.id,
              clientRequestId: sameId ? "checkout-1234" : `checkout-${i}-abcdef`,
              method: card(TEST_CARDS.succeeds),
            }),
          ),
        );
        const ok = results.filter((r) => r.status === "fulfilled" && r.value.status === "succeeded");
        const refused = results.filter((r) => r.status === "rejected");
        expect(ok.length + refused.length).toBe(50);
        if (sameId) expect(ok).toHaveLength(50);
        else expect(ok).toHaveLength(1);
        for (const r of refused)
          expect(((r as PromiseRejectedResult).reason as TRPCError).message).toBe(
            "This order is already paid.",
          );
        expect(gateway.chargesFor(await intentOf(order.id))).toHaveLength(1);
        const payments = await t.platform.db
          .selectFrom("payments")
          .select(["status"])
          .where("order_id", "=", order.id)
          .execute();
        expect(payments).toEqual([{ status: "succeeded" }]);
        const succeeded = await t.platform.db
          .selectFrom("payment_attempts")
          .innerJoin("payments", "payments.id", "payment_attempts.payment_id")
          .select("payment_attempts.status")
          .where("payments.order_id", "=", order.id)
          .where("payment_attempts.status", "=", "succeeded")
          .execute();
        expect(succeeded).toHaveLength(1);
        expect((await outboxOf(t, order.id)).filter((e) => e.topic === "payment.succeeded")).toHaveLength(1);
      }
    } finally {
      gateway.latencyMs = 0;
    }
  });

  it("the gateway charges but the answer is lost: reconciled by asking the gateway, no second charge", async () => {
    const order = await anOrder(t.platform.db, me);
    gateway.faults.push({ op: "confirm", kind: "lost_response" });
    const res = await t.caller(me).payment.processPayment({
      orderId: order.id,
      clientRequestId: "lost-answer-1",
      method: card(TEST_CARDS.succeeds),
    });
    expect(res.status).toBe("succeeded");
    const again = await t.caller(me).payment.processPayment({
      orderId: order.id,
      clientRequestId: "lost-answer-1",
      method: card(TEST_CARDS.succeeds),
    });
    expect(again.status).toBe("succeeded");
    const intentId = await intentOf(order.id);
    expect(gateway.chargesFor(intentId)).toHaveLength(1);
    // The gateway was asked (retrieve) after the lost answer, and nothing was ever sent under another key.
    const calls = gateway.calls.filter((c) => c.intentId === intentId);
    expect(calls.map((c) => c.op)).toEqual(["confirm", "retrieve"]);
    expect(calls[0]!.idempotencyKey).toBe(`${res.paymentId}:1`);
  });

  it("retries transient 5xx with backoff under the same idempotency key", async () => {
    const order = await anOrder(t.platform.db, me);
    gateway.faults.push({ op: "confirm", kind: "transient" }, { op: "confirm", kind: "transient" });
    const res = await t
      .caller(me)
      .payment.processPayment({ orderId: order.id, method: card(TEST_CARDS.succeeds) });
    expect(res.status).toBe("succeeded");
    const intentId = await intentOf(order.id);
    expect(
      gateway.calls.filter((c) => c.op === "confirm" && c.intentId === intentId).map((c) => c.idempotencyKey),
    ).toEqual([`${res.paymentId}:1`]);
    expect(gateway.chargesFor(intentId)).toHaveLength(1);
  });

  it("when the gateway cannot be asked either, answers processing and the sweep settles it later without charging again", async () => {
    const order = await anOrder(t.platform.db, me);
    gateway.faults.push(
      { op: "confirm", kind: "lost_response" },
      ...Array.from({ length: 12 }, () => ({ op: "retrieve" as const, kind: "transient" as const })),
      ...Array.from({ length: 3 }, () => ({ op: "confirm" as const, kind: "timeout" as const })),
    );
    const res = await t
      .caller(me)
      .payment.processPayment({ orderId: order.id, method: card(TEST_CARDS.succeeds) });
    expect(res.status).toBe("processing");
    // Asking again while the gateway still cannot say: the same "processing", and nothing is sent to charge.
    gateway.faults.length = 0;
    gateway.faults.push(
      ...Array.from({ length: 8 }, () => ({ op: "retrieve" as const, kind: "transient" as const })),
    );
    const confirmsBefore = gateway.calls.filter((c) => c.op === "confirm").length;
    const again = await t
      .caller(me)
      .payment.processPayment({ orderId: order.id, method: card(TEST_CARDS.succeeds) });
    expect(again.status).toBe("processing");
    expect(gateway.calls.filter((c) => c.op === "confirm").length).toBe(confirmsBefore);
    gateway.faults.length = 0;
    const attempt = await t.platform.db
      .selectFrom("payment_attempts")
      .select(["status"])
      .where("payment_id", "=", res.paymentId)
      .executeTakeFirstOrThrow();
    expect(attempt.status).toBe("unknown");
    await t.platform.services.payments.reconcile({ olderThanMs: 0 });
    expect((await t.caller(me).payment.getPayment({ orderId: order.id })).payment?.status).toBe("succeeded");
    expect((await statusOf(order.id)).status).toBe("placed");
    expect(gateway.chargesFor(await intentOf(order.id))).toHaveLength(1);
  });

  it("killed between the gateway's answer and our commit: on restart the sweep settles it, without a second charge", async () => {
    const order = await anOrder(t.platform.db, me);
    const dying = anotherNode(t.platform, gateway, {
      faults: {
        reached(stage) {
          if (stage !== "after_gateway_answer") return;
          throw new Error("process killed");
        },
      },
    });
    await expect(
      dying.processPayment(me, { orderId: order.id, method: card(TEST_CARDS.succeeds) }),
    ).rejects.toThrow("process killed");
    const intentId = await intentOf(order.id);
    expect(gateway.chargesFor(intentId)).toHaveLength(1);
    const [attempt] = await t.platform.db
      .selectFrom("payment_attempts")
      .innerJoin("payments", "payments.id", "payment_attempts.payment_id")
      .select(["payment_attempts.status", "payments.status as paymentStatus"])
      .where("payments.order_id", "=", order.id)
      .execute();
    expect(attempt).toEqual({ status: "started", paymentStatus: "processing" });

    // "Restart": a fresh service runs the sweep.
    const restarted = anotherNode(t.platform, gateway);
    expect((await restarted.reconcile({ olderThanMs: 0 })).attempts).toBeGreaterThanOrEqual(1);
    expect((await statusOf(order.id)).status).toBe("placed");
    const view = await t.caller(me).payment.getPayment({ orderId: order.id });
    expect(view.payment).toMatchObject({ status: "succeeded", attempts: [{ status: "succeeded" }] });
    await expectCode(
      t.caller(me).payment.processPayment({ orderId: order.id, method: card(TEST_CARDS.succeeds) }),
      "CONFLICT",
      /already paid/,
    );
    expect(gateway.chargesFor(intentId)).toHaveLength(1);
    // The late webhook for that charge changes nothing more.
    const before = await countRows(t.db, "outbox");
    for (const e of gateway.takeEvents())
      await t.platform.services.payments.handleWebhook(e.rawBody, e.signature);
    expect(await countRows(t.db, "outbox")).toBe(before);
  });

  it("a retry after the serving process died gets the real outcome once the lease expires, without a new charge", async () => {
    const order = await anOrder(t.platform.db, me);
    const dying = anotherNode(t.platform, gateway, {
      faults: {
        reached(stage) {
          if (stage !== "after_gateway_answer") return;
          throw new Error("process killed");
        },
      },
    });
    const request = {
      orderId: order.id,
      clientRequestId: "after-crash-1",
      method: card(TEST_CARDS.succeeds),
    };
    await expect(dying.processPayment(me, request)).rejects.toThrow("process killed");
    const other = anotherNode(t.platform, gateway, {
      staleAttemptMs: 200,
    });
    const res = await other.processPayment(me, request);
    expect(res.status).toBe("succeeded");
    expect(gateway.chargesFor(await intentOf(order.id))).toHaveLength(1);
  });

  it("killed after creating the intent but before storing it, then re-priced: a fresh intent is charged once, the orphan never", async () => {
    const order = await anOrder(t.platform.db, me, { total: 2200 });
    const dying = anotherNode(t.platform, gateway, {
      faults: {
        reached(stage) {
          if (stage === "after_intent_created") throw new Error("process killed");
        },
      },
    });
    await expect(
      dying.processPayment(me, { orderId: order.id, method: card(TEST_CARDS.succeeds) }),
    ).rejects.toThrow("process killed");
    const orphan = gateway.calls.filter((c) => c.op === "create").at(-1)!;
    expect(
      await t.platform.db
        .selectFrom("payments")
        .select("gateway_ref")
        .where("order_id", "=", order.id)
        .executeTakeFirst(),
    ).toEqual({
      gateway_ref: null,
    });
    const restarted = anotherNode(t.platform, gateway);
    await restarted.reconcile({ olderThanMs: 0 });
    await t.platform.db
      .updateTable("orders")
      .set({ total: 2100, subtotal: 2100 })
      .where("id", "=", order.id)
      .execute();
    const res = await restarted.processPayment(me, { orderId: order.id, method: card(TEST_CARDS.succeeds) });
    expect(res).toMatchObject({ status: "succeeded", amount: 2100, attemptNo: 2 });
    const intentId = await intentOf(order.id);
    expect(gateway.chargesFor(intentId).map((c) => c.amount)).toEqual([2100]);
    expect(gateway.charges.filter((c) => c.idempotencyKey.startsWith(res.paymentId))).toHaveLength(1);
    expect(orphan.idempotencyKey).toBe(`${res.paymentId}:intent`);
  });

  it("a live but slow attempt keeps its lease: a concurrent request waits instead of taking it over", async () => {
    const order = await anOrder(t.platform.db, me);
    const slow = anotherNode(t.platform, gateway, {
      staleAttemptMs: 150,
    });
    gateway.latencyMs = 600;
    try {
      const first = slow.processPayment(me, {
        orderId: order.id,
        clientRequestId: "slow-first-1",
        method: card(TEST_CARDS.succeeds),
      });
      // The first attempt has been open longer than staleAttemptMs, and its heartbeat kept it fresh.
      await until("the first attempt to outlive the stale threshold, renewed", async () => {
        const open = await t.platform.db
          .selectFrom("payment_attempts")
          .innerJoin("payments", "payments.id", "payment_attempts.payment_id")
          .select(["payment_attempts.status", "payment_attempts.created_at", "payment_attempts.updated_at"])
          .where("payments.order_id", "=", order.id)
          .executeTakeFirst();
        return (
          open?.status === "started" &&
          new Date(open.updated_at).getTime() - new Date(open.created_at).getTime() > 150
        );
      });
      const second = slow.processPayment(me, {
        orderId: order.id,
        clientRequestId: "slow-second",
        method: card(TEST_CARDS.succeeds),
      });
      expect((await first).status).toBe("succeeded");
      await expect(second).rejects.toThrow("This order is already paid.");
    } finally {
      gateway.latencyMs = 0;
    }
    const attempts = await t.platform.db
      .selectFrom("payment_attempts")
      .innerJoin("payments", "payments.id", "payment_attempts.payment_id")
      .select("payment_attempts.status")
      .where("payments.order_id", "=", order.id)
      .execute();
    expect(attempts).toEqual([{ status: "succeeded" }]);
    expect(gateway.chargesFor(await intentOf(order.id))).toHaveLength(1);
  });

  it("refuses someone else's order, a paid one, a cancelled one and another currency, with a clear reason", async () => {
    const stranger = await aCustomer(t.platform.db, "Stranger");
    const order = await anOrder(t.platform.db, me);
    const before = await countRows(t.db, "payments");
    await expectCode(
      t.caller(stranger).payment.processPayment({ orderId: order.id, method: card(TEST_CARDS.succeeds) }),
      // Like a missing order: whether someone else's exists is none of the caller's business (issue 14).
      "NOT_FOUND",
      /could not find that order/,
    );
    await expectCode(
      t
        .caller(me)
        .payment.processPayment({ orderId: order.id, currency: "EUR", method: card(TEST_CARDS.succeeds) }),
      "BAD_REQUEST",
      /priced in USD; it cannot be paid in EUR/,
    );
    expect(await countRows(t.db, "payments")).toBe(before);
    await t.caller(me).payment.processPayment({ orderId: order.id, method: card(TEST_CARDS.succeeds) });
    await expectCode(
      t.caller(me).payment.processPayment({ orderId: order.id, method: card(TEST_CARDS.succeeds) }),
      "CONFLICT",
      /already paid/,
    );
    const cancelled = await anOrder(t.platform.db, me, { status: "cancelled" });
    await expectCode(
      t.caller(me).payment.processPayment({ orderId: cancelled.id, method: card(TEST_CARDS.succeeds) }),
      "PRECONDITION_FAILED",
      /cancelled/,
    );
    await expectCode(t.caller(stranger).payment.getPayment({ orderId: order.id }), "NOT_FOUND");
    expect(gateway.chargesFor(await intentOf(order.id))).toHaveLength(1);
  });

  it("refuses bad input with a readable 4xx and changes nothing", async () => {
    const order = await anOrder(t.platform.db, me);
    const before = [await countRows(t.db, "payments"), await countRows(t.db, "payment_attempts")];
    await expectCode(
      t.caller(me).payment.processPayment({ orderId: order.id, method: { ...card("4242"), number: "4242" } }),
      "BAD_REQUEST",
      /Card number must be 12 to 19 digits/,
    );
    await expectCode(
      t.caller(me).payment.processPayment({ orderId: "not-a-uuid", method: card(TEST_CARDS.succeeds) }),
      "BAD_REQUEST",
      /Order id must be a UUID/,
    );
    await expectCode(
      // @ts-expect-error an unknown method type
      t.caller(me).payment.processPayment({ orderId: order.id, method: { type: "bitcoin" } }),
      "BAD_REQUEST",
    );
    await expectCode(
      t.caller().payment.processPayment({ orderId: order.id, method: card(TEST_CARDS.succeeds) }),
      "UNAUTHORIZED",
    );
    expect([await countRows(t.db, "payments"), await countRows(t.db, "payment_attempts")]).toEqual(before);
  });

  it("cash on delivery: no gateway, pending until the driver collects, then paid once", async () => {
    const order = await anOrder(t.platform.db, me, { paymentMethod: "cash", total: 1800 });
    const res = await t.caller(me).payment.processPayment({ orderId: order.id, method: { type: "cash" } });
    expect(res).toMatchObject({ status: "pending", amount: 1800 });
    await expectCode(
      t.caller(me).payment.processPayment({ orderId: order.id, method: card(TEST_CARDS.succeeds) }),
      "BAD_REQUEST",
      /cash on delivery/,
    );
    const payments = t.platform.services.payments;
    await expect(payments.markCashCollected(order.id, 1000)).rejects.toThrow(
      /collected 1000 but the order total is 1800/,
    );
    const paid = await payments.markCashCollected(order.id, 2000);
    expect(paid).toMatchObject({ status: "succeeded", amount: 1800, gateway: "cash" });
    await payments.markCashCollected(order.id, 1800);
    expect((await outboxOf(t, order.id)).filter((e) => e.topic === "payment.succeeded")).toHaveLength(1);
    const card4 = await anOrder(t.platform.db, me);
    await expectCode(
      t.caller(me).payment.processPayment({ orderId: card4.id, method: { type: "cash" } }),
      "BAD_REQUEST",
      /card payment/,
    );
  });

  it("refunds in full when a paid order is cancelled, and partially when its total shrinks, once each", async () => {
    const payments = t.platform.services.payments;
    const order = await anOrder(t.platform.db, me, { total: 4000 });
    await t.caller(me).payment.processPayment({ orderId: order.id, method: card(TEST_CARDS.succeeds) });
    const intentId = await intentOf(order.id);

    // updateOrder to a smaller total (the orders module calls this hook in its transaction).
    const { version } = await statusOf(order.id);
    for (let i = 0; i < 2; i++) {
      await t.platform.db
        .transaction()
        .execute((trx) => payments.onOrderRepriced(trx, order.id, 3000, version + 1));
    }
    await payments.settled();
    expect((await gateway.retrieve(intentId)).amountRefunded).toBe(1000);
    let view = await t.caller(me).payment.getPayment({ orderId: order.id });
    expect(view.payment).toMatchObject({ status: "partially_refunded", amountRefunded: 1000 });

    // Cancelled (twice, as a retried hook would be): one full refund of what is left.
    await t.platform.services.orders.transition(order.id, "cancelled", "system", {
      note: "customer changed their mind",
    });
    await t.platform.db.transaction().execute((trx) => payments.onOrderCancelled(trx, order.id));
    await payments.settled();
    expect((await gateway.retrieve(intentId)).amountRefunded).toBe(4000);
    view = await t.caller(me).payment.getPayment({ orderId: order.id });
    expect(view.payment).toMatchObject({ status: "refunded", amountRefunded: 4000 });
    expect(view.payment?.refunds.map((r) => r.amount)).toEqual([1000, 3000]);
    const refundedEvents = (await outboxOf(t, order.id)).filter((e) => e.topic === "payment.refunded");
    expect(refundedEvents).toHaveLength(2);

    // The gateway's charge.refunded webhooks, delivered late and twice, change nothing.
    const before = await countRows(t.db, "outbox");
    const events = gateway.takeEvents().filter((e) => e.type === "charge.refunded");
    for (const e of [...events, ...events]) await payments.handleWebhook(e.rawBody, e.signature);
    expect(await countRows(t.db, "outbox")).toBe(before);
    expect((await t.caller(me).payment.getPayment({ orderId: order.id })).payment?.amountRefunded).toBe(4000);
  });

  it("a refund whose answer was lost is counted once: webhook first, then the sweep replays it under its key", async () => {
    const order = await anOrder(t.platform.db, me, { total: 5000 });
    await t.caller(me).payment.processPayment({ orderId: order.id, method: card(TEST_CARDS.succeeds) });
    const intentId = await intentOf(order.id);
    gateway.takeEvents();
    const dying = anotherNode(t.platform, gateway, {
      faults: {
        reached(stage) {
          if (stage === "after_refund_answer") throw new Error("process killed");
        },
      },
    });
    await expect(
      dying.refundOrder(order.id, { amount: 1200, reason: "goodwill", key: "goodwill-1" }),
    ).rejects.toThrow("process killed");
    expect((await gateway.retrieve(intentId)).amountRefunded).toBe(1200);
    let view = await t.caller(me).payment.getPayment({ orderId: order.id });
    expect(view.payment?.refunds).toMatchObject([{ amount: 1200, status: "pending" }]);

    for (const e of gateway.takeEvents())
      await t.platform.services.payments.handleWebhook(e.rawBody, e.signature);
    view = await t.caller(me).payment.getPayment({ orderId: order.id });
    expect(view.payment).toMatchObject({ status: "partially_refunded", amountRefunded: 1200 });

    const restarted = anotherNode(t.platform, gateway);
    expect((await restarted.reconcile({ olderThanMs: 0 })).refunds).toBe(1);
    view = await t.caller(me).payment.getPayment({ orderId: order.id });
    expect(view.payment).toMatchObject({
      status: "partially_refunded",
      amountRefunded: 1200,
      refunds: [{ amount: 1200, status: "succeeded" }],
    });
    expect((await gateway.retrieve(intentId)).amountRefunded).toBe(1200);
    expect((await outboxOf(t, order.id)).filter((e) => e.topic === "payment.refunded")).toHaveLength(1);
  });

  it("an order cancelled while its payment is at the gateway: the charge that lands is refunded in full", async () => {
    const order = await anOrder(t.platform.db, me, { total: 2900 });
    const confirm = holdCalls(gateway, "confirm");
    let paying: Promise<unknown>;
    try {
      paying = t.caller(me).payment.processPayment({ orderId: order.id, method: card(TEST_CARDS.succeeds) });
      await confirm.reached; // the intent exists, the confirmation is in flight
      await t.platform.services.orders.transition(order.id, "cancelled", "system", {
        note: "customer cancelled",
      });
      confirm.release();
      await paying;
    } finally {
      confirm.restore();
    }
    await t.platform.services.payments.settled();
    const intentId = await intentOf(order.id);
    expect(gateway.chargesFor(intentId)).toHaveLength(1);
    expect((await gateway.retrieve(intentId)).amountRefunded).toBe(2900);
    expect((await statusOf(order.id)).status).toBe("cancelled");
    const view = await t.caller(me).payment.getPayment({ orderId: order.id });
    expect(view.payment).toMatchObject({ status: "refunded", amountRefunded: 2900 });
  });

  it("tells the app which gateway to use", async () => {
    const config = await t.caller().payment.config();
    expect(config).toMatchObject({ gateway: "simulated", testMode: true, publishableKey: null });
    expect(config.testCards.map((c) => c.number)).toContain(TEST_CARDS.requires3ds);
  });
});
