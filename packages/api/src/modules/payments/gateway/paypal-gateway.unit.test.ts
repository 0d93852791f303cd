import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { describePaymentGatewayContract } from "./payment-gateway.contract.ts";
import { GatewayError, WebhookSignatureError } from "./payment-gateway.ts";
import { PayPalGateway } from "./paypal-gateway.ts";
import { minorUnits, paypalSignature, paypalValue } from "./paypal-shapes.ts";
import { SimulatedPayPal } from "./simulated-paypal.ts";

async function paypalAgainstStandIn(timeoutMs = 2_000) {
  const standIn = await new SimulatedPayPal().start();
  const gateway = new PayPalGateway({
    clientId: standIn.clientId,
    clientSecret: standIn.clientSecret,
    apiBase: standIn.baseUrl,
    webhookId: standIn.webhookId,
    returnUrl: "http://shop.test/checkout/paypal/return",
    cancelUrl: "http://shop.test/checkout/paypal/cancel",
    timeoutMs,
  });
  return { standIn, gateway };
}

const method = (id: string) => ({ type: "payment_method" as const, id });

/** A PayPal order for a new payment of ours. */
const anOrder = (gateway: PayPalGateway, amount: number, currency: string) =>
  gateway.createIntent({
    amount,
    currency,
    idempotencyKey: randomUUID(),
    metadata: { payment_id: randomUUID(), order_id: "o" },
  });

describePaymentGatewayContract(
  "paypal (Orders v2 against the local stand-in)",
  async () => {
    const { standIn, gateway } = await paypalAgainstStandIn();
    let seen = 0;
    return {
      gateway,
      methods: {
        succeeds: method("paypal"),
        declined: method("paypal:declined"),
        insufficientFunds: method("paypal:declined"),
        requires3ds: method("paypal:not-yet-approved"),
      },
      buyerChooses: async (orderId, m) => {
        if (m.type === "payment_method" && m.id !== "paypal:not-yet-approved")
          standIn.approve(orderId, m.id === "paypal:declined" ? "declined" : "ok");
      },
      // The buyer approves at PayPal and comes back; our return handler captures.
      completeAction: async (orderId, approve) => {
        if (!approve) return;
        standIn.approve(orderId);
        await gateway.confirm({
          intentId: orderId,
          paymentMethod: method("paypal"),
          idempotencyKey: randomUUID(),
        });
      },
      paidCard: null,
      loseNextConfirmResponse: () => standIn.faults.push({ path: /\/capture$/, kind: "lost_response" }),
      failNextConfirmTransiently: () => standIn.faults.push({ path: /\/capture$/, kind: "500" }),
      chargesFor: (orderId) => standIn.capturesFor(orderId),
      takeSignedEvents: () => {
        const events = standIn.deliveriesSince(seen);
        seen = standIn.deliveries.length;
        return events.map((e) => ({
          type: e.type,
          rawBody: e.rawBody,
          signature: paypalSignature(e.headers)!,
        }));
      },
      webhookSecret: standIn.webhookId,
      forgedSignature: (body) =>
        paypalSignature({ ...standIn.signedHeaders(body), "paypal-transmission-sig": "Zm9yZ2Vk" })!,
      staleSignature: (body) =>
        paypalSignature(standIn.signedHeaders(body, new Date(Date.now() - 3_600_000).toISOString()))!,
      close: () => standIn.close(),
    };
  },
  { flow: "redirect" },
);

describe("paypal amounts", () => {
  it("writes minor units as PayPal's decimal strings, yen without decimals, and reads them back exactly", () => {
    expect(paypalValue(2599, "USD")).toBe("25.99");
    expect(paypalValue(5, "EUR")).toBe("0.05");
    expect(paypalValue(1999, "JPY")).toBe("1999");
    expect(minorUnits("25.99", "USD")).toBe(2599);
    expect(minorUnits("1999", "JPY")).toBe(1999);
    expect(() => minorUnits("19.99", "JPY")).toThrow();
    expect(() => minorUnits("19.9", "USD")).toThrow();
  });
});

