/**
 * The payment gateway port. Both adapters (Stripe, and the embedded simulation of Stripe's test mode)
 * speak in PaymentIntents: one intent per payment of ours, created with an idempotency key derived from
 * our payment id, which can succeed at most once. That gateway-side rule is what makes a double charge
 * impossible even when our own bookkeeping races or a process dies mid-call; the service adds one
 * attempt row per confirmation so every try is accounted for.
 */

export type GatewayName = "stripe" | "simulated" | "paypal";

export type IntentStatus =
  | "requires_payment_method"
  | "requires_confirmation"
  | "requires_action"
  | "processing"
  | "succeeded"
  | "canceled";

export interface GatewayDecline {
  /** Stripe's error code (`card_declined`, `expired_card`, `authentication_required`…). */
  code: string;
  /** Stripe's decline code when the issuer gave one (`insufficient_funds`, `generic_decline`…). */
  declineCode: string | null;
  /** A message a customer can read. */
  message: string;
}

export interface GatewayIntent {
  id: string;
  status: IntentStatus;
  amount: number;
  currency: string;
  /** Handed to the client only to complete an action (3-D Secure) or to confirm with Stripe Elements. */
  clientSecret: string | null;
  /** What the client must do next when `status === "requires_action"`. */
  nextAction: { type: string; url?: string } | null;
  /** The decline of the last confirmation, when it failed. */
  lastError: GatewayDecline | null;
  /** Brand and last four digits only, never more. */
  card: { brand: string; last4: string } | null;
  amountRefunded: number;
  metadata: Record<string, string>;
  /** The gateway customer the intent belongs to (a saved card is used, or a new one saved), when there is one. */
  customerId?: string;
}

/** Card data that reaches our server only in simulated mode (a stand-in for Stripe Elements). */
export interface TestCardInput {
  type: "test_card";
  number: string;
  expMonth: number;
  expYear: number;
  cvc: string;
}

export type GatewayPaymentMethod = TestCardInput | { type: "payment_method"; id: string };

export interface CreateIntentInput {
  amount: number;
  currency: string;
  /** Derived from our payment id, so a retried creation returns the same intent. */
  idempotencyKey: string;
  metadata: { payment_id: string; order_id: string; [key: string]: string };
  description?: string;
  /** The gateway customer paying (Stripe only): needed to save the card or to pay with a saved one. */
  customerId?: string;
  /** The buyer chose PayPal: the intent is a PayPal order (routed-gateway.ts), not a card intent. */
  wallet?: "paypal";
  /** Redirect flows (PayPal): where the buyer comes back after approving, or after cancelling, at the gateway. */
  returnUrl?: string;
  cancelUrl?: string;
}

export interface ConfirmInput {
  intentId: string;
  paymentMethod: GatewayPaymentMethod;
  /** One per attempt: `<paymentId>:<attemptNo>`; every retry of that attempt reuses it. */
  idempotencyKey: string;
  returnUrl?: string;
  /** Keep the card on the intent's customer for later payments (Stripe's `setup_future_usage=off_session`). */
  saveCard?: boolean;
}

export interface RefundInput {
  intentId: string;
  amount: number;
  idempotencyKey: string;
  reason?: "requested_by_customer" | "duplicate" | "fraudulent";
  metadata?: Record<string, string>;
}

export interface GatewayRefund {
  id: string;
  intentId: string;
  amount: number;
  status: "pending" | "succeeded" | "failed";
}

/** A card kept at the gateway for a customer: what the customer needs to recognise it, never more. */
export interface SavedCard {
  id: string;
  brand: string;
  last4: string;
  expMonth: number;
  expYear: number;
}

/** The webhook events we act on, in the gateway's own shape reduced to what we need. */
export type GatewayEvent =
  | { id: string; type: "payment_intent.succeeded" | "payment_intent.payment_failed"; intent: GatewayIntent }
  /** The buyer approved at the gateway (PayPal's CHECKOUT.ORDER.APPROVED): only our capture is missing. */
  | { id: string; type: "payment_intent.approved"; intent: GatewayIntent }
  | {
      id: string;
      type: "charge.refunded";
      charge: { intentId: string; amount: number; amountRefunded: number; refundIds: string[] };
    }
  | { id: string; type: "other"; gatewayType: string };

