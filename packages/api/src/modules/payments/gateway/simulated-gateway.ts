import { createHash, randomBytes } from "node:crypto";
import {
  type ConfirmInput,
  type CreateIntentInput,
  GatewayError,
  type GatewayEvent,
  type GatewayIntent,
  type GatewayRefund,
  type PaymentGateway,
  type RefundInput,
} from "./payment-gateway.ts";
import { readCard } from "./simulated-cards.ts";
import { type IdempotencyAnswers, SimulatedIdempotency } from "./simulated-idempotency.ts";
import {
  type IntentState,
  type IntentStore,
  intentView,
  MemoryIntentStore,
  newIntent,
  simulatedId,
  unexpectedState,
} from "./simulated-intents.ts";
import { type SignedEvent, SimulatedWebhooks, type WebhookSink } from "./simulated-webhooks.ts";
import { verifyStripeEvent } from "./stripe-shapes.ts";

export type { SignedEvent, WebhookSink } from "./simulated-webhooks.ts";

/**
 * The embedded default: an in-process gateway that behaves like Stripe's test mode — PaymentIntents that
 * succeed at most once (simulated-intents.ts), idempotency keys that replay the first answer
 * (simulated-idempotency.ts), Stripe's test card numbers (simulated-cards.ts), and webhooks in Stripe's
 * shape signed with Stripe's scheme (simulated-webhooks.ts, so they go through the same handler as
 * Stripe's). It keeps brand and last four only: the full number is read once to decide the outcome
 * and never stored or logged. Being a simulation, it also lets its user script faults and inspect the
 * charges it made (`faults`, `charges`, `calls`, `takeEvents`).
 */

/** A scripted fault, consumed by the next call of `op` (any operation when omitted). */
export interface SimulatedFault {
  op?: "create" | "update" | "confirm" | "retrieve" | "refund" | "cancel";
  /**
   * - `transient`: a 5xx before anything happened.
   * - `timeout`: the request never got an answer and was not executed.
   * - `lost_response`: the gateway executed it (a charge happened) but the answer never came back.
   */
  kind: "transient" | "timeout" | "lost_response";
}

export interface SimulatedGatewayOptions {
  /** Added to every call. */
  latencyMs?: number;
  /** The client's timeout: a call slower than this completes at the gateway, but the caller gets an unknown outcome. */
  timeoutMs?: number;
  /** Probability (0..1) that a call fails with a transient 5xx before doing anything. */
  transientFailureRate?: number;
  /** Scripted faults, consumed in order. Tests may also push to `gateway.faults` later. */
  faults?: SimulatedFault[];
  /** Secret the simulated webhooks are signed with (Stripe's whsec_ format). Random when omitted. */
  webhookSecret?: string;
  /** `auto` delivers events to the sink shortly after they happen; `manual` queues them for `takeEvents()`. */
  webhookDelivery?: "auto" | "manual";
  webhookDelayMs?: number;
  random?: () => number;
  /**
   * Where the intents and idempotency answers are kept: this object's memory when omitted (a gateway of
   * a test's own), PostgreSQL for the platform's (simulated-store-pg.ts), seen by every API node.
   */
  store?: { intents: IntentStore; answers: IdempotencyAnswers };
}

