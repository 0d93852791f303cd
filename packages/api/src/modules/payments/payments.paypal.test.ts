import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { backings, startTestServer } from "../../testing/harness.ts";
import type { AuthUser } from "../auth/tokens.ts";
import { TEST_CARDS } from "./gateway/payment-gateway.ts";
import { PayPalGateway } from "./gateway/paypal-gateway.ts";
import { PAYPAL_REF, RoutedGateway } from "./gateway/routed-gateway.ts";
import { SimulatedGateway } from "./gateway/simulated-gateway.ts";
import { type PayPalDelivery, SimulatedPayPal } from "./gateway/simulated-paypal.ts";
import {
  aCustomer,
  anOrder,
  card,
  createPaymentsPlatform,
  intentOfOrder,
  orderStatusOf,
} from "./payments.test-support.ts";

const paypal = { type: "paypal" as const };

describe.each(backings)("payments with PayPal (Orders v2 against the local stand-in) on $name", (backing) => {
  let standIn: SimulatedPayPal;
  let t: Awaited<ReturnType<typeof createPaymentsPlatform>>;
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let me: AuthUser;
  const orderIdAtPayPal = async (orderId: string) =>
    (await intentOfOrder(t.platform.db, orderId)).slice(PAYPAL_REF.length);
  const statusOf = (orderId: string) => orderStatusOf(t.platform.db, orderId);
  const post = (d: PayPalDelivery) =>
    fetch(`${server.url}/webhooks/paypal`, {
      method: "POST",
      headers: { "content-type": "application/json", ...d.headers },
      body: d.rawBody,
    }).then(async (r) => ({ status: r.status, body: await r.json() }));

  beforeAll(async () => {
    standIn = await new SimulatedPayPal().start();
    const gateway = new RoutedGateway(
      new SimulatedGateway({ webhookDelivery: "manual" }),
      new PayPalGateway({
        clientId: standIn.clientId,
        clientSecret: standIn.clientSecret,
        apiBase: standIn.baseUrl,
        webhookId: standIn.webhookId,
        returnUrl: "http://shop.test/paypal/return",
        cancelUrl: "http://shop.test/paypal/cancel",
        timeoutMs: 2_000,
      }),
    );
    t = await createPaymentsPlatform(backing, gateway);
    server = await startTestServer(t.platform);
    me = await aCustomer(t.platform.db);
  });
  afterAll(async () => {
    await server?.close();
    await t?.close();
    await standIn?.close();
  });

  it("sends the buyer to PayPal with the server's amount, then captures once on the return and places the order", async () => {
    const order = await anOrder(t.platform.db, me, { total: 2750 });
    const from = standIn.requests.length;
    const started = await t.caller(me).payment.processPayment({ orderId: order.id, method: paypal });
    const ppOrder = await orderIdAtPayPal(order.id);
    expect(started).toMatchObject({
      status: "requires_action",
      amount: 2750,
      nextAction: { type: "redirect_to_url", url: `${standIn.baseUrl}/checkoutnow?token=${ppOrder}` },
    });
    const create = standIn.requests.slice(from).find((r) => r.path === "/v2/checkout/orders");
    expect(create).toMatchObject({
      requestId: `${started.paymentId}:intent`,
      body: {
        intent: "CAPTURE",
        purchase_units: [
          {
            reference_id: started.paymentId,
            custom_id: order.id,
            amount: { currency_code: "USD", value: "27.50" },
          },
        ],
        payment_source: {
          paypal: {
            experience_context: {
              return_url: `http://shop.test/paypal/return?order=${order.id}`,
              cancel_url: `http://shop.test/paypal/cancel?order=${order.id}`,
            },
          },
        },
      },
    });
    expect(await statusOf(order.id)).toBe("pending_payment");

    // Back from PayPal without approving: still waiting, nothing captured.
    expect((await t.caller(me).payment.confirmAction({ orderId: order.id })).status).toBe("requires_action");
    standIn.approve(ppOrder);
    const done = await t.caller(me).payment.confirmAction({ orderId: order.id });
    expect(done).toMatchObject({ status: "succeeded", amount: 2750, currency: "USD" });
    expect(await statusOf(order.id)).toBe("placed");
    expect(standIn.capturesFor(ppOrder)).toBe(1);
    const captures = standIn.requests.filter((r) => r.path === `/v2/checkout/orders/${ppOrder}/capture`);
    expect(captures.map((r) => r.requestId)).toEqual([`${started.paymentId}:1`]);
  });

  it("writes yen without decimals", async () => {
    const order = await anOrder(t.platform.db, me, { region: "jp", total: 1480 });
    const from = standIn.requests.length;
    await t.caller(me).payment.processPayment({ orderId: order.id, method: paypal });
    const create = standIn.requests.slice(from).find((r) => r.path === "/v2/checkout/orders");
    expect(create?.body).toMatchObject({
      purchase_units: [{ amount: { currency_code: "JPY", value: "1480" } }],
    });
  });

  it("captures exactly once when the return is confirmed many times at once", async () => {
    const order = await anOrder(t.platform.db, me);
    await t.caller(me).payment.processPayment({ orderId: order.id, method: paypal });
    const ppOrder = await orderIdAtPayPal(order.id);
    standIn.approve(ppOrder);
    const results = await Promise.allSettled(
      Array.from({ length: 12 }, () => t.caller(me).payment.confirmAction({ orderId: order.id })),
    );
    for (const r of results) {
      expect(r.status).toBe("fulfilled");
      if (r.status === "fulfilled") expect(r.value.status).toBe("succeeded");
    }
    expect(standIn.capturesFor(ppOrder)).toBe(1);
    // Whatever reached PayPal carried the attempt's one request id, so a second capture could only be a replay.
    const ids = new Set(
      standIn.requests
        .filter((r) => r.path === `/v2/checkout/orders/${ppOrder}/capture`)
        .map((r) => r.requestId),
    );
    expect(ids.size).toBe(1);
    expect(await statusOf(order.id)).toBe("placed");
  });

  it("a lost capture answer is found at PayPal; a 5xx is retried with the same PayPal-Request-Id; one capture each", async () => {
    const lost = await anOrder(t.platform.db, me);
    await t.caller(me).payment.processPayment({ orderId: lost.id, method: paypal });
    const lostOrder = await orderIdAtPayPal(lost.id);
    standIn.approve(lostOrder);
    standIn.faults.push({ path: /\/capture$/, kind: "lost_response" });
    expect((await t.caller(me).payment.confirmAction({ orderId: lost.id })).status).toBe("succeeded");
    expect(standIn.capturesFor(lostOrder)).toBe(1);

    const flaky = await anOrder(t.platform.db, me);
    const started = await t.caller(me).payment.processPayment({ orderId: flaky.id, method: paypal });
    const flakyOrder = await orderIdAtPayPal(flaky.id);
    standIn.approve(flakyOrder);
    standIn.faults.push({ path: /\/capture$/, kind: "500" });
    expect((await t.caller(me).payment.confirmAction({ orderId: flaky.id })).status).toBe("succeeded");
    const captures = standIn.requests.filter((r) => r.path === `/v2/checkout/orders/${flakyOrder}/capture`);
    expect(captures.map((r) => r.requestId)).toEqual([`${started.paymentId}:1`, `${started.paymentId}:1`]);
    expect(standIn.capturesFor(flakyOrder)).toBe(1);
  });

  it("a capture PayPal never answered leaves the attempt waiting; the next return captures under the same request id, once", async () => {
    const order = await anOrder(t.platform.db, me);
    const started = await t.caller(me).payment.processPayment({ orderId: order.id, method: paypal });
    const ppOrder = await orderIdAtPayPal(order.id);
    standIn.approve(ppOrder);
    // Every try of the return's capture times out before PayPal does anything.
    for (let i = 0; i < 4; i++) standIn.faults.push({ path: /\/capture$/, kind: "hang" });
    const unclear = await t.caller(me).payment.confirmAction({ orderId: order.id });
    expect(unclear.status).toBe("requires_action");
    expect(standIn.capturesFor(ppOrder)).toBe(0);
    expect(await statusOf(order.id)).toBe("pending_payment");
    standIn.faults.length = 0;
    expect((await t.caller(me).payment.confirmAction({ orderId: order.id })).status).toBe("succeeded");
    expect(standIn.capturesFor(ppOrder)).toBe(1);
    expect(await statusOf(order.id)).toBe("placed");
    const ids = standIn.requests
      .filter((r) => r.path === `/v2/checkout/orders/${ppOrder}/capture`)
      .map((r) => r.requestId);
    expect(new Set(ids)).toEqual(new Set([`${started.paymentId}:1`]));
  }, 60_000);

  it("webhook before the return: CHECKOUT.ORDER.APPROVED captures, the return then finds it paid; every event once", async () => {
    const order = await anOrder(t.platform.db, me);
    await t.caller(me).payment.processPayment({ orderId: order.id, method: paypal });
    const ppOrder = await orderIdAtPayPal(order.id);
    const from = standIn.deliveries.length;
    standIn.approve(ppOrder);
    const [approved] = standIn.deliveriesSince(from);
    expect(approved?.type).toBe("CHECKOUT.ORDER.APPROVED");
    expect(await post(approved!)).toEqual({ status: 200, body: { received: true, duplicate: false } });
    expect(await statusOf(order.id)).toBe("placed");
    expect(standIn.capturesFor(ppOrder)).toBe(1);

    expect((await t.caller(me).payment.confirmAction({ orderId: order.id })).status).toBe("succeeded");
    const events = standIn.deliveriesSince(from);
    expect(events.map((e) => e.type)).toEqual(["CHECKOUT.ORDER.APPROVED", "PAYMENT.CAPTURE.COMPLETED"]);
    expect(await post(events[1]!)).toEqual({ status: 200, body: { received: true, duplicate: false } });
    for (const e of events)
      expect(await post(e)).toEqual({ status: 200, body: { received: true, duplicate: true } });
    expect(standIn.capturesFor(ppOrder)).toBe(1);

    // Forged or missing transmission headers: 400, nothing recorded.
    const forged = {
      ...events[1]!,
      headers: { ...events[1]!.headers, "paypal-transmission-sig": "Zm9yZ2Vk" },
    };
    expect((await post(forged)).status).toBe(400);
    expect((await post({ ...events[1]!, headers: {} })).status).toBe(400);
  });

  it("webhook after the return: PAYMENT.CAPTURE.COMPLETED changes nothing; the refund on cancel goes to the capture, and its webhook settles it", async () => {
    const order = await anOrder(t.platform.db, me, { total: 1999 });
    const paid = await t.caller(me).payment.processPayment({ orderId: order.id, method: paypal });
    const ppOrder = await orderIdAtPayPal(order.id);
    const from = standIn.deliveries.length;
    standIn.approve(ppOrder);
    expect((await t.caller(me).payment.confirmAction({ orderId: order.id })).status).toBe("succeeded");
    for (const e of standIn.deliveriesSince(from)) expect((await post(e)).status).toBe(200);
    expect(standIn.capturesFor(ppOrder)).toBe(1);

    await t.platform.services.orders.transition(order.id, "cancelled", "system", {
      note: "store closed early",
    });
    await t.platform.services.payments.settled();
    const refund = standIn.requests.find((r) => r.path.endsWith("/refund"));
    expect(refund).toMatchObject({
      requestId: `${paid.paymentId}:refund:cancel`,
      body: { amount: { currency_code: "USD", value: "19.99" } },
    });
    const refunded = standIn.deliveriesSince(from).filter((e) => e.type === "PAYMENT.CAPTURE.REFUNDED");
    expect(refunded).toHaveLength(1);
    expect(await post(refunded[0]!)).toEqual({ status: 200, body: { received: true, duplicate: false } });
    const view = await t.caller(me).payment.getPayment({ orderId: order.id });
    expect(view.payment).toMatchObject({
      status: "refunded",
      amountRefunded: 1999,
      refunds: [{ amount: 1999, status: "succeeded" }],
    });
  });

  it("a partial goodwill refund, then the rest on cancel: two refunds of the capture, never more than captured", async () => {
    const order = await anOrder(t.platform.db, me, { total: 2000 });
    const paid = await t.caller(me).payment.processPayment({ orderId: order.id, method: paypal });
    const ppOrder = await orderIdAtPayPal(order.id);
    standIn.approve(ppOrder);
    expect((await t.caller(me).payment.confirmAction({ orderId: order.id })).status).toBe("succeeded");
    const from = standIn.requests.length;
    await t.platform.services.payments.refundOrder(order.id, {
      amount: 500,
      reason: "goodwill",
      key: `goodwill-${paid.paymentId}`,
    });
    await t.platform.services.orders.transition(order.id, "cancelled", "system", { note: "oven broke" });
    await t.platform.services.payments.settled();
    const refunds = standIn.requests.slice(from).filter((r) => r.path.endsWith("/refund") && !r.replayed);
    expect(refunds.map((r) => (r.body as { amount: { value: string } }).amount.value)).toEqual([
      "5.00",
      "15.00",
    ]);
    expect((await t.caller(me).payment.getPayment({ orderId: order.id })).payment).toMatchObject({
      status: "refunded",
      amountRefunded: 2000,
    });
  });

  it("cancel at PayPal: the attempt is given up and the PayPal order can never be captured; a card then pays", async () => {
    const order = await anOrder(t.platform.db, me);
    await t.caller(me).payment.processPayment({ orderId: order.id, method: paypal });
    const ppOrder = await orderIdAtPayPal(order.id);
    const given = await t.caller(me).payment.cancelAttempt({ orderId: order.id });
    expect(given.status).toBe("failed");
    expect(standIn.orders.view(standIn.orders.get(ppOrder)!).purchase_units[0]?.custom_id).toBe(
      `canceled:${order.id}`,
    );
    // Approving later (another tab) changes nothing: we never capture a cancelled order.
    standIn.approve(ppOrder);
    const paid = await t
      .caller(me)
      .payment.processPayment({ orderId: order.id, method: card(TEST_CARDS.succeeds) });
    expect(paid.status).toBe("succeeded");
    expect(standIn.capturesFor(ppOrder)).toBe(0);
    expect(await statusOf(order.id)).toBe("placed");
  });

  it("a declined card, then PayPal on the same order: the card intent is cancelled and PayPal pays", async () => {
    const order = await anOrder(t.platform.db, me);
    const declined = await t
      .caller(me)
      .payment.processPayment({ orderId: order.id, method: card(TEST_CARDS.declined) });
    expect(declined.status).toBe("failed");
    const cardIntent = await intentOfOrder(t.platform.db, order.id);
    const started = await t.caller(me).payment.processPayment({ orderId: order.id, method: paypal });
    expect(started.status).toBe("requires_action");
    const ppOrder = await orderIdAtPayPal(order.id);
    standIn.approve(ppOrder);
    expect((await t.caller(me).payment.confirmAction({ orderId: order.id })).status).toBe("succeeded");
    const simulation = (t.platform.services.payments.gateway as RoutedGateway).card;
    expect((await simulation.retrieve(cardIntent)).status).toBe("canceled");
    expect(await statusOf(order.id)).toBe("placed");
  });

  it("PayPal's INSTRUMENT_DECLINED is a readable decline; paying again sends the buyer back to PayPal", async () => {
    const order = await anOrder(t.platform.db, me);
    await t.caller(me).payment.processPayment({ orderId: order.id, method: paypal });
    const ppOrder = await orderIdAtPayPal(order.id);
    standIn.approve(ppOrder, "declined");
    const declined = await t.caller(me).payment.confirmAction({ orderId: order.id });
    expect(declined).toMatchObject({ status: "failed", declineCode: "instrument_declined" });
    expect(declined.declineReason).toBeTruthy();
    const again = await t.caller(me).payment.processPayment({ orderId: order.id, method: paypal });
    expect(again.status).toBe("requires_action");
    standIn.approve(ppOrder);
    expect((await t.caller(me).payment.confirmAction({ orderId: order.id })).status).toBe("succeeded");
    expect(standIn.capturesFor(ppOrder)).toBe(1);
  });
});
