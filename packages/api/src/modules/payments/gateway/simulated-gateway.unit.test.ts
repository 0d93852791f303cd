import { describe, expect, it, vi } from "vitest";
import { describePaymentGatewayContract } from "./payment-gateway.contract.ts";
import { TEST_CARDS } from "./payment-gateway.ts";
import { SimulatedGateway } from "./simulated-gateway.ts";

const card = (number: string) => ({
  type: "test_card" as const,
  number,
  expMonth: 12,
  expYear: 2099,
  cvc: "123",
});

describePaymentGatewayContract("simulated", async () => {
  const gateway = new SimulatedGateway({ webhookDelivery: "manual" });
  return {
    gateway,
    methods: {
      succeeds: card(TEST_CARDS.succeeds),
      declined: card(TEST_CARDS.declined),
      insufficientFunds: card(TEST_CARDS.insufficientFunds),
      requires3ds: card(TEST_CARDS.requires3ds),
    },
    completeAction: async (intentId, approve) => {
      await gateway.completeAction(intentId, approve);
    },
    loseNextConfirmResponse: () => gateway.faults.push({ op: "confirm", kind: "lost_response" }),
    failNextConfirmTransiently: () => gateway.faults.push({ op: "confirm", kind: "transient" }),
    chargesFor: (intentId) => gateway.chargesFor(intentId).length,
    takeSignedEvents: () => gateway.takeEvents(),
    webhookSecret: gateway.webhookSecret,
    close: async () => {},
  };
});

describe("simulated gateway specifics", () => {
  it("never keeps a full card number: not in its calls, charges, answers or events", async () => {
    const gateway = new SimulatedGateway({ webhookDelivery: "manual" });
    const intent = await gateway.createIntent({
      amount: 500,
      currency: "USD",
      idempotencyKey: "p1:intent",
      metadata: { payment_id: "p1", order_id: "o1" },
    });
    const answer = await gateway.confirm({
      intentId: intent.id,
      paymentMethod: card(TEST_CARDS.succeeds),
      idempotencyKey: "p1:1",
    });
    const everything = JSON.stringify([
      answer,
      gateway.calls,
      gateway.charges,
      gateway.takeEvents(),
      await gateway.retrieve(intent.id),
    ]);
    expect(everything).not.toContain(TEST_CARDS.succeeds);
    expect(everything).not.toContain("424242424242");
    expect(answer.card).toEqual({ brand: "visa", last4: "4242" });
  });

  it("refuses a malformed or expired card with a readable reason", async () => {
    const gateway = new SimulatedGateway({ webhookDelivery: "manual" });
    const intent = await gateway.createIntent({
      amount: 500,
      currency: "USD",
      idempotencyKey: "k",
      metadata: { payment_id: "p", order_id: "o" },
    });
    const bad = await gateway.confirm({
      intentId: intent.id,
      paymentMethod: card("4242424242424241"),
      idempotencyKey: "a",
    });
    expect(bad.lastError?.message).toMatch(/card number is incorrect/);
    const expired = await gateway.confirm({
      intentId: intent.id,
      paymentMethod: { ...card(TEST_CARDS.succeeds), expYear: 2020 },
      idempotencyKey: "b",
    });
    expect(expired.lastError?.code).toBe("expired_card");
  });

  it("with latency above the client timeout, the charge happens but the caller learns nothing", async () => {
    const gateway = new SimulatedGateway({ webhookDelivery: "manual", latencyMs: 60, timeoutMs: 10 });
    const intent = await gateway
      .createIntent({
        amount: 500,
        currency: "USD",
        idempotencyKey: "k",
        metadata: { payment_id: "p", order_id: "o" },
      })
      .catch(() => undefined);
    expect(intent).toBeUndefined();
    gateway.latencyMs = 0;
    const created = await gateway.createIntent({
      amount: 500,
      currency: "USD",
      idempotencyKey: "k",
      metadata: { payment_id: "p", order_id: "o" },
    });
    gateway.latencyMs = 60;
    const error = await gateway
      .confirm({ intentId: created.id, paymentMethod: card(TEST_CARDS.succeeds), idempotencyKey: "c" })
      .catch((e: unknown) => e);
    expect((error as { kind: string }).kind).toBe("unknown");
    // The gateway finishes on its own time: wait for the charge to show up, then check it is the only one.
    await vi.waitFor(() => expect(gateway.chargesFor(created.id)).not.toHaveLength(0));
    expect(gateway.chargesFor(created.id)).toHaveLength(1);
  });
});
