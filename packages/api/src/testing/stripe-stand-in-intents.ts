import { randomBytes } from "node:crypto";
import type { StandInCustomers, TestCard } from "./stripe-stand-in-customers.ts";
import { missing, type Reply } from "./stripe-stand-in-replies.ts";
import type { StandInWebhooks } from "./stripe-stand-in-webhooks.ts";

/**
 * The Stripe stand-in's PaymentIntents and refunds, answered as Stripe's API documents them: create,
 * confirm with one of Stripe's test cards or a saved one (succeeded, declined, or 3-D Secure's
 * `requires_action`), read, update the amount or customer, cancel, and refund in part or in full. Each
 * change Stripe would announce is recorded as an event (stripe-stand-in-webhooks.ts); a succeeded intent
 * with a customer and `setup_future_usage` saves its card on that customer (stripe-stand-in-customers.ts).
 */

export interface StandInIntent {
  id: string;
  amount: number;
  currency: string;
  status: string;
  metadata: Record<string, string>;
  client_secret: string;
  payment_method: string | null;
  last_payment_error: Record<string, unknown> | null;
  next_action: Record<string, unknown> | null;
  latest_charge: string | null;
  amount_refunded: number;
  refunds: string[];
  created: number;
  customer: string | null;
  setup_future_usage: string | null;
}

const CARDS: Record<string, TestCard> = {
  pm_card_visa: { brand: "visa", last4: "4242", outcome: "ok" },
  pm_card_mastercard: { brand: "mastercard", last4: "4444", outcome: "ok" },
  pm_card_chargeDeclined: { brand: "visa", last4: "0002", outcome: "declined" },
  pm_card_visa_chargeDeclinedInsufficientFunds: { brand: "visa", last4: "9995", outcome: "insufficient" },
  pm_card_authenticationRequired: { brand: "visa", last4: "3155", outcome: "3ds" },
  pm_card_threeDSecure2Required: { brand: "visa", last4: "3155", outcome: "3ds" },
};

/** What Stripe.js turns typed test card numbers into (Stripe's own test PaymentMethods). */
const CARD_NUMBERS: Record<string, string> = {
  "4242424242424242": "pm_card_visa",
  "5555555555554444": "pm_card_mastercard",
  "4000000000000002": "pm_card_chargeDeclined",
  "4000000000009995": "pm_card_visa_chargeDeclinedInsufficientFunds",
  "4000002500003155": "pm_card_authenticationRequired",
  "4000000000003220": "pm_card_threeDSecure2Required",
};

export class StandInIntents {
  private readonly intents = new Map<string, StandInIntent>();

  constructor(
    private readonly customers: StandInCustomers,
    private readonly webhooks: StandInWebhooks,
  ) {}

  get(intentId: string) {
    return this.intents.get(intentId);
  }

  /** The customer completing (or failing) 3-D Secure in Stripe.js. */
  completeAction(intentId: string, approve: boolean) {
    const pi = this.intents.get(intentId);
    if (pi?.status !== "requires_action") return;
    pi.next_action = null;
    if (approve) this.charge(pi);
    else {
      pi.status = "requires_payment_method";
      pi.last_payment_error = {
        type: "card_error",
        code: "payment_intent_authentication_failure",
        message: "We are unable to authenticate your payment method.",
      };
      this.webhooks.emit("payment_intent.payment_failed", this.render(pi, []));
    }
  }

  /**
   * What Stripe.js does in the browser with the publishable key: card details in, a PaymentMethod out;
   * read an intent with its client secret; finish a 3-D Secure challenge.
   */
  browserRoute(method: string, path: string, body: Record<string, unknown>): Reply {
    if (method === "POST" && path === "/v1/payment_methods") {
      const card = (body.card ?? {}) as Record<string, unknown>;
      const id = CARD_NUMBERS[String(card.number ?? "").replace(/\D/g, "")];
      if (!id) {
        return {
          status: 402,
          body: {
            error: {
              type: "card_error",
              code: "incorrect_number",
              param: "card[number]",
              message: "Your card number is incorrect.",
            },
          },
        };
      }
      const known = CARDS[id]!;
      return {
        status: 200,
        body: {
          id,
          object: "payment_method",
          type: "card",
          card: { brand: known.brand, last4: known.last4 },
        },
      };
    }
    const one = path.match(/^\/v1\/payment_intents\/(\w+?)(\/stand_in_3ds)?$/);
    const pi = one ? this.intents.get(one[1]!) : undefined;
    if (!one || !pi || body.client_secret !== pi.client_secret) {
      return {
        status: 404,
        body: {
          error: {
            type: "invalid_request_error",
            message: "No such payment_intent (or wrong client secret).",
          },
        },
      };
    }
    if (one[2] && method === "POST") this.completeAction(pi.id, body.outcome === "approve");
    // What a publishable key may see of an intent.
    return {
      status: 200,
      body: {
        id: pi.id,
        object: "payment_intent",
        status: pi.status,
        amount: pi.amount,
        currency: pi.currency,
        client_secret: pi.client_secret,
        next_action: pi.next_action,
        last_payment_error: pi.last_payment_error,
      },
    };
  }