export interface SimulatedCharge {
  intentId: string;
  amount: number;
  currency: string;
  idempotencyKey: string;
  at: Date;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export class SimulatedGateway implements PaymentGateway {
  readonly name = "simulated" as const;
  readonly testMode = true;
  readonly publishableKey = null;
  readonly webhookSecret: string;
  /** Pending scripted faults; tests push to it. */
  readonly faults: SimulatedFault[];
  /** Every successful charge ever made: what "charged twice" would show up in. */
  readonly charges: SimulatedCharge[] = [];
  /** Every request that reached the gateway (never card numbers). */
  readonly calls: { op: string; idempotencyKey: string | null; intentId: string | null }[] = [];
  latencyMs: number;
  timeoutMs: number | undefined;
  transientFailureRate: number;

  private readonly intents: IntentStore;
  private readonly idempotency: SimulatedIdempotency;
  private readonly webhooks: SimulatedWebhooks;
  private readonly random: () => number;

  constructor(options: SimulatedGatewayOptions = {}) {
    this.latencyMs = options.latencyMs ?? 0;
    this.timeoutMs = options.timeoutMs;
    this.transientFailureRate = options.transientFailureRate ?? 0;
    this.faults = [...(options.faults ?? [])];
    this.webhookSecret = options.webhookSecret ?? `whsec_sim_${randomBytes(24).toString("hex")}`;
    this.webhooks = new SimulatedWebhooks(
      this.webhookSecret,
      options.webhookDelivery ?? "auto",
      options.webhookDelayMs ?? 20,
    );
    this.random = options.random ?? Math.random;
    this.intents = options.store?.intents ?? new MemoryIntentStore();
    this.idempotency = new SimulatedIdempotency(options.store?.answers);
  }

  /** Where `auto` delivery sends the signed events: the same handler as POST /webhooks/stripe. */
  onEvent(sink: WebhookSink): void {
    this.webhooks.onEvent(sink);
  }

  /** The events queued in `manual` delivery mode, oldest first; the queue is emptied. */
  takeEvents(): SignedEvent[] {
    return this.webhooks.take();
  }

  chargesFor(intentId: string): SimulatedCharge[] {
    return this.charges.filter((c) => c.intentId === intentId);
  }

  parseWebhook(rawBody: Buffer | string, signature: string | undefined): GatewayEvent {
    return verifyStripeEvent(rawBody, signature, this.webhookSecret);
  }

  createIntent(input: CreateIntentInput): Promise<GatewayIntent> {
    return this.call("create", input.idempotencyKey, null, input, async () => {
      const state = newIntent(input);
      await this.intents.create(state);
      return intentView(state);
    });
  }

  updateAmount(intentId: string, amount: number, idempotencyKey: string): Promise<GatewayIntent> {
    return this.call("update", idempotencyKey, intentId, { intentId, amount }, () =>
      this.intents.update(intentId, (state) => {
        if (state.status === "succeeded" || state.status === "processing" || state.status === "canceled") {
          throw unexpectedState(state);
        }
        state.amount = amount;
        return intentView(state);
      }),
    );
  }

  confirm(input: ConfirmInput): Promise<GatewayIntent> {
    // The fingerprint holds a hash of the card, never the number, so a replay with another card is refused as Stripe does.
    const pm =
      input.paymentMethod.type === "test_card"
        ? { card: createHash("sha256").update(input.paymentMethod.number).digest("hex") }
        : { pm: input.paymentMethod.id };
    return this.call("confirm", input.idempotencyKey, input.intentId, { intentId: input.intentId, pm }, () =>
      this.intents.update(input.intentId, (state) => {
        if (!["requires_payment_method", "requires_confirmation", "requires_action"].includes(state.status)) {
          throw unexpectedState(state);
        }
        const card = readCard(input.paymentMethod);
        state.card = card.view;
        state.nextAction = null;
        state.pendingCard = null;
        if (card.outcome === "succeeds") {
          this.succeed(state, input.idempotencyKey);
        } else if (card.outcome === "requires_action") {
          state.status = "requires_action";
          state.pendingCard = card.view;
          state.lastError = null;
          state.nextAction = { type: "use_stripe_sdk" };
        } else {
          state.status = "requires_payment_method";
          state.lastError = card.decline;
          this.webhooks.intentEvent("payment_intent.payment_failed", state);
        }
        return intentView(state);
      }),
    );
  }

  /** The customer's side of 3-D Secure: approve (the intent succeeds) or fail the challenge. */
  async completeAction(intentId: string, approve: boolean): Promise<GatewayIntent> {
    await sleep(this.latencyMs);
    return this.intents.update(intentId, (state) => {
      if (state.status !== "requires_action") return intentView(state);
      if (approve) {
        this.succeed(state, `3ds:${intentId}`);
      } else {
        state.status = "requires_payment_method";
        state.nextAction = null;
        state.lastError = {
          code: "payment_intent_authentication_failure",
          declineCode: null,
          message:
            "We are unable to authenticate your payment method. Please choose a different payment method and try again.",
        };
        this.webhooks.intentEvent("payment_intent.payment_failed", state);
      }
      return intentView(state);
    });
  }

  retrieve(intentId: string): Promise<GatewayIntent> {
    return this.call("retrieve", null, intentId, null, async () =>
      intentView(await this.intents.get(intentId)),
    );
  }

  cancel(intentId: string, idempotencyKey: string): Promise<GatewayIntent> {
    return this.call("cancel", idempotencyKey, intentId, { intentId }, () =>
      this.intents.update(intentId, (state) => {
        if (state.status === "canceled") return intentView(state);
        if (state.status === "succeeded" || state.status === "processing") throw unexpectedState(state);
        state.status = "canceled";
        state.nextAction = null;
        state.pendingCard = null;
        return intentView(state);
      }),
    );
  }

  refund(input: RefundInput): Promise<GatewayRefund> {
    return this.call("refund", input.idempotencyKey, input.intentId, input, () =>
      this.intents.update(input.intentId, (state) => {
        if (state.status !== "succeeded") throw unexpectedState(state);
        if (input.amount <= 0 || input.amount > state.amount - state.amountRefunded) {
          throw new GatewayError(
            "invalid",
            `Refund amount ${input.amount} is greater than the unrefunded ${state.amount - state.amountRefunded}.`,
            "amount_too_large",
          );
        }
        const refund: GatewayRefund = {
          id: simulatedId("re"),
          intentId: state.id,
          amount: input.amount,
          status: "succeeded",
        };
        state.amountRefunded += input.amount;
        state.refundIds.push(refund.id);
        this.webhooks.chargeRefunded(state);
        return refund;
      }),
    );
  }

  private succeed(state: IntentState, key: string) {
    // The one rule that makes double charges impossible: an intent is charged at most once.
    if (state.status === "succeeded") throw unexpectedState(state);
    state.status = "succeeded";
    state.lastError = null;
    state.nextAction = null;
    state.card = state.pendingCard ?? state.card;
    state.pendingCard = null;
    state.chargeId = simulatedId("ch");
    this.charges.push({
      intentId: state.id,
      amount: state.amount,
      currency: state.currency,
      idempotencyKey: key,
      at: new Date(),
    });
    this.webhooks.intentEvent("payment_intent.succeeded", state);
  }

  /** Latency, faults and idempotency around one operation, as a client of Stripe would experience them. */
  private async call<T>(
    op: NonNullable<SimulatedFault["op"]>,
    key: string | null,
    intentId: string | null,
    params: unknown,
    execute: () => Promise<T>,
  ): Promise<T> {
    await sleep(0);
    const faultIndex = this.faults.findIndex((f) => f.op === undefined || f.op === op);
    const fault = faultIndex >= 0 ? this.faults.splice(faultIndex, 1)[0] : undefined;
    if (
      fault?.kind === "transient" ||
      (this.transientFailureRate > 0 && this.random() < this.transientFailureRate)
    ) {
      await sleep(this.latencyMs);
      throw new GatewayError("transient", "The payment gateway had a temporary error (503).", "api_error");
    }
    if (fault?.kind === "timeout") {
      await sleep(this.timeoutMs ?? this.latencyMs);
      throw new GatewayError("unknown", "The payment gateway did not answer in time.", "timeout");
    }
    this.calls.push({ op, idempotencyKey: key, intentId });
    const run = async (): Promise<T> => {
      await sleep(this.latencyMs);
      return this.idempotency.run(key, op, params, execute).catch(storeFailure);
    };
    if (fault?.kind === "lost_response") {
      await run().catch(() => undefined);
      throw new GatewayError("unknown", "The connection to the payment gateway was lost.", "connection_lost");
    }
    if (this.timeoutMs !== undefined && this.latencyMs > this.timeoutMs) {
      // The gateway carries on after the client has given up.
      run().catch(() => undefined);
      await sleep(this.timeoutMs);
      throw new GatewayError("unknown", "The payment gateway did not answer in time.", "timeout");
    }
    return run();
  }
}

/**
 * The simulation's own store (PostgreSQL) failing mid-call is, to the caller, a gateway whose answer was
 * lost: the outcome is unknown, so the payment is settled later by asking again (as after a timeout).
 */
function storeFailure(error: unknown): never {
  if (error instanceof GatewayError) throw error;
  throw new GatewayError("unknown", "The payment gateway did not answer.", "store_unavailable", {
    cause: error,
  });
}
