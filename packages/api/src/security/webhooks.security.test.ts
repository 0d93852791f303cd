import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AuthUser } from "../modules/auth/tokens.ts";
import { TEST_CARDS, WebhookSignatureError } from "../modules/payments/gateway/payment-gateway.ts";
import { SimulatedGateway } from "../modules/payments/gateway/simulated-gateway.ts";
import { StripeGateway } from "../modules/payments/gateway/stripe-gateway.ts";
import { signStripePayload } from "../modules/payments/gateway/stripe-shapes.ts";
import { anOrder, anotherNode, card } from "../modules/payments/payments.test-support.ts";
import { backings } from "../testing/harness.ts";
import { openWebhookEndpoint, type WebhookEndpoint } from "../testing/webhook-endpoint.ts";

/**
 * Issue 14, finding 8. A correctly signed event that we cannot read is Stripe's (or a sender's) mistake:
 * retrying it for three days changes nothing, so it is recorded as ignored and acknowledged, never a
 * 500 with our error text. And a signature dated in the future is as unusable as one from the past.
 */
const now = () => Math.floor(Date.now() / 1000);
/** What must never reach the sender: error names and internals. */
const LEAKS = /TypeError|SyntaxError|Cannot read|undefined|violates|null value|JSON|stack/i;

describe.each(backings)("webhook edge cases on $name (finding 8)", (backing) => {
  let endpoint: WebhookEndpoint;
  let t: WebhookEndpoint["t"];
  let gateway: SimulatedGateway;
  let me: AuthUser;

  const post = (body: string, signature?: string) => endpoint.post(body, signature);
  const signed = (body: string, at?: number) =>
    post(body, signStripePayload(body, gateway.webhookSecret, at));
  const recorded = (id: string) =>
    t.platform.db.selectFrom("webhook_events").selectAll().where("id", "=", id).executeTakeFirst();

  beforeAll(async () => {
    endpoint = await openWebhookEndpoint(backing);
    ({ t, gateway, me } = endpoint);
  });
  afterAll(async () => {
    await endpoint?.close();
  });

  /** A payment stuck in processing (its node died after the gateway answered) and its genuine event. */
  async function aProcessingPayment() {
    const order = await anOrder(t.platform.db, me);
    gateway.takeEvents();
    const dying = anotherNode(t.platform, gateway, {
      faults: {
        reached(stage) {
          if (stage === "after_gateway_answer") throw new Error("killed");
        },
      },
    });
    await dying
      .processPayment(me, { orderId: order.id, method: card(TEST_CARDS.succeeds) })
      .catch(() => undefined);
    const [event] = gateway.takeEvents();
    if (!event) throw new Error("the simulation emitted no event");
    return { order, event };
  }
  const paymentOf = (orderId: string) =>
    t.platform.db
      .selectFrom("payments")
      .select(["status", "version"])
      .where("order_id", "=", orderId)
      .executeTakeFirstOrThrow();

  it.each([
    ["not JSON", "this is not json {", null],
    ["JSON that is not an object", "[1,2,3]", null],
    [
      "an event without type or data",
      JSON.stringify({ id: "evt_sec_notype", object: "event" }),
      "evt_sec_notype",
    ],
    [
      "a payment event without data.object",
      JSON.stringify({ id: "evt_sec_noobj", object: "event", type: "payment_intent.succeeded", data: {} }),
      "evt_sec_noobj",
    ],
    [
      "a refund event whose charge is not an object",
      JSON.stringify({ id: "evt_sec_charge", type: "charge.refunded", data: { object: "nope" } }),
      "evt_sec_charge",
    ],
    [
      "an unknown type that is not a string",
      JSON.stringify({ id: "evt_sec_type42", type: 42, data: { object: {} } }),
      "evt_sec_type42",
    ],
    ["an event without an id", JSON.stringify({ type: "customer.created", data: { object: {} } }), null],
  ])("%s, correctly signed: acknowledged as ignored, recorded, no error text", async (_name, body, id) => {
    const res = await signed(body);
    const text = await res.text();
    expect(res.status).toBe(200);
    expect(JSON.parse(text)).toEqual({ received: true, ignored: true });
    expect(text).not.toMatch(LEAKS);
    if (id) {
      expect(await recorded(id)).toMatchObject({ id, type: expect.stringMatching(/^malformed:/) });
      // A redelivery is recognised and still answered 2xx.
      expect((await signed(body)).status).toBe(200);
    }
  });

  it("an intent event for a real payment with a non-numeric amount changes nothing and is not a 500", async () => {
    const { order, event } = await aProcessingPayment();
    const before = await paymentOf(order.id);
    const parsed = JSON.parse(event.rawBody);
    parsed.id = `${parsed.id}_tampered`;
    parsed.data.object.amount = "lots";
    const body = JSON.stringify(parsed);
    const res = await signed(body);
    const text = await res.text();
    expect(res.status).toBe(200);
    expect(text).not.toMatch(LEAKS);
    expect(await recorded(parsed.id)).toMatchObject({ type: "malformed:payment_intent.succeeded" });
    expect(await paymentOf(order.id)).toEqual(before);
    // The genuine event still settles the payment.
    expect((await post(event.rawBody, event.signature)).status).toBe(200);
    expect((await paymentOf(order.id)).status).toBe("succeeded");
  });

  it("refuses a signature dated beyond the 300 s tolerance in the future, accepts one within it", async () => {
    const { order, event } = await aProcessingPayment();
    const future = await signed(event.rawBody, now() + 10 * 60);
    expect(future.status).toBe(400);
    expect(await future.json()).toMatchObject({ error: "invalid_signature" });
    const farFuture = await signed(event.rawBody, now() + 365 * 24 * 3600);
    expect(farFuture.status).toBe(400);
    expect(await recorded(JSON.parse(event.rawBody).id)).toBeUndefined();
    expect((await paymentOf(order.id)).status).toBe("processing");
    // Clocks drift a little: within the tolerance a future timestamp is fine.
    expect((await signed(event.rawBody, now() + 60)).status).toBe(200);
    expect((await paymentOf(order.id)).status).toBe("succeeded");
  });
});

describe("both gateway adapters refuse future-dated signatures (finding 8)", () => {
  const secret = "whsec_security_future";
  const body = JSON.stringify({
    id: "evt_future",
    object: "event",
    type: "customer.created",
    data: { object: {} },
  });
  const adapters = [
    ["stripe", new StripeGateway({ secretKey: "sk_test_unused", webhookSecret: secret })],
    ["simulated", new SimulatedGateway({ webhookSecret: secret, webhookDelivery: "manual" })],
  ] as const;

  it.each(adapters)("%s: past and future beyond 300 s refused, within accepted", (_name, adapter) => {
    for (const offset of [-301 - 5, 301 + 5, 3600]) {
      expect(() => adapter.parseWebhook(body, signStripePayload(body, secret, now() + offset))).toThrow(
        WebhookSignatureError,
      );
    }
    for (const offset of [-250, 0, 250]) {
      expect(adapter.parseWebhook(body, signStripePayload(body, secret, now() + offset))).toMatchObject({
        id: "evt_future",
      });
    }
  });
});
