import type { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { backings, startTestServer } from "../../testing/harness.ts";
import type { StripeStandIn } from "../../testing/stripe-stand-in.ts";
import type { AuthUser } from "../auth/tokens.ts";
import { signStripePayload } from "./gateway/stripe-shapes.ts";
import {
  aCustomer,
  anOrder,
  card,
  type createPaymentsPlatform,
  createStripePlatform,
} from "./payments.test-support.ts";

const keys = {
  STRIPE_SECRET_KEY: "sk_test_e2e_stand_in",
  STRIPE_WEBHOOK_SECRET: "whsec_e2e_stand_in_secret",
  STRIPE_PUBLISHABLE_KEY: "pk_test_e2e_stand_in",
};
const pm = (id: string) => ({ type: "stripe" as const, paymentMethodId: id });

describe.each(backings)("payments with the Stripe adapter (real SDK, local stand-in) on $name", (backing) => {
  let standIn: StripeStandIn;
  let t: Awaited<ReturnType<typeof createPaymentsPlatform>>;
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
    (
      await t.platform.db
        .selectFrom("orders")
        .select("status")
        .where("id", "=", orderId)
        .executeTakeFirstOrThrow()
    ).status;

  beforeAll(async () => {
    ({ t, standIn } = await createStripePlatform(backing, keys));
    me = await aCustomer(t.platform.db);
  });
  afterAll(async () => {
    await t?.close();
    await standIn?.close();
  });

  it("tells the app to use Stripe Elements with the publishable key", async () => {
    expect(await t.caller().payment.config()).toEqual({
      gateway: "stripe",
      publishableKey: keys.STRIPE_PUBLISHABLE_KEY,
      testMode: true,
      testCards: [],
    });
  });

  it("pays with a PaymentMethod: one PaymentIntent keyed by our payment, the server's amount, currency and metadata", async () => {
    const order = await anOrder(t.platform.db, me, { total: 2750 });
    const from = standIn.requests.length;
    const res = await t.caller(me).payment.processPayment({ orderId: order.id, method: pm("pm_card_visa") });
    expect(res).toMatchObject({
      status: "succeeded",
      amount: 2750,
      currency: "USD",
      card: { brand: "visa", last4: "4242" },
    });
    const [create, confirm, ...rest] = standIn.requests.slice(from);
    expect(rest).toEqual([]);
    expect(create).toMatchObject({
      method: "POST",
      path: "/v1/payment_intents",
      idempotencyKey: `${res.paymentId}:intent`,
      body: {
        amount: "2750",
        currency: "usd",
        metadata: { payment_id: res.paymentId, order_id: order.id, region_code: "us" },
        automatic_payment_methods: { enabled: "true" },
      },
    });
    expect(confirm).toMatchObject({
      path: `/v1/payment_intents/${await intentOf(order.id)}/confirm`,
      idempotencyKey: `${res.paymentId}:1`,
      body: { payment_method: "pm_card_visa" },
    });
    expect(standIn.chargesFor(await intentOf(order.id))).toBe(1);
    expect(await statusOf(order.id)).toBe("placed");
  });

  it("charges zero-decimal currencies in their own minor units (JPY)", async () => {
    const order = await anOrder(t.platform.db, me, { region: "jp", total: 1480 });
    const from = standIn.requests.length;
    await t.caller(me).payment.processPayment({ orderId: order.id, method: pm("pm_card_visa") });
    expect(standIn.requests[from]?.body).toMatchObject({ amount: "1480", currency: "jpy" });
  });

  it("never accepts card numbers when Stripe is configured", async () => {
    const order = await anOrder(t.platform.db, me);
    const from = standIn.requests.length;
    const error = await t
      .caller(me)
      .payment.processPayment({ orderId: order.id, method: card("4242424242424242") })
      .catch((e: unknown) => e);
    expect((error as TRPCError).code).toBe("BAD_REQUEST");
    expect(standIn.requests.length).toBe(from);
  });

  it("a decline, then another card; 3-D Secure, then confirmAction", async () => {
    const order = await anOrder(t.platform.db, me);
    const declined = await t.caller(me).payment.processPayment({
      orderId: order.id,
      method: pm("pm_card_visa_chargeDeclinedInsufficientFunds"),
    });
    expect(declined).toMatchObject({
      status: "failed",
      declineReason: "Your card has insufficient funds.",
      declineCode: "insufficient_funds",
    });
    const action = await t
      .caller(me)
      .payment.processPayment({ orderId: order.id, method: pm("pm_card_authenticationRequired") });
    expect(action.status).toBe("requires_action");
    expect(action.clientSecret).toContain("_secret_");
    const intentId = await intentOf(order.id);
    standIn.completeAction(intentId, true); // Stripe.js in the customer's browser
    const done = await t.caller(me).payment.confirmAction({ orderId: order.id });
    expect(done.status).toBe("succeeded");
    expect(await statusOf(order.id)).toBe("placed");
    expect(standIn.chargesFor(intentId)).toBe(1);
  });

  it("a lost answer is reconciled by retrieving the intent; a 5xx is retried under the same key; one charge each", async () => {
    const lost = await anOrder(t.platform.db, me);
    standIn.faults.push(
      { path: /\/confirm$/, kind: "lost_response" },
      { path: /\/confirm$/, kind: "lost_response" },
    );
    const a = await t.caller(me).payment.processPayment({ orderId: lost.id, method: pm("pm_card_visa") });
    expect(a.status).toBe("succeeded");
    const lostIntent = await intentOf(lost.id);
    expect(standIn.chargesFor(lostIntent)).toBe(1);
    expect(standIn.requests.filter((r) => r.path.includes(lostIntent) && r.method === "GET")).toHaveLength(1);

    const flaky = await anOrder(t.platform.db, me);
    standIn.faults.push({ path: /\/confirm$/, kind: "500" });
    const b = await t.caller(me).payment.processPayment({ orderId: flaky.id, method: pm("pm_card_visa") });
    expect(b.status).toBe("succeeded");
    const flakyIntent = await intentOf(flaky.id);
    const confirms = standIn.requests.filter((r) => r.path === `/v1/payment_intents/${flakyIntent}/confirm`);
    expect(confirms.map((r) => r.idempotencyKey)).toEqual([`${b.paymentId}:1`, `${b.paymentId}:1`]);
    expect(standIn.chargesFor(flakyIntent)).toBe(1);
  });

  it("20 concurrent payments for one order make one charge at Stripe", async () => {
    const order = await anOrder(t.platform.db, me);
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) =>
        t.caller(me).payment.processPayment({
          orderId: order.id,
          clientRequestId: `stripe-concurrent-${i}`,
          method: pm("pm_card_visa"),
        }),
      ),
    );
    expect(results.filter((r) => r.status === "fulfilled" && r.value.status === "succeeded")).toHaveLength(1);
    const intentId = await intentOf(order.id);
    expect(standIn.chargesFor(intentId)).toBe(1);
    // Attempts are serialized per order: one confirmation ever reached Stripe, the others saw "already paid".
    expect(standIn.requests.filter((r) => r.path === `/v1/payment_intents/${intentId}/confirm`)).toHaveLength(
      1,
    );
  });

  it("Stripe's webhooks, signed with STRIPE_WEBHOOK_SECRET, are accepted once; the refund on cancel reaches Stripe with its key", async () => {
    const server = await startTestServer(t.platform);
    try {
      const order = await anOrder(t.platform.db, me, { total: 1999 });
      const from = standIn.events.length;
      const paid = await t
        .caller(me)
        .payment.processPayment({ orderId: order.id, method: pm("pm_card_visa") });
      await t.platform.services.orders.transition(order.id, "cancelled", "system", {
        note: "store closed early",
      });
      await t.platform.services.payments.settled();
      const refundIntent = await intentOf(order.id);
      const refund = standIn.requests.find(
        (r) => r.path === "/v1/refunds" && r.body.payment_intent === refundIntent,
      );
      expect(refund).toMatchObject({
        idempotencyKey: `${paid.paymentId}:refund:cancel`,
        body: { amount: "1999" },
      });

      const events = standIn.events.slice(from);
      expect(events.map((e) => e.type)).toEqual(["payment_intent.succeeded", "charge.refunded"]);
      const send = (payload: string) =>
        fetch(`${server.url}/webhooks/stripe`, {
          method: "POST",
          headers: {
            "content-type": "application/json",
            "stripe-signature": signStripePayload(payload, keys.STRIPE_WEBHOOK_SECRET),
          },
          body: payload,
        }).then(async (r) => ({ status: r.status, body: await r.json() }));
      for (const e of events)
        expect(await send(e.payload)).toEqual({ status: 200, body: { received: true, duplicate: false } });
      for (const e of events)
        expect(await send(e.payload)).toEqual({ status: 200, body: { received: true, duplicate: true } });
      const view = await t.caller(me).payment.getPayment({ orderId: order.id });
      expect(view.payment).toMatchObject({
        status: "refunded",
        amountRefunded: 1999,
        refunds: [{ amount: 1999, status: "succeeded" }],
      });
    } finally {
      await server.close();
    }
  });
});
