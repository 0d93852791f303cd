import Stripe from "stripe";
import {
  type ConfirmInput,
  type CreateIntentInput,
  GatewayError,
  type GatewayEvent,
  type GatewayIntent,
  type GatewayRefund,
  type PaymentGateway,
  type RefundInput,
  type SavedCard,
} from "./payment-gateway.ts";
import { intentFromStripe, verifyStripeEvent } from "./stripe-shapes.ts";

export interface StripeGatewayOptions {
  secretKey: string;
  webhookSecret: string;
  publishableKey?: string | undefined;
  /** Per-request timeout; a timeout is an unknown outcome the service reconciles. */
  timeoutMs?: number;
  /** Tests point the real SDK at a local stand-in: host, port and protocol. */
  host?: string;
  port?: number;
  protocol?: "http" | "https";
}

const EXPAND = ["payment_method", "latest_charge"];

/**
 * Stripe through its official SDK. The SDK's own retries are off: the service retries with backoff
 * and jitter under the same idempotency key, and reconciles unknown outcomes itself.
 */
export class StripeGateway implements PaymentGateway {
  readonly name = "stripe" as const;
  readonly testMode: boolean;
  readonly publishableKey: string | null;
  readonly stripe: Stripe;
  private readonly webhookSecret: string;

  constructor(options: StripeGatewayOptions) {
    this.testMode = options.secretKey.startsWith("sk_test_");
    this.publishableKey = options.publishableKey ?? null;
    this.webhookSecret = options.webhookSecret;
    this.stripe = new Stripe(options.secretKey, {
      maxNetworkRetries: 0,
      timeout: options.timeoutMs ?? 20_000,
      telemetry: false,
      ...(options.host ? { host: options.host } : {}),
      ...(options.port ? { port: options.port } : {}),
      ...(options.protocol ? { protocol: options.protocol } : {}),
    });
  }

  createIntent(input: CreateIntentInput): Promise<GatewayIntent> {
    return this.wrap(async () =>
      intentFromStripe(
        await this.stripe.paymentIntents.create(
          {
            amount: input.amount,
            currency: input.currency.toLowerCase(),
            metadata: input.metadata,
            // Cards and wallets (Apple Pay, Google Pay are cards underneath) without redirect-based methods,
            // so a server-side confirmation never needs a return_url.
            automatic_payment_methods: { enabled: true, allow_redirects: "never" },
            ...(input.description ? { description: input.description } : {}),
            ...(input.customerId ? { customer: input.customerId } : {}),
          },
          { idempotencyKey: input.idempotencyKey },
        ),
      ),
    );
  }

  updateAmount(intentId: string, amount: number, idempotencyKey: string): Promise<GatewayIntent> {
    return this.wrap(async () =>
      intentFromStripe(await this.stripe.paymentIntents.update(intentId, { amount }, { idempotencyKey })),
    );
  }

  async confirm(input: ConfirmInput): Promise<GatewayIntent> {
    if (input.paymentMethod.type !== "payment_method") {
      throw new GatewayError(
        "invalid",
        "Card numbers never reach this server with Stripe: confirm with a PaymentMethod from Stripe Elements.",
        "card_data_refused",
      );
    }
    const paymentMethod = input.paymentMethod.id;
    return this.wrap(async () => {
      try {
        return intentFromStripe(
          await this.stripe.paymentIntents.confirm(
            input.intentId,
            {
              payment_method: paymentMethod,
              expand: EXPAND,
              ...(input.returnUrl ? { return_url: input.returnUrl } : {}),
              // Stripe attaches the card to the intent's customer once the payment (and any 3-D Secure) succeeds.
              ...(input.saveCard ? { setup_future_usage: "off_session" as const } : {}),
            },
            { idempotencyKey: input.idempotencyKey },
          ),
        );
      } catch (error) {
        // A decline is an answer about the payment: Stripe sends the intent along with the card error.
        if (error instanceof Stripe.errors.StripeCardError) {
          const pi = error.payment_intent;
          if (pi) return intentFromStripe(pi);
          const intent = intentFromStripe(
            await this.stripe.paymentIntents.retrieve(input.intentId, { expand: EXPAND }),
          );
          return {
            ...intent,
            lastError: {
              code: error.code ?? "card_declined",
              declineCode: error.decline_code ?? null,
              message: error.message,
            },
          };
        }
        throw error;
      }
    });
  }

