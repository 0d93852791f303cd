import { createHash, randomBytes } from "node:crypto";
import {
  type ConfirmInput,
  type CreateIntentInput,
  GatewayError,
  type GatewayEvent,
  type GatewayIntent,
  type GatewayRefund,
  type IntentStatus,
  type PaymentGateway,
  type RefundInput,
  TEST_CARDS,
} from "./payment-gateway.ts";
import { signStripePayload, verifyStripeEvent } from "./stripe-shapes.ts";

/**
 * The embedded default: an in-process gateway that behaves like Stripe's test mode — PaymentIntents that
 * succeed at most once, idempotency keys that replay the first answer, Stripe's test card numbers, and
 * webhooks in Stripe's shape signed with Stripe's scheme (so they go through the same handler as
 * Stripe's). It keeps brand and last four only: the full number is read once to decide the outcome
 * and never stored or logged.
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
}

export interface SimulatedCharge {
  intentId: string;
  amount: number;
  currency: string;
  idempotencyKey: string;
  at: Date;
}

export interface SignedEvent {
  type: string;
  rawBody: string;
  signature: string;
}

export type WebhookSink = (rawBody: string, signature: string) => Promise<unknown>;

interface IntentState {
  id: string;
  status: IntentStatus;
  amount: number;
  currency: string;
  clientSecret: string;
  metadata: Record<string, string>;
  lastError: GatewayIntent["lastError"];
  card: GatewayIntent["card"];
  nextAction: GatewayIntent["nextAction"];
  chargeId: string | null;
  amountRefunded: number;
  refundIds: string[];
  /** The card waiting for 3-D Secure: brand/last4 only. */
  pendingCard: { brand: string; last4: string } | null;
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: GatewayError };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const id = (prefix: string) => `${prefix}_sim_${randomBytes(12).toString("hex")}`;

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

  private readonly intents = new Map<string, IntentState>();
  private readonly idempotency = new Map<string, { fingerprint: string; outcome: Outcome }>();
  private readonly inFlight = new Set<string>();
  private readonly queued: SignedEvent[] = [];
  private readonly delivery: "auto" | "manual";
  private readonly webhookDelayMs: number;
  private readonly random: () => number;
  private sink: WebhookSink | undefined;

  constructor(options: SimulatedGatewayOptions = {}) {
    this.latencyMs = options.latencyMs ?? 0;
    this.timeoutMs = options.timeoutMs;
    this.transientFailureRate = options.transientFailureRate ?? 0;
    this.faults = [...(options.faults ?? [])];
    this.webhookSecret = options.webhookSecret ?? `whsec_sim_${randomBytes(24).toString("hex")}`;
    this.delivery = options.webhookDelivery ?? "auto";
    this.webhookDelayMs = options.webhookDelayMs ?? 20;
    this.random = options.random ?? Math.random;
  }

  /** Where `auto` delivery sends the signed events: the same handler as POST /webhooks/stripe. */
  onEvent(sink: WebhookSink): void {
    this.sink = sink;
  }

  /** The events queued in `manual` delivery mode, oldest first; the queue is emptied. */
  takeEvents(): SignedEvent[] {
    return this.queued.splice(0);
  }

  chargesFor(intentId: string): SimulatedCharge[] {
    return this.charges.filter((c) => c.intentId === intentId);
  }

  parseWebhook(rawBody: Buffer | string, signature: string | undefined): GatewayEvent {
    return verifyStripeEvent(rawBody, signature, this.webhookSecret);
  }

  createIntent(input: CreateIntentInput): Promise<GatewayIntent> {
    return this.call("create", input.idempotencyKey, null, input, () => {
      const state: IntentState = {
        id: id("pi"),
        status: "requires_payment_method",
        amount: input.amount,
        currency: input.currency.toUpperCase(),
        clientSecret: "",
        metadata: { ...input.metadata },
        lastError: null,
        card: null,
        nextAction: null,
        chargeId: null,
        amountRefunded: 0,
        refundIds: [],
        pendingCard: null,
      };
      state.clientSecret = `${state.id}_secret_${randomBytes(8).toString("hex")}`;
      this.intents.set(state.id, state);
      return this.view(state);
    });
  }

  updateAmount(intentId: string, amount: number, idempotencyKey: string): Promise<GatewayIntent> {
    return this.call("update", idempotencyKey, intentId, { intentId, amount }, () => {
      const state = this.get(intentId);
      if (state.status === "succeeded" || state.status === "processing" || state.status === "canceled") {
        throw unexpectedState(state);
      }
      state.amount = amount;
      return this.view(state);
    });
  }

  confirm(input: ConfirmInput): Promise<GatewayIntent> {
    // The fingerprint holds a hash of the card, never the number, so a replay with another card is refused as Stripe does.
    const pm =
      input.paymentMethod.type === "test_card"
        ? { card: createHash("sha256").update(input.paymentMethod.number).digest("hex") }
        : { pm: input.paymentMethod.id };
    return this.call(
      "confirm",
      input.idempotencyKey,
      input.intentId,
      { intentId: input.intentId, pm },
      () => {
        const state = this.get(input.intentId);
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
          this.emit("payment_intent.payment_failed", this.stripeIntent(state));
        }
        return this.view(state);
      },
    );
  }

  /** The customer's side of 3-D Secure: approve (the intent succeeds) or fail the challenge. */
  async completeAction(intentId: string, approve: boolean): Promise<GatewayIntent> {
    await sleep(this.latencyMs);
    const state = this.get(intentId);
    if (state.status !== "requires_action") return this.view(state);
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
      this.emit("payment_intent.payment_failed", this.stripeIntent(state));
    }
    return this.view(state);
  }

  retrieve(intentId: string): Promise<GatewayIntent> {
    return this.call("retrieve", null, intentId, null, () => this.view(this.get(intentId)));
  }

  cancel(intentId: string, idempotencyKey: string): Promise<GatewayIntent> {
    return this.call("cancel", idempotencyKey, intentId, { intentId }, () => {
      const state = this.get(intentId);
      if (state.status === "canceled") return this.view(state);
      if (state.status === "succeeded" || state.status === "processing") throw unexpectedState(state);
      state.status = "canceled";
      state.nextAction = null;
      state.pendingCard = null;
      return this.view(state);
    });
  }

  refund(input: RefundInput): Promise<GatewayRefund> {
    return this.call("refund", input.idempotencyKey, input.intentId, input, () => {
      const state = this.get(input.intentId);
      if (state.status !== "succeeded") throw unexpectedState(state);
      if (input.amount <= 0 || input.amount > state.amount - state.amountRefunded) {
        throw new GatewayError(
          "invalid",
          `Refund amount ${input.amount} is greater than the unrefunded ${state.amount - state.amountRefunded}.`,
          "amount_too_large",
        );
      }
      const refund: GatewayRefund = {
        id: id("re"),
        intentId: state.id,
        amount: input.amount,
        status: "succeeded",
      };
      state.amountRefunded += input.amount;
      state.refundIds.push(refund.id);
      this.emit("charge.refunded", this.stripeCharge(state));
      return refund;
    });
  }

  private succeed(state: IntentState, key: string) {
    // The one rule that makes double charges impossible: an intent is charged at most once.
    if (state.status === "succeeded") throw unexpectedState(state);
    state.status = "succeeded";
    state.lastError = null;
    state.nextAction = null;
    state.card = state.pendingCard ?? state.card;
    state.pendingCard = null;
    state.chargeId = id("ch");
    this.charges.push({
      intentId: state.id,
      amount: state.amount,
      currency: state.currency,
      idempotencyKey: key,
      at: new Date(),
    });
    this.emit("payment_intent.succeeded", this.stripeIntent(state));
  }

  /** Latency, faults and idempotency around one operation, as a client of Stripe would experience them. */
  private async call<T>(
    op: NonNullable<SimulatedFault["op"]>,
    key: string | null,
    intentId: string | null,
    params: unknown,
    execute: () => T,
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
      return this.executeIdempotent(key, op, params, execute);
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

  private executeIdempotent<T>(key: string | null, op: string, params: unknown, execute: () => T): T {
    if (key === null) return execute();
    const scoped = `${op}:${key}`;
    const fingerprint = JSON.stringify(params);
    const cached = this.idempotency.get(scoped);
    if (cached) {
      if (cached.fingerprint !== fingerprint) {
        throw new GatewayError(
          "invalid",
          "Keys for idempotent requests can only be used with the same parameters they were first used with.",
          "idempotency_error",
        );
      }
      if (cached.outcome.ok) return structuredClone(cached.outcome.value) as T;
      throw cached.outcome.error;
    }
    if (this.inFlight.has(scoped)) {
      throw new GatewayError(
        "transient",
        "Another request with this idempotency key is in progress (409).",
        "idempotency_key_in_use",
      );
    }
    this.inFlight.add(scoped);
    try {
      const value = execute();
      this.idempotency.set(scoped, { fingerprint, outcome: { ok: true, value: structuredClone(value) } });
      return value;
    } catch (error) {
      if (error instanceof GatewayError && error.kind === "invalid") {
        this.idempotency.set(scoped, { fingerprint, outcome: { ok: false, error } });
      }
      throw error;
    } finally {
      this.inFlight.delete(scoped);
    }
  }

  private get(intentId: string): IntentState {
    const state = this.intents.get(intentId);
    if (!state)
      throw new GatewayError("invalid", `No such payment_intent: '${intentId}'`, "resource_missing");
    return state;
  }

  private view(state: IntentState): GatewayIntent {
    return {
      id: state.id,
      status: state.status,
      amount: state.amount,
      currency: state.currency,
      clientSecret: state.clientSecret,
      nextAction: state.nextAction ? { ...state.nextAction } : null,
      lastError: state.lastError ? { ...state.lastError } : null,
      card: state.card ? { ...state.card } : null,
      amountRefunded: state.amountRefunded,
      metadata: { ...state.metadata },
    };
  }

  private stripeCharge(state: IntentState) {
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

  private stripeIntent(state: IntentState) {
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
      latest_charge: state.chargeId ? this.stripeCharge(state) : null,
      payment_method: state.card
        ? {
            id: "pm_sim",
            object: "payment_method",
            card: { brand: state.card.brand, last4: state.card.last4 },
          }
        : null,
    };
  }

  private emit(type: string, object: unknown) {
    const payload = JSON.stringify({
      id: id("evt"),
      object: "event",
      api_version: "2025-08-27.basil",
      created: Math.floor(Date.now() / 1000),
      livemode: false,
      type,
      data: { object },
    });
    const event: SignedEvent = {
      type,
      rawBody: payload,
      signature: signStripePayload(payload, this.webhookSecret),
    };
    if (this.delivery === "manual" || !this.sink) {
      this.queued.push(event);
      return;
    }
    const sink = this.sink;
    const deliver = async (tries: number): Promise<void> => {
      await sleep(this.webhookDelayMs);
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

function unexpectedState(state: IntentState): GatewayError {
  return new GatewayError(
    "invalid",
    `This PaymentIntent's status is ${state.status}, which does not allow this operation.`,
    "payment_intent_unexpected_state",
  );
}

type CardRead =
  | { outcome: "succeeds"; view: { brand: string; last4: string } }
  | { outcome: "requires_action"; view: { brand: string; last4: string } }
  | {
      outcome: "declined";
      view: { brand: string; last4: string } | null;
      decline: NonNullable<GatewayIntent["lastError"]>;
    };

const OTHER_SUCCEEDING_TEST_CARDS = new Set([
  "4000056655665556", // Visa debit
  "5555555555554444", // Mastercard
  "5200828282828210", // Mastercard debit
  "378282246310005", // American Express
]);

function brandOf(number: string): string {
  if (number.startsWith("4")) return "visa";
  if (/^(5[1-5]|2[2-7])/.test(number)) return "mastercard";
  if (/^3[47]/.test(number)) return "amex";
  if (/^6(011|5)/.test(number)) return "discover";
  return "unknown";
}

function luhn(number: string): boolean {
  let sum = 0;
  for (let i = 0; i < number.length; i++) {
    let d = Number(number[number.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

const decline = (code: string, declineCode: string | null, message: string) => ({
  code,
  declineCode,
  message,
});

/** Decides a test card's outcome; only brand and last four leave this function. */
function readCard(method: ConfirmInput["paymentMethod"]): CardRead {
  if (method.type === "payment_method") {
    // Stripe's test PaymentMethod ids, for clients that tokenize even against the simulation.
    const map: Record<string, string> = {
      pm_card_visa: TEST_CARDS.succeeds,
      pm_card_chargeDeclined: TEST_CARDS.declined,
      pm_card_visa_chargeDeclinedInsufficientFunds: TEST_CARDS.insufficientFunds,
      pm_card_authenticationRequired: TEST_CARDS.requires3ds,
    };
    const number = map[method.id];
    if (!number) {
      return {
        outcome: "declined",
        view: null,
        decline: decline("resource_missing", null, "That payment method could not be found."),
      };
    }
    return readCard({ type: "test_card", number, expMonth: 12, expYear: 2099, cvc: "123" });
  }
  const number = method.number.replace(/[\s-]/g, "");
  const view = { brand: brandOf(number), last4: number.slice(-4) };
  if (!/^\d{12,19}$/.test(number) || !luhn(number)) {
    return {
      outcome: "declined",
      view: null,
      decline: decline("incorrect_number", null, "Your card number is incorrect."),
    };
  }
  const now = new Date();
  const expired =
    method.expYear < now.getUTCFullYear() ||
    (method.expYear === now.getUTCFullYear() && method.expMonth < now.getUTCMonth() + 1);
  if (expired)
    return {
      outcome: "declined",
      view,
      decline: decline("expired_card", "expired_card", "Your card has expired."),
    };
  if (!/^\d{3,4}$/.test(method.cvc)) {
    return {
      outcome: "declined",
      view,
      decline: decline("incorrect_cvc", "incorrect_cvc", "Your card's security code is incorrect."),
    };
  }
  switch (number) {
    case TEST_CARDS.succeeds:
      return { outcome: "succeeds", view };
    case TEST_CARDS.declined:
      return {
        outcome: "declined",
        view,
        decline: decline("card_declined", "generic_decline", "Your card was declined."),
      };
    case TEST_CARDS.insufficientFunds:
      return {
        outcome: "declined",
        view,
        decline: decline("card_declined", "insufficient_funds", "Your card has insufficient funds."),
      };
    case TEST_CARDS.requires3ds:
      return { outcome: "requires_action", view };
    default:
      if (OTHER_SUCCEEDING_TEST_CARDS.has(number)) return { outcome: "succeeds", view };
      return {
        outcome: "declined",
        view,
        decline: decline(
          "card_declined",
          "test_mode_live_card",
          "Your card was declined. Only test cards work in test mode (for example 4242 4242 4242 4242).",
        ),
      };
  }
}