  /** The PaymentIntent and refund routes; undefined when the path is not one of them. */
  route(method: string, path: string, body: Record<string, unknown>): Reply | undefined {
    const expand = Array.isArray(body.expand) ? (body.expand as string[]) : [];
    if (method === "POST" && path === "/v1/payment_intents") return this.createIntent(body);
    const confirm = path.match(/^\/v1\/payment_intents\/(\w+)\/confirm$/);
    if (confirm && method === "POST") return this.confirm(confirm[1]!, body, expand);
    const cancel = path.match(/^\/v1\/payment_intents\/(\w+)\/cancel$/);
    if (cancel && method === "POST") {
      // Stripe: cancelable while requires_payment_method / requires_confirmation / requires_action / requires_capture.
      const pi = this.intents.get(cancel[1]!);
      if (!pi) return missing("payment_intent", cancel[1]!);
      if (["succeeded", "processing", "canceled"].includes(pi.status)) return unexpected(pi);
      pi.status = "canceled";
      pi.next_action = null;
      return { status: 200, body: this.render(pi, expand) };
    }
    const one = path.match(/^\/v1\/payment_intents\/(\w+)$/);
    if (one) {
      const pi = this.intents.get(one[1]!);
      if (!pi) return missing("payment_intent", one[1]!);
      if (method === "GET") return { status: 200, body: this.render(pi, expand) };
      if (method === "POST") {
        if (["succeeded", "processing", "canceled"].includes(pi.status)) return unexpected(pi);
        if (body.amount !== undefined) pi.amount = Number(body.amount);
        if (body.customer !== undefined) {
          if (!this.customers.customers.has(String(body.customer)))
            return missing("customer", String(body.customer));
          pi.customer = String(body.customer);
        }
        return { status: 200, body: this.render(pi, expand) };
      }
    }
    if (method === "POST" && path === "/v1/refunds") return this.refund(body);
    return undefined;
  }

  private createIntent(body: Record<string, unknown>): Reply {
    const amount = Number(body.amount);
    if (!Number.isInteger(amount) || amount < 1) {
      return {
        status: 400,
        body: {
          error: { type: "invalid_request_error", param: "amount", message: "Invalid positive integer" },
        },
      };
    }
    const customer = body.customer === undefined ? null : String(body.customer);
    if (customer !== null && !this.customers.customers.has(customer)) return missing("customer", customer);
    const id = `pi_${randomBytes(12).toString("hex")}`;
    const pi: StandInIntent = {
      id,
      amount,
      currency: String(body.currency),
      status: "requires_payment_method",
      metadata: (body.metadata as Record<string, string>) ?? {},
      client_secret: `${id}_secret_${randomBytes(8).toString("hex")}`,
      payment_method: null,
      last_payment_error: null,
      next_action: null,
      latest_charge: null,
      amount_refunded: 0,
      refunds: [],
      created: Math.floor(Date.now() / 1000),
      customer,
      setup_future_usage: null,
    };
    this.intents.set(id, pi);
    return { status: 200, body: this.render(pi, []) };
  }

  private confirm(id: string, body: Record<string, unknown>, expand: string[]): Reply {
    const pi = this.intents.get(id);
    if (!pi) return missing("payment_intent", id);
    if (!["requires_payment_method", "requires_confirmation", "requires_action"].includes(pi.status))
      return unexpected(pi);
    const pmId = String(body.payment_method ?? "");
    const card = this.card(pmId);
    if (!card) return missing("payment_method", pmId);
    const refused = this.customers.refusal(pmId, pi.customer);
    if (refused) return refused;
    pi.payment_method = pmId;
    if (body.setup_future_usage !== undefined)
      pi.setup_future_usage = String(body.setup_future_usage) || null;
    pi.next_action = null;
    if (card.outcome === "ok") {
      this.charge(pi);
      return { status: 200, body: this.render(pi, expand) };
    }
    if (card.outcome === "3ds") {
      pi.status = "requires_action";
      pi.last_payment_error = null;
      pi.next_action = { type: "use_stripe_sdk", use_stripe_sdk: {} };
      return { status: 200, body: this.render(pi, expand) };
    }
    pi.status = "requires_payment_method";
    pi.last_payment_error =
      card.outcome === "insufficient"
        ? {
            type: "card_error",
            code: "card_declined",
            decline_code: "insufficient_funds",
            message: "Your card has insufficient funds.",
          }
        : {
            type: "card_error",
            code: "card_declined",
            decline_code: "generic_decline",
            message: "Your card was declined.",
          };
    const rendered = this.render(pi, expand);
    this.webhooks.emit("payment_intent.payment_failed", rendered);
    return { status: 402, body: { error: { ...pi.last_payment_error, payment_intent: rendered } } };
  }

