import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  GatewayError,
  type GatewayPaymentMethod,
  type PaymentGateway,
  WebhookSignatureError,
} from "./payment-gateway.ts";
import { signStripePayload } from "./stripe-shapes.ts";

/** What the contract needs from an adapter's test setup besides the gateway itself. */
export interface GatewayHarness {
  gateway: PaymentGateway;
  methods: Record<"succeeds" | "declined" | "insufficientFunds" | "requires3ds", GatewayPaymentMethod>;
  /** The customer's side of 3-D Secure. */
  completeAction(intentId: string, approve: boolean): Promise<void>;
  /** The next confirmation is executed by the gateway but its answer never arrives. */
  loseNextConfirmResponse(): void;
  /** The next confirmation fails with a 5xx before doing anything. */
  failNextConfirmTransiently(): void;
  /** Successful charges the gateway made for an intent. */
  chargesFor(intentId: string): number;
  /** Events the gateway emitted since the last call, as signed deliveries. */
  takeSignedEvents(): { type: string; rawBody: string; signature: string }[];
  webhookSecret: string;
  /** A signature for `body` made with a key that is not the gateway's (default: Stripe's scheme). */
  forgedSignature?(body: string): string;
  /** A signature for `body` dated an hour ago (default: Stripe's scheme). */
  staleSignature?(body: string): string;
  /**
   * Redirect flows (PayPal): what the buyer does at the gateway before we confirm with `method` (approve
   * with a working or a refused funding source, or nothing yet, which is the "requires action" case).
   */
  buyerChooses?(intentId: string, method: GatewayPaymentMethod): Promise<void>;
  /** The card a succeeded confirmation reports (PayPal reports none). Default: Visa 4242. */
  paidCard?: { brand: string; last4: string } | null;
  close(): Promise<void>;
}

export interface ContractOptions {
  /**
   * `card` (Stripe, the simulation) or `redirect` (PayPal: the buyer approves on the gateway's page; a
   * decline is the gateway refusing the funding source, tested beside the adapter, not with card codes).
   */
  flow?: "card" | "redirect";
}