  retrieve(intentId: string): Promise<GatewayIntent> {
    return this.wrap(async () =>
      intentFromStripe(await this.stripe.paymentIntents.retrieve(intentId, { expand: EXPAND })),
    );
  }

  cancel(intentId: string, idempotencyKey: string): Promise<GatewayIntent> {
    return this.wrap(async () =>
      intentFromStripe(
        await this.stripe.paymentIntents.cancel(intentId, { expand: EXPAND }, { idempotencyKey }),
      ),
    );
  }

  refund(input: RefundInput): Promise<GatewayRefund> {
    return this.wrap(async () => {
      const refund = await this.stripe.refunds.create(
        {
          payment_intent: input.intentId,
          amount: input.amount,
          ...(input.reason ? { reason: input.reason } : {}),
          ...(input.metadata ? { metadata: input.metadata } : {}),
        },
        { idempotencyKey: input.idempotencyKey },
      );
      const status =
        refund.status === "succeeded"
          ? "succeeded"
          : refund.status === "failed" || refund.status === "canceled"
            ? "failed"
            : "pending";
      return { id: refund.id, intentId: input.intentId, amount: refund.amount, status };
    });
  }

  parseWebhook(rawBody: Buffer | string, signature: string | undefined): GatewayEvent {
    return verifyStripeEvent(rawBody, signature, this.webhookSecret);
  }

  createCustomer(input: { userId: string; idempotencyKey: string }): Promise<{ id: string }> {
    return this.wrap(async () => {
      // Only our user id: Stripe needs no name or contact to keep cards for us.
      const customer = await this.stripe.customers.create(
        { metadata: { user_id: input.userId } },
        { idempotencyKey: input.idempotencyKey },
      );
      return { id: customer.id };
    });
  }

  setIntentCustomer(intentId: string, customerId: string, idempotencyKey: string): Promise<GatewayIntent> {
    return this.wrap(async () =>
      intentFromStripe(
        await this.stripe.paymentIntents.update(intentId, { customer: customerId }, { idempotencyKey }),
      ),
    );
  }

  listSavedCards(customerId: string): Promise<SavedCard[]> {
    return this.wrap(async () => {
      const list = await this.stripe.customers.listPaymentMethods(customerId, { type: "card", limit: 100 });
      return list.data.flatMap((pm) =>
        pm.card
          ? [
              {
                id: pm.id,
                brand: pm.card.brand,
                last4: pm.card.last4,
                expMonth: pm.card.exp_month,
                expYear: pm.card.exp_year,
              },
            ]
          : [],
      );
    });
  }

  detachSavedCard(paymentMethodId: string): Promise<void> {
    return this.wrap(async () => {
      // A card is detached once and for good, so its id is the key: a retry replays the first answer.
      await this.stripe.paymentMethods.detach(
        paymentMethodId,
        {},
        { idempotencyKey: `${paymentMethodId}:detach` },
      );
    });
  }

  private async wrap<T>(call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      throw toGatewayError(error);
    }
  }
}

function toGatewayError(error: unknown): GatewayError {
  if (error instanceof GatewayError) return error;
  if (error instanceof Stripe.errors.StripeError) {
    const code = error.code ?? null;
    const options = { cause: error };
    // The request may have reached Stripe (timeout, reset): only asking Stripe tells what happened.
    if (error instanceof Stripe.errors.StripeConnectionError) {
      return new GatewayError(
        "unknown",
        "The payment gateway could not be reached or did not answer.",
        code ?? "connection_error",
        options,
      );
    }
    if (error instanceof Stripe.errors.StripeIdempotencyError && error.statusCode !== 409) {
      return new GatewayError("invalid", error.message, "idempotency_error", options);
    }
    if (error instanceof Stripe.errors.StripeRateLimitError || error.statusCode === 409) {
      return new GatewayError("transient", error.message, code ?? "rate_limited", options);
    }
    if (error instanceof Stripe.errors.StripeAPIError || (error.statusCode ?? 0) >= 500) {
      return new GatewayError(
        "transient",
        "The payment gateway had a temporary error.",
        code ?? "api_error",
        options,
      );
    }
    return new GatewayError("invalid", error.message, code, options);
  }
  return new GatewayError("unknown", error instanceof Error ? error.message : String(error), null, {
    cause: error,
  });
}