  private refund(body: Record<string, unknown>): Reply {
    const pi = this.intents.get(String(body.payment_intent));
    if (!pi) return missing("payment_intent", String(body.payment_intent));
    if (pi.status !== "succeeded") return unexpected(pi);
    const amount = body.amount === undefined ? pi.amount - pi.amount_refunded : Number(body.amount);
    if (amount < 1 || amount > pi.amount - pi.amount_refunded) {
      return {
        status: 400,
        body: {
          error: {
            type: "invalid_request_error",
            code: "amount_too_large",
            message: "Refund amount is greater than unrefunded amount on charge.",
          },
        },
      };
    }
    const refundId = `re_${randomBytes(12).toString("hex")}`;
    pi.amount_refunded += amount;
    pi.refunds.push(refundId);
    this.webhooks.emit("charge.refunded", this.renderCharge(pi));
    return {
      status: 200,
      body: {
        id: refundId,
        object: "refund",
        amount,
        currency: pi.currency,
        payment_intent: pi.id,
        status: "succeeded",
        metadata: body.metadata ?? {},
      },
    };
  }

  private charge(pi: StandInIntent) {
    pi.status = "succeeded";
    pi.last_payment_error = null;
    pi.latest_charge = `ch_${randomBytes(12).toString("hex")}`;
    // Saving: Stripe attaches the card to the intent's customer once the payment has succeeded.
    const card = pi.payment_method ? CARDS[pi.payment_method] : undefined;
    if (card && pi.customer && pi.setup_future_usage) this.customers.save(pi.customer, card);
    this.webhooks.emit("payment_intent.succeeded", this.render(pi, []));
  }

  /** One of Stripe's test PaymentMethods, or a card saved on a customer. */
  private card(pmId: string): TestCard | undefined {
    return CARDS[pmId] ?? this.customers.methods.get(pmId);
  }

  private renderCharge(pi: StandInIntent) {
    const card = pi.payment_method ? this.card(pi.payment_method) : undefined;
    return {
      id: pi.latest_charge,
      object: "charge",
      amount: pi.amount,
      amount_refunded: pi.amount_refunded,
      currency: pi.currency,
      payment_intent: pi.id,
      refunded: pi.amount_refunded >= pi.amount,
      payment_method_details: card ? { type: "card", card: { brand: card.brand, last4: card.last4 } } : null,
      refunds: { object: "list", data: pi.refunds.map((id) => ({ id, object: "refund" })) },
    };
  }

  private render(pi: StandInIntent, expand: string[]) {
    const card = pi.payment_method ? this.card(pi.payment_method) : undefined;
    return {
      id: pi.id,
      object: "payment_intent",
      amount: pi.amount,
      currency: pi.currency,
      status: pi.status,
      metadata: pi.metadata,
      client_secret: pi.client_secret,
      created: pi.created,
      livemode: false,
      customer: pi.customer,
      setup_future_usage: pi.setup_future_usage,
      automatic_payment_methods: { enabled: true, allow_redirects: "never" },
      last_payment_error: pi.last_payment_error,
      next_action: pi.next_action,
      payment_method:
        expand.includes("payment_method") && pi.payment_method && card
          ? {
              id: pi.payment_method,
              object: "payment_method",
              type: "card",
              card: { brand: card.brand, last4: card.last4 },
            }
          : pi.payment_method,
      latest_charge:
        expand.includes("latest_charge") && pi.latest_charge ? this.renderCharge(pi) : pi.latest_charge,
    };
  }
}

function unexpected(pi: StandInIntent): Reply {
  return {
    status: 400,
    body: {
      error: {
        type: "invalid_request_error",
        code: "payment_intent_unexpected_state",
        message: `This PaymentIntent's status is ${pi.status}, which does not allow this operation.`,
      },
    },
  };
}