/** One behaviour, two adapters: the simulation and Stripe (through the real SDK against the stand-in). */
export function describePaymentGatewayContract(
  name: string,
  setup: () => Promise<GatewayHarness>,
  options: ContractOptions = {},
) {
  const cardFlow = (options.flow ?? "card") === "card";
  describe(`PaymentGateway contract: ${name}`, () => {
    let h: GatewayHarness;
    beforeAll(async () => {
      const harness = await setup();
      // Confirming is, for a redirect flow, what happens after the buyer's choice at the gateway.
      const { gateway, buyerChooses } = harness;
      const confirm = gateway.confirm.bind(gateway);
      if (buyerChooses)
        gateway.confirm = async (input) => {
          await buyerChooses(input.intentId, input.paymentMethod);
          return confirm(input);
        };
      h = harness;
    });
    afterAll(async () => {
      await h?.close();
    });

    const newIntent = (amount = 2599, currency = "USD") => {
      const paymentId = randomUUID();
      return h.gateway.createIntent({
        amount,
        currency,
        idempotencyKey: `${paymentId}:intent`,
        metadata: { payment_id: paymentId, order_id: randomUUID() },
      });
    };

    it("creates one intent per idempotency key, with amount, currency and metadata", async () => {
      const paymentId = randomUUID();
      const input = {
        amount: 1234,
        currency: "EUR",
        idempotencyKey: `${paymentId}:intent`,
        metadata: { payment_id: paymentId, order_id: "o-1" },
      };
      const a = await h.gateway.createIntent(input);
      const b = await h.gateway.createIntent(input);
      expect(b.id).toBe(a.id);
      expect(a).toMatchObject({ amount: 1234, currency: "EUR", status: "requires_payment_method" });
      expect(a.metadata).toMatchObject({ payment_id: paymentId, order_id: "o-1" });
      expect(a.clientSecret).toBeTruthy();
    });

    it("charges a succeeding card once, and a replay of the same key returns the same answer", async () => {
      const intent = await newIntent();
      const key = `${randomUUID()}:1`;
      const first = await h.gateway.confirm({
        intentId: intent.id,
        paymentMethod: h.methods.succeeds,
        idempotencyKey: key,
      });
      expect(first.status).toBe("succeeded");
      expect(first.card).toEqual(h.paidCard === undefined ? { brand: "visa", last4: "4242" } : h.paidCard);
      const replay = await h.gateway.confirm({
        intentId: intent.id,
        paymentMethod: h.methods.succeeds,
        idempotencyKey: key,
      });
      expect(replay.status).toBe("succeeded");
      expect(h.chargesFor(intent.id)).toBe(1);
    });

    it("refuses to confirm an intent that already succeeded, whatever the key", async () => {
      const intent = await newIntent();
      await h.gateway.confirm({
        intentId: intent.id,
        paymentMethod: h.methods.succeeds,
        idempotencyKey: randomUUID(),
      });
      const error = await h.gateway
        .confirm({ intentId: intent.id, paymentMethod: h.methods.succeeds, idempotencyKey: randomUUID() })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(GatewayError);
      expect((error as GatewayError).kind).toBe("invalid");
      expect(h.chargesFor(intent.id)).toBe(1);
    });

    it.skipIf(!cardFlow)(
      "answers a decline with the reason, and accepts another card on the same intent",
      async () => {
        const intent = await newIntent();
        const declined = await h.gateway.confirm({
          intentId: intent.id,
          paymentMethod: h.methods.declined,
          idempotencyKey: randomUUID(),
        });
        expect(declined.status).toBe("requires_payment_method");
        expect(declined.lastError).toMatchObject({ code: "card_declined", declineCode: "generic_decline" });
        const poor = await h.gateway.confirm({
          intentId: intent.id,
          paymentMethod: h.methods.insufficientFunds,
          idempotencyKey: randomUUID(),
        });
        expect(poor.lastError).toMatchObject({ code: "card_declined", declineCode: "insufficient_funds" });
        expect(poor.lastError?.message).toMatch(/insufficient funds/);
        expect(h.chargesFor(intent.id)).toBe(0);
        const ok = await h.gateway.confirm({
          intentId: intent.id,
          paymentMethod: h.methods.succeeds,
          idempotencyKey: randomUUID(),
        });
        expect(ok.status).toBe("succeeded");
        expect(h.chargesFor(intent.id)).toBe(1);
      },
    );

    it("surfaces 3-D Secure as requires_action, and succeeds once the customer authenticates", async () => {
      const intent = await newIntent();
      const action = await h.gateway.confirm({
        intentId: intent.id,
        paymentMethod: h.methods.requires3ds,
        idempotencyKey: randomUUID(),
      });
      expect(action.status).toBe("requires_action");
      expect(action.nextAction?.type).toBeTruthy();
      expect(action.clientSecret).toBeTruthy();
      expect(h.chargesFor(intent.id)).toBe(0);
      await h.completeAction(intent.id, true);
      expect((await h.gateway.retrieve(intent.id)).status).toBe("succeeded");
      expect(h.chargesFor(intent.id)).toBe(1);
    });

    it("cancels an intent waiting for 3-D Secure so it can never be charged; a succeeded one cannot be cancelled", async () => {
      const waiting = await newIntent();
      await h.gateway.confirm({
        intentId: waiting.id,
        paymentMethod: h.methods.requires3ds,
        idempotencyKey: randomUUID(),
      });
      const key = randomUUID();
      expect((await h.gateway.cancel(waiting.id, key)).status).toBe("canceled");
      expect((await h.gateway.cancel(waiting.id, key)).status).toBe("canceled");
      expect((await h.gateway.retrieve(waiting.id)).status).toBe("canceled");
      await expect(
        h.gateway.confirm({
          intentId: waiting.id,
          paymentMethod: h.methods.succeeds,
          idempotencyKey: randomUUID(),
        }),
      ).rejects.toMatchObject({ kind: "invalid" });
      expect(h.chargesFor(waiting.id)).toBe(0);

      const paid = await newIntent();
      await h.gateway.confirm({
        intentId: paid.id,
        paymentMethod: h.methods.succeeds,
        idempotencyKey: randomUUID(),
      });
      await expect(h.gateway.cancel(paid.id, randomUUID())).rejects.toMatchObject({ kind: "invalid" });
      expect(h.chargesFor(paid.id)).toBe(1);
    });

    it("when the answer is lost the gateway still knows: retrieve shows the charge, the same key replays it", async () => {
      const intent = await newIntent();
      const key = `${randomUUID()}:1`;
      h.loseNextConfirmResponse();
      const error = await h.gateway
        .confirm({ intentId: intent.id, paymentMethod: h.methods.succeeds, idempotencyKey: key })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(GatewayError);
      expect((error as GatewayError).kind).toBe("unknown");
      expect((await h.gateway.retrieve(intent.id)).status).toBe("succeeded");
      const again = await h.gateway.confirm({
        intentId: intent.id,
        paymentMethod: h.methods.succeeds,
        idempotencyKey: key,
      });
      expect(again.status).toBe("succeeded");
      expect(h.chargesFor(intent.id)).toBe(1);
    });

    it("reports a 5xx as transient; the retry with the same key charges once", async () => {
      const intent = await newIntent();
      const key = `${randomUUID()}:1`;
      h.failNextConfirmTransiently();
      const error = await h.gateway
        .confirm({ intentId: intent.id, paymentMethod: h.methods.succeeds, idempotencyKey: key })
        .catch((e: unknown) => e);
      expect((error as GatewayError).kind).toBe("transient");
      expect(h.chargesFor(intent.id)).toBe(0);
      expect(
        (
          await h.gateway.confirm({
            intentId: intent.id,
            paymentMethod: h.methods.succeeds,
            idempotencyKey: key,
          })
        ).status,
      ).toBe("succeeded");
      expect(h.chargesFor(intent.id)).toBe(1);
    });

    it("refuses a key reused with other parameters (idempotency_error)", async () => {
      const paymentId = randomUUID();
      const input = {
        amount: 1000,
        currency: "USD",
        idempotencyKey: `${paymentId}:intent`,
        metadata: { payment_id: paymentId, order_id: "o" },
      };
      await h.gateway.createIntent(input);
      const error = await h.gateway.createIntent({ ...input, amount: 900 }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(GatewayError);
      expect(error).toMatchObject({ kind: "invalid", code: "idempotency_error" });
    });

    it("changes the amount before payment", async () => {
      const intent = await newIntent(2000);
      const updated = await h.gateway.updateAmount(intent.id, 1500, randomUUID());
      expect(updated.amount).toBe(1500);
    });

    it("refunds partially then fully, idempotently, and never more than was charged", async () => {
      const intent = await newIntent(3000);
      await h.gateway.confirm({
        intentId: intent.id,
        paymentMethod: h.methods.succeeds,
        idempotencyKey: randomUUID(),
      });
      const key = randomUUID();
      const partial = await h.gateway.refund({ intentId: intent.id, amount: 1000, idempotencyKey: key });
      const replay = await h.gateway.refund({ intentId: intent.id, amount: 1000, idempotencyKey: key });
      expect(replay.id).toBe(partial.id);
      expect(partial).toMatchObject({ amount: 1000, status: "succeeded" });
      const over = await h.gateway
        .refund({ intentId: intent.id, amount: 2001, idempotencyKey: randomUUID() })
        .catch((e: unknown) => e);
      expect((over as GatewayError).kind).toBe("invalid");
      await h.gateway.refund({ intentId: intent.id, amount: 2000, idempotencyKey: randomUUID() });
      expect((await h.gateway.retrieve(intent.id)).amountRefunded).toBe(3000);
    });

    it("emits signed events its own webhook parser accepts, and refuses forged or stale ones", async () => {
      h.takeSignedEvents();
      const intent = await newIntent(999);
      await h.gateway.confirm({
        intentId: intent.id,
        paymentMethod: h.methods.succeeds,
        idempotencyKey: randomUUID(),
      });
      await h.gateway.refund({ intentId: intent.id, amount: 999, idempotencyKey: randomUUID() });
      const events = h.takeSignedEvents();
      const parsed = await Promise.all(events.map((e) => h.gateway.parseWebhook(e.rawBody, e.signature)));
      const succeeded = parsed.find((e) => e.type === "payment_intent.succeeded");
      expect(succeeded && "intent" in succeeded ? succeeded.intent.id : null).toBe(intent.id);
      const refunded = parsed.find((e) => e.type === "charge.refunded");
      expect(refunded && "charge" in refunded ? refunded.charge : null).toMatchObject({
        intentId: intent.id,
        amountRefunded: 999,
      });

      const body = events[0]!.rawBody;
      const forged = h.forgedSignature?.(body) ?? signStripePayload(body, "whsec_forged");
      const stale =
        h.staleSignature?.(body) ??
        signStripePayload(body, h.webhookSecret, Math.floor(Date.now() / 1000) - 3600);
      const refused = (raw: string, signature: string | undefined) =>
        expect(Promise.resolve().then(() => h.gateway.parseWebhook(raw, signature))).rejects.toThrow(
          WebhookSignatureError,
        );
      await refused(body, forged);
      await refused(body.replace(/"id":"([^"]+)"/, '"id":"$1x"'), events[0]!.signature);
      await refused(body, stale);
      await refused(body, undefined);
    });
  });
}
