import { countRows } from "@pizza/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { backings, opsHeaders } from "../../testing/harness.ts";
import { openWebhookEndpoint, type WebhookEndpoint } from "../../testing/webhook-endpoint.ts";
import type { AuthUser } from "../auth/tokens.ts";
import { TEST_CARDS } from "./gateway/payment-gateway.ts";
import type { SignedEvent, SimulatedGateway } from "./gateway/simulated-gateway.ts";
import { signStripePayload } from "./gateway/stripe-shapes.ts";
import { anOrder, anotherNode, card } from "./payments.test-support.ts";

describe.each(backings)("POST /webhooks/stripe on $name", (backing) => {
  let endpoint: WebhookEndpoint;
  let t: WebhookEndpoint["t"];
  let server: WebhookEndpoint["server"];
  let gateway: SimulatedGateway;
  let me: AuthUser;

  const post = (body: string, signature?: string) => endpoint.post(body, signature);
  const deliver = async (events: SignedEvent[]) => {
    const answers = [];
    for (const e of events) {
      const res = await post(e.rawBody, e.signature);
      expect(res.status).toBe(200);
      answers.push((await res.json()) as { duplicate: boolean });
    }
    return answers;
  };
  /** Everything a webhook could change, to compare before and after. */
  const snapshot = async (orderId: string) => ({
    order: await t.platform.db
      .selectFrom("orders")
      .select(["status", "version"])
      .where("id", "=", orderId)
      .executeTakeFirst(),
    payment: await t.platform.db
      .selectFrom("payments")
      .select(["status", "version", "amount_refunded"])
      .where("order_id", "=", orderId)
      .executeTakeFirst(),
    attempts: await t.platform.db
      .selectFrom("payment_attempts")
      .innerJoin("payments", "payments.id", "payment_attempts.payment_id")
      .select(["payment_attempts.status"])
      .where("payments.order_id", "=", orderId)
      .orderBy("attempt_no")
      .execute(),
    outbox: await countRows(t.db, "outbox"),
    history: await countRows(t.db, "order_status_history"),
  });
  const topics = async (orderId: string) =>
    (
      await t.platform.db
        .selectFrom("outbox")
        .select("topic")
        .where("aggregate_id", "=", orderId)
        .orderBy("seq")
        .execute()
    ).map((r) => r.topic);

  beforeAll(async () => {
    endpoint = await openWebhookEndpoint(backing);
    ({ t, server, gateway, me } = endpoint);
  });
  afterAll(async () => {
    await endpoint?.close();
  });

  it("a webhook arriving before the synchronous answer is recorded: one state, one event", async () => {
    const order = await anOrder(t.platform.db, me);
    gateway.takeEvents();
    // A second node handles the webhook while this one is between the gateway's answer and its commit.
    const node = anotherNode(t.platform, gateway, {
      faults: {
        async reached(stage) {
          if (stage !== "after_gateway_answer") return;
          await deliver(gateway.takeEvents());
        },
      },
    });
    const res = await node.processPayment(me, { orderId: order.id, method: card(TEST_CARDS.succeeds) });
    expect(res.status).toBe("succeeded");
    const state = await snapshot(order.id);
    expect(state.order?.status).toBe("placed");
    expect(state.payment?.status).toBe("succeeded");
    expect(state.attempts).toEqual([{ status: "succeeded" }]);
    expect(
      (await topics(order.id))
        .filter((x) => x === "payment.succeeded" || x === "order.status_changed")
        .sort(),
    ).toEqual(["order.status_changed", "payment.succeeded"]);
  });

  it("after the answer, and twice (even at once): nothing changes, replays are recognised", async () => {
    const order = await anOrder(t.platform.db, me);
    gateway.takeEvents();
    await t.caller(me).payment.processPayment({ orderId: order.id, method: card(TEST_CARDS.succeeds) });
    const before = await snapshot(order.id);
    const events = gateway.takeEvents();
    expect(events.map((e) => e.type)).toEqual(["payment_intent.succeeded"]);
    expect(await deliver(events)).toEqual([{ received: true, duplicate: false }]);
    expect(await deliver(events)).toEqual([{ received: true, duplicate: true }]);
    const racing = await Promise.all([
      post(events[0]!.rawBody, events[0]!.signature),
      post(events[0]!.rawBody, events[0]!.signature),
    ]);
    expect(racing.map((r) => r.status)).toEqual([200, 200]);
    expect(await snapshot(order.id)).toEqual(before);
    const metrics = await (await fetch(`${server.url}/metrics`, { headers: opsHeaders })).text();
    expect(metrics).toMatch(/payments_process_total\{status="succeeded"\} [1-9]/);
    expect(metrics).toMatch(
      /payment_webhooks_total\{type="payment_intent.succeeded",duplicate="true"\} [1-9]/,
    );
  });

  it("a decline's webhook racing the synchronous answer leaves one failed attempt and one payment.failed", async () => {
    const order = await anOrder(t.platform.db, me);
    gateway.takeEvents();
    const node = anotherNode(t.platform, gateway, {
      faults: {
        async reached(stage) {
          if (stage !== "after_gateway_answer") return;
          await deliver(gateway.takeEvents());
        },
      },
    });
    const res = await node.processPayment(me, { orderId: order.id, method: card(TEST_CARDS.declined) });
    expect(res).toMatchObject({ status: "failed", declineReason: "Your card was declined." });
    expect((await snapshot(order.id)).attempts).toEqual([{ status: "failed" }]);
    expect((await topics(order.id)).filter((x) => x.startsWith("payment."))).toEqual(["payment.failed"]);
  });

  it("settles a payment from the webhook alone when the synchronous path never recorded it", async () => {
    const order = await anOrder(t.platform.db, me);
    gateway.takeEvents();
    const dying = anotherNode(t.platform, gateway, {
      faults: {
        reached(stage) {
          if (stage !== "after_gateway_answer") return;
          throw new Error("killed");
        },
      },
    });
    await expect(
      dying.processPayment(me, { orderId: order.id, method: card(TEST_CARDS.succeeds) }),
    ).rejects.toThrow("killed");
    expect((await snapshot(order.id)).payment?.status).toBe("processing");
    await deliver(gateway.takeEvents());
    const after = await snapshot(order.id);
    expect(after.payment?.status).toBe("succeeded");
    expect(after.attempts).toEqual([{ status: "succeeded" }]);
    expect(after.order?.status).toBe("placed");
  });

  it("refuses a forged, tampered, stale or missing signature with 400 and changes nothing", async () => {
    const order = await anOrder(t.platform.db, me);
    gateway.takeEvents();
    const dying = anotherNode(t.platform, gateway, {
      faults: {
        reached(stage) {
          if (stage !== "after_gateway_answer") return;
          throw new Error("killed");
        },
      },
    });
    await dying
      .processPayment(me, { orderId: order.id, method: card(TEST_CARDS.succeeds) })
      .catch(() => undefined);
    const [event] = gateway.takeEvents();
    const before = { ...(await snapshot(order.id)), webhooks: await countRows(t.db, "webhook_events") };
    const body = event!.rawBody;
    const stale = signStripePayload(body, gateway.webhookSecret, Math.floor(Date.now() / 1000) - 10 * 60);
    const attempts = [
      post(body, signStripePayload(body, "whsec_not_the_secret")),
      post(body.replace('"succeeded"', '"succeeded" '), event!.signature),
      post(body, stale),
      post(body),
      post(body, "t=1,v1=deadbeef"),
    ];
    for (const res of await Promise.all(attempts)) {
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ error: "invalid_signature" });
    }
    expect({ ...(await snapshot(order.id)), webhooks: await countRows(t.db, "webhook_events") }).toEqual(
      before,
    );
    // The genuine delivery still works afterwards.
    await deliver([event!]);
    expect((await snapshot(order.id)).payment?.status).toBe("succeeded");
  });

  it("acknowledges a payment event of another integration on the same account and changes nothing", async () => {
    const payload = JSON.stringify({
      id: "evt_foreign_1",
      object: "event",
      type: "payment_intent.succeeded",
      data: {
        object: {
          id: "pi_foreign",
          object: "payment_intent",
          amount: 100,
          currency: "usd",
          status: "succeeded",
          metadata: { payment_id: "not-ours" },
        },
      },
    });
    const before = await countRows(t.db, "outbox");
    const res = await post(payload, signStripePayload(payload, gateway.webhookSecret));
    expect(res.status).toBe(200);
    expect(await countRows(t.db, "outbox")).toBe(before);
  });

  it("answers 200 to events it does not handle, once", async () => {
    const payload = JSON.stringify({
      id: "evt_other_1",
      object: "event",
      type: "customer.created",
      data: { object: {} },
    });
    const first = await post(payload, signStripePayload(payload, gateway.webhookSecret));
    expect(first.status).toBe(200);
    const again = await post(payload, signStripePayload(payload, gateway.webhookSecret));
    expect(await again.json()).toEqual({ received: true, duplicate: true });
  });
});
