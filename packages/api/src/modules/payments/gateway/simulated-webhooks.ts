import type { IntentState } from "./simulated-intents.ts";
import { simulatedId } from "./simulated-intents.ts";
import { signStripePayload, stripeEventBody } from "./stripe-shapes.ts";

/**
 * The simulated gateway's webhook emitter: events in Stripe's shape (the intent and charge objects
 * Stripe sends), signed with Stripe's scheme, delivered to the sink shortly after they happen with a
 * few retries as Stripe does (`auto`), or queued for the caller to take (`manual`).
 */

export interface SignedEvent {
  type: string;
  rawBody: string;
  signature: string;
}

export type WebhookSink = (rawBody: string, signature: string) => Promise<unknown>;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export class SimulatedWebhooks {
  private readonly queued: SignedEvent[] = [];
  private sink: WebhookSink | undefined;

  constructor(
    private readonly secret: string,
    private readonly delivery: "auto" | "manual",
    private readonly delayMs: number,
  ) {}

  /** Where `auto` delivery sends the signed events: the same handler as POST /webhooks/stripe. */
  onEvent(sink: WebhookSink): void {
    this.sink = sink;
  }

  /** The events queued (manual delivery, or no sink yet), oldest first; the queue is emptied. */
  take(): SignedEvent[] {
    return this.queued.splice(0);
  }

  intentEvent(type: "payment_intent.succeeded" | "payment_intent.payment_failed", state: IntentState): void {
    this.emit(type, stripeIntent(state));
  }

  chargeRefunded(state: IntentState): void {
    this.emit("charge.refunded", stripeCharge(state));
  }

  private emit(type: string, object: unknown) {
    const payload = stripeEventBody(simulatedId("evt"), type, object);
    const event: SignedEvent = { type, rawBody: payload, signature: signStripePayload(payload, this.secret) };
    if (this.delivery === "manual" || !this.sink) {
      this.queued.push(event);
      return;
    }
    const sink = this.sink;
    const deliver = async (tries: number): Promise<void> => {
      await sleep(this.delayMs);
      try {
        await sink(event.rawBody, event.signature);
      } catch {
        // Like Stripe, retry a failed delivery a few times (then the sweep reconciles).
        if (tries < 3) await deliver(tries + 1);
      }
    };
    void deliver(0);
  }
}

function stripeCharge(state: IntentState) {
  return {
    id: state.chargeId,
    object: "charge",
    amount: state.amount,
    amount_refunded: state.amountRefunded,
    currency: state.currency.toLowerCase(),
    payment_intent: state.id,
    refunded: state.amountRefunded >= state.amount,
    metadata: state.metadata,
    payment_method_details: state.card
      ? { type: "card", card: { brand: state.card.brand, last4: state.card.last4 } }
      : null,
    refunds: { object: "list", data: state.refundIds.map((r) => ({ id: r, object: "refund" })) },
  };
}

function stripeIntent(state: IntentState) {
  return {
    id: state.id,
    object: "payment_intent",
    amount: state.amount,
    currency: state.currency.toLowerCase(),
    status: state.status,
    client_secret: state.clientSecret,
    metadata: state.metadata,
    next_action: state.nextAction ? { type: state.nextAction.type } : null,
    last_payment_error: state.lastError
      ? {
          code: state.lastError.code,
          decline_code: state.lastError.declineCode,
          message: state.lastError.message,
        }
      : null,
    latest_charge: state.chargeId ? stripeCharge(state) : null,
    payment_method: state.card
      ? {
          id: "pm_sim",
          object: "payment_method",
          card: { brand: state.card.brand, last4: state.card.last4 },
        }
      : null,
  };
}