/**
 * Why a gateway call failed when it did not give an answer about the payment:
 * - `transient`: the gateway said so before doing anything (5xx, 429, connection refused); retry with the same key.
 * - `unknown`: the request may have been executed (timeout after it left, response lost); ask the gateway before anything new.
 * - `invalid`: our request was wrong (bad parameters, unexpected state); retrying will not help.
 */
export type GatewayErrorKind = "transient" | "unknown" | "invalid";

export class GatewayError extends Error {
  constructor(
    readonly kind: GatewayErrorKind,
    message: string,
    readonly code: string | null = null,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "GatewayError";
  }
}

export class WebhookSignatureError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "WebhookSignatureError";
  }
}

/**
 * A correctly signed event we cannot read (not JSON, missing fields, a non-numeric amount). Retrying it
 * changes nothing, so it is recorded as ignored and acknowledged; `reason` is for our log only.
 */
export class WebhookPayloadError extends Error {
  constructor(
    readonly reason: string,
    readonly eventId: string | null,
    readonly eventType: string | null,
  ) {
    super(reason);
    this.name = "WebhookPayloadError";
  }
}

/**
 * What the payments module runs on: a card gateway (Stripe or the simulation), which may route PayPal
 * orders to PayPal behind it (routed-gateway.ts). Payment rows keep its name.
 */
export type CardGateway = PaymentGateway & { readonly name: "stripe" | "simulated" };

export interface PaymentGateway {
  readonly name: GatewayName;
  /** True for Stripe test keys and for the simulation. */
  readonly testMode: boolean;
  readonly publishableKey: string | null;
  /** Creates the payment's one intent, or returns it when this key created it before. */
  createIntent(input: CreateIntentInput): Promise<GatewayIntent>;
  /** Changes the amount of an intent that has not succeeded (the order was re-priced before payment). */
  updateAmount(intentId: string, amount: number, idempotencyKey: string): Promise<GatewayIntent>;
  /** Confirms the intent with a payment method. A decline is an answer (status requires_payment_method + lastError), not an error. */
  confirm(input: ConfirmInput): Promise<GatewayIntent>;
  retrieve(intentId: string): Promise<GatewayIntent>;
  /**
   * Cancels an intent that has not succeeded (the customer gave up on 3-D Secure): it can never be
   * charged afterwards. An intent that already succeeded (or is processing) is refused as `invalid`.
   */
  cancel(intentId: string, idempotencyKey: string): Promise<GatewayIntent>;
  refund(input: RefundInput): Promise<GatewayRefund>;
  /** Verifies the signature over the raw body (PayPal: by asking PayPal, so asynchronously) and returns the event; throws WebhookSignatureError when forged or dated outside the tolerance (either way), WebhookPayloadError when signed but unreadable. */
  parseWebhook(rawBody: Buffer | string, signature: string | undefined): GatewayEvent | Promise<GatewayEvent>;

  // Saved cards: only a gateway that keeps customers implements these (Stripe). The simulation does not,
  // so the app offers saved cards only when Stripe is configured.

  /** Creates the gateway customer for one of our users (a retry with the same key returns the same one). */
  createCustomer?(input: { userId: string; idempotencyKey: string }): Promise<{ id: string }>;
  /** Puts an intent that has not succeeded on a customer (a saved card is used, or a new one saved, on a later attempt). */
  setIntentCustomer?(intentId: string, customerId: string, idempotencyKey: string): Promise<GatewayIntent>;
  /** The customer's saved cards, newest first. */
  listSavedCards?(customerId: string): Promise<SavedCard[]>;
  /** Removes a saved card from its customer for good. */
  detachSavedCard?(paymentMethodId: string): Promise<void>;
}

/** Test cards of Stripe's test mode, and the PaymentMethod ids Stripe gives for them. */
export const TEST_CARDS = {
  succeeds: "4242424242424242",
  declined: "4000000000000002",
  insufficientFunds: "4000000000009995",
  requires3ds: "4000002500003155",
} as const;
