import { describe, expect, it } from "vitest";
import { StripeStandIn } from "../../../testing/stripe-stand-in.ts";
import { describePaymentGatewayContract } from "./payment-gateway.contract.ts";
import { GatewayError } from "./payment-gateway.ts";
import { StripeGateway } from "./stripe-gateway.ts";
import { signStripePayload } from "./stripe-shapes.ts";

const webhookSecret = "whsec_test_contract_secret";

async function stripeAgainstStandIn(timeoutMs = 2_000) {
  const standIn = await new StripeStandIn().start();
  const gateway = new StripeGateway({
    secretKey: "sk_test_standin",
    webhookSecret,
    publishableKey: "pk_test_standin",
    timeoutMs,
    ...standIn.sdkOptions,
  });
  return { standIn, gateway };
}

describePaymentGatewayContract("stripe (real SDK against the local stand-in)", async () => {
  const { standIn, gateway } = await stripeAgainstStandIn();
  let seen = 0;
  return {
    gateway,
    methods: {
      succeeds: { type: "payment_method", id: "pm_card_visa" },
      declined: { type: "payment_method", id: "pm_card_chargeDeclined" },
      insufficientFunds: { type: "payment_method", id: "pm_card_visa_chargeDeclinedInsufficientFunds" },
      requires3ds: { type: "payment_method", id: "pm_card_authenticationRequired" },
    },
    completeAction: async (intentId, approve) => standIn.completeAction(intentId, approve),
    // The SDK itself retries once, with the same key, when a connection closes mid-request: lose both answers.
    loseNextConfirmResponse: () =>
      standIn.faults.push(
        { path: /\/confirm$/, kind: "lost_response" },
        { path: /\/confirm$/, kind: "lost_response" },
      ),
    failNextConfirmTransiently: () => standIn.faults.push({ path: /\/confirm$/, kind: "500" }),
    chargesFor: (intentId) => standIn.chargesFor(intentId),
    takeSignedEvents: () => {
      const events = standIn.events.slice(seen);
      seen = standIn.events.length;
      return events.map((e) => ({
        type: e.type,
        rawBody: e.payload,
        signature: signStripePayload(e.payload, webhookSecret),
      }));
    },
    webhookSecret,
    close: () => standIn.close(),
  };
});

describe("stripe adapter on the wire", () => {
  it("sends the idempotency key, amount in minor units, currency, metadata and automatic payment methods", async () => {
    const { standIn, gateway } = await stripeAgainstStandIn();
    try {
      const intent = await gateway.createIntent({
        amount: 1999,
        currency: "JPY",
        idempotencyKey: "pay_123:intent",
        metadata: { payment_id: "pay_123", order_id: "ord_9" },
      });
      await gateway.confirm({
        intentId: intent.id,
        paymentMethod: { type: "payment_method", id: "pm_card_visa" },
        idempotencyKey: "pay_123:1",
      });
      const [create, confirm] = standIn.requests;
      expect(create).toMatchObject({
        method: "POST",
        path: "/v1/payment_intents",
        idempotencyKey: "pay_123:intent",
        authorization: "Bearer sk_test_standin",
        body: {
          amount: "1999",
          currency: "jpy",
          metadata: { payment_id: "pay_123", order_id: "ord_9" },
          automatic_payment_methods: { enabled: "true", allow_redirects: "never" },
        },
      });
      expect(confirm).toMatchObject({
        path: `/v1/payment_intents/${intent.id}/confirm`,
        idempotencyKey: "pay_123:1",
        body: { payment_method: "pm_card_visa" },
      });
    } finally {
      await standIn.close();
    }
  });

  it("refuses raw card numbers: with Stripe, card data never reaches our server", async () => {
    const { standIn, gateway } = await stripeAgainstStandIn();
    try {
      const error = await gateway
        .confirm({
          intentId: "pi_x",
          paymentMethod: {
            type: "test_card",
            number: "4242424242424242",
            expMonth: 1,
            expYear: 2099,
            cvc: "123",
          },
          idempotencyKey: "k",
        })
        .catch((e: unknown) => e);
      expect((error as GatewayError).code).toBe("card_data_refused");
      expect(standIn.requests).toHaveLength(0);
    } finally {
      await standIn.close();
    }
  });

  it("turns a request that hangs past the timeout into an unknown outcome", async () => {
    const { standIn, gateway } = await stripeAgainstStandIn(200);
    try {
      standIn.faults.push({ kind: "hang" });
      const error = await gateway.retrieve("pi_any").catch((e: unknown) => e);
      expect(error).toBeInstanceOf(GatewayError);
      expect((error as GatewayError).kind).toBe("unknown");
    } finally {
      await standIn.close();
    }
  });
});