describe("paypal adapter on the wire", () => {
  it("creates the order with a token, PayPal-Request-Id, CAPTURE intent, the amount as PayPal writes it and our return URLs", async () => {
    const { standIn, gateway } = await paypalAgainstStandIn();
    try {
      const intent = await gateway.createIntent({
        amount: 1999,
        currency: "JPY",
        idempotencyKey: "pay_1:intent",
        metadata: { payment_id: "pay_1", order_id: "ord_1" },
        returnUrl: "http://shop.test/r?order=ord_1",
        cancelUrl: "http://shop.test/c?order=ord_1",
      });
      expect(intent).toMatchObject({ amount: 1999, currency: "JPY", status: "requires_payment_method" });
      const [token, create] = standIn.requests;
      expect(token).toMatchObject({ path: "/v1/oauth2/token", body: { grant_type: "client_credentials" } });
      expect(token!.authorization).toMatch(/^Basic /);
      expect(create).toMatchObject({
        method: "POST",
        path: "/v2/checkout/orders",
        requestId: "pay_1:intent",
        body: {
          intent: "CAPTURE",
          purchase_units: [
            { reference_id: "pay_1", custom_id: "ord_1", amount: { currency_code: "JPY", value: "1999" } },
          ],
          payment_source: {
            paypal: {
              experience_context: {
                return_url: "http://shop.test/r?order=ord_1",
                cancel_url: "http://shop.test/c?order=ord_1",
              },
            },
          },
        },
      });
      expect(create!.authorization).toMatch(/^Bearer A21AA/);

      // Before approval the buyer is sent to PayPal's page; after it, the capture carries the attempt's key.
      const waiting = await gateway.confirm({
        intentId: intent.id,
        paymentMethod: method("paypal"),
        idempotencyKey: "pay_1:1",
      });
      expect(waiting.status).toBe("requires_action");
      expect(waiting.nextAction).toEqual({
        type: "redirect_to_url",
        url: `${standIn.baseUrl}/checkoutnow?token=${intent.id}`,
      });
      standIn.approve(intent.id);
      expect((await gateway.retrieve(intent.id)).status).toBe("requires_confirmation");
      const paid = await gateway.confirm({
        intentId: intent.id,
        paymentMethod: method("paypal"),
        idempotencyKey: "pay_1:1",
      });
      expect(paid.status).toBe("succeeded");
      const capture = standIn.requests.find((r) => r.path.endsWith("/capture"));
      expect(capture).toMatchObject({ method: "POST", requestId: "pay_1:1" });
      // Every POST carried a request id; one token served every call.
      const posts = standIn.requests.filter((r) => r.method === "POST" && r.path !== "/v1/oauth2/token");
      expect(posts.every((r) => r.requestId)).toBe(true);
      expect(standIn.tokensIssued).toBe(1);
    } finally {
      await standIn.close();
    }
  });

  it("fetches a new token when the cached one expires, and once more when PayPal refuses one", async () => {
    const { standIn, gateway } = await paypalAgainstStandIn();
    try {
      standIn.tokenTtlSeconds = 1;
      const intent = await anOrder(gateway, 500, "USD");
      expect(standIn.tokensIssued).toBe(1);
      // Kept for half its life, then renewed before use.
      await gateway.retrieve(intent.id);
      expect(standIn.tokensIssued).toBe(1);
      await new Promise((resolve) => setTimeout(resolve, 600));
      await gateway.retrieve(intent.id);
      expect(standIn.tokensIssued).toBe(2);
      standIn.revokeTokens();
      expect((await gateway.retrieve(intent.id)).id).toBe(intent.id);
      expect(standIn.tokensIssued).toBe(3);
    } finally {
      await standIn.close();
    }
  });

  it("answers PayPal's INSTRUMENT_DECLINED as a decline, and sends the buyer back to choose again", async () => {
    const { standIn, gateway } = await paypalAgainstStandIn();
    try {
      const intent = await anOrder(gateway, 2500, "EUR");
      standIn.approve(intent.id, "declined");
      const declined = await gateway.confirm({
        intentId: intent.id,
        paymentMethod: method("paypal"),
        idempotencyKey: randomUUID(),
      });
      expect(declined.status).toBe("requires_payment_method");
      expect(declined.lastError).toMatchObject({ code: "instrument_declined" });
      expect(standIn.capturesFor(intent.id)).toBe(0);
      const again = await gateway.confirm({
        intentId: intent.id,
        paymentMethod: method("paypal"),
        idempotencyKey: randomUUID(),
      });
      expect(again.status).toBe("requires_action");
      standIn.approve(intent.id);
      const paid = await gateway.confirm({
        intentId: intent.id,
        paymentMethod: method("paypal"),
        idempotencyKey: randomUUID(),
      });
      expect(paid).toMatchObject({ status: "succeeded", amount: 2500, currency: "EUR" });
      expect(standIn.capturesFor(intent.id)).toBe(1);
    } finally {
      await standIn.close();
    }
  });

  it("captures exactly once when many confirms race with different keys", async () => {
    const { standIn, gateway } = await paypalAgainstStandIn();
    try {
      const intent = await anOrder(gateway, 1200, "USD");
      standIn.approve(intent.id);
      const results = await Promise.allSettled(
        Array.from({ length: 20 }, () =>
          gateway.confirm({
            intentId: intent.id,
            paymentMethod: method("paypal"),
            idempotencyKey: randomUUID(),
          }),
        ),
      );
      const ok = results.filter((r) => r.status === "fulfilled");
      expect(ok.length).toBeGreaterThanOrEqual(1);
      for (const r of results)
        if (r.status === "rejected")
          expect(r.reason).toMatchObject({ kind: "invalid", code: "order_already_captured" });
      expect(standIn.capturesFor(intent.id)).toBe(1);
    } finally {
      await standIn.close();
    }
  });

  it("refuses a delivery for another webhook id, and verifies by sending PayPal the event byte for byte", async () => {
    const { standIn, gateway } = await paypalAgainstStandIn();
    try {
      const body = JSON.stringify({
        id: "WH-1",
        event_type: "PAYMENT.CAPTURE.COMPLETED",
        resource: { id: "C1" },
      });
      const headers = standIn.signedHeaders(body);
      const other = new PayPalGateway({
        clientId: standIn.clientId,
        clientSecret: standIn.clientSecret,
        apiBase: standIn.baseUrl,
        webhookId: "WH-SOMEONE-ELSE",
        returnUrl: "http://shop.test/r",
        cancelUrl: "http://shop.test/c",
      });
      await expect(other.parseWebhook(body, paypalSignature(headers))).rejects.toThrow(WebhookSignatureError);
      // Signed and verified, but the capture names no order: unreadable, not forged.
      await expect(gateway.parseWebhook(body, paypalSignature(headers))).rejects.toMatchObject({
        name: "WebhookPayloadError",
      });
      const verify = standIn.requests.filter((r) => r.path === "/v1/notifications/verify-webhook-signature");
      expect(verify.at(-1)?.body).toMatchObject({
        webhook_id: standIn.webhookId,
        transmission_id: headers["paypal-transmission-id"],
        webhook_event: JSON.parse(body),
      });
    } finally {
      await standIn.close();
    }
  });

  it("turns a hanging request into an unknown outcome and an unknown order into resource_missing", async () => {
    const { standIn, gateway } = await paypalAgainstStandIn(300);
    try {
      await anOrder(gateway, 100, "USD");
      standIn.faults.push({ kind: "hang" });
      const hung = await gateway.retrieve("ANY").catch((e: unknown) => e);
      expect(hung).toBeInstanceOf(GatewayError);
      expect((hung as GatewayError).kind).toBe("unknown");
      const missing = await gateway.retrieve("NOPE").catch((e: unknown) => e);
      expect(missing).toMatchObject({ kind: "invalid", code: "resource_missing" });
    } finally {
      await standIn.close();
    }
  });
});
