import Stripe from "stripe";
import {
  type GatewayEvent,
  type GatewayIntent,
  type IntentStatus,
  WebhookSignatureError,
} from "./payment-gateway.ts";
import { readStripeEvent } from "./stripe-event-schema.ts";

/**
 * Stripe's objects reduced to the port's shapes. The simulated gateway renders its state in Stripe's
 * shape too, so both adapters go through this one mapping and through Stripe's own signature check.
 */

const intentStatuses: readonly IntentStatus[] = [
  "requires_payment_method",
  "requires_confirmation",
  "requires_action",
  "processing",
  "succeeded",
  "canceled",
];

export function intentFromStripe(pi: Stripe.PaymentIntent): GatewayIntent {
  // requires_capture would only appear with manual capture, which we never request.
  const status = intentStatuses.includes(pi.status as IntentStatus)
    ? (pi.status as IntentStatus)
    : "processing";
  const pm = typeof pi.payment_method === "object" ? pi.payment_method : null;
  const charge = typeof pi.latest_charge === "object" ? pi.latest_charge : null;
  const card = pm?.card
    ? { brand: pm.card.brand, last4: pm.card.last4 }
    : charge?.payment_method_details?.card
      ? {
          brand: charge.payment_method_details.card.brand ?? "card",
          last4: charge.payment_method_details.card.last4 ?? "0000",
        }
      : null;
  const err = pi.last_payment_error;
  const next = pi.next_action;
  const customer = typeof pi.customer === "string" ? pi.customer : (pi.customer?.id ?? null);
  return {
    id: pi.id,
    status,
    amount: pi.amount,
    currency: pi.currency.toUpperCase(),
    clientSecret: pi.client_secret,
    nextAction: next
      ? {
          type: next.type,
          ...(next.redirect_to_url?.url ? { url: next.redirect_to_url.url } : {}),
        }
      : null,
    lastError: err
      ? {
          code: err.code ?? "card_declined",
          declineCode: err.decline_code ?? null,
          message: err.message ?? "The card was declined.",
        }
      : null,
    card,
    amountRefunded: charge?.amount_refunded ?? 0,
    metadata: { ...(pi.metadata ?? {}) },
    ...(customer ? { customerId: customer } : {}),
  };
}

export function eventFromStripe(event: Stripe.Event): GatewayEvent {
  switch (event.type) {
    case "payment_intent.succeeded":
    case "payment_intent.payment_failed":
      return { id: event.id, type: event.type, intent: intentFromStripe(event.data.object) };
    case "charge.refunded": {
      const charge = event.data.object;
      const intentId =
        typeof charge.payment_intent === "string" ? charge.payment_intent : charge.payment_intent?.id;
      if (!intentId) return { id: event.id, type: "other", gatewayType: event.type };
      return {
        id: event.id,
        type: "charge.refunded",
        charge: {
          intentId,
          amount: charge.amount,
          amountRefunded: charge.amount_refunded,
          refundIds: (charge.refunds?.data ?? []).map((r) => r.id),
        },
      };
    }
    default:
      return { id: event.id, type: "other", gatewayType: event.type };
  }
}

/** Stripe's tolerance for the signature's timestamp, in seconds, applied in both directions. */
export const WEBHOOK_TOLERANCE_SECONDS = 300;

/**
 * Stripe's signature scheme (HMAC-SHA256 over `timestamp.rawBody`). The SDK only refuses timestamps
 * older than the tolerance; one dated further in the future is refused here too (a signature made
 * ahead of time, or with a wrong clock, is not a fresh delivery). Then the body is read and checked
 * (stripe-event-schema.ts): a signed but unreadable event is a WebhookPayloadError.
 */
export function verifyStripeEvent(
  rawBody: Buffer | string,
  signature: string | undefined,
  secret: string,
): GatewayEvent {
  if (!signature) throw new WebhookSignatureError("Missing Stripe-Signature header.");
  try {
    Stripe.webhooks.signature.verifyHeader(
      Buffer.isBuffer(rawBody) ? rawBody.toString("utf8") : rawBody,
      signature,
      secret,
      WEBHOOK_TOLERANCE_SECONDS,
    );
  } catch (error) {
    throw new WebhookSignatureError(
      error instanceof Error ? error.message : "The webhook signature could not be verified.",
    );
  }
  // The timestamp the signature covers, read exactly as the SDK reads it (the last `t=`, parseInt).
  const timestamp = signature
    .split(",")
    .map((item) => item.split("="))
    .filter((kv) => kv[0] === "t")
    .map((kv) => Number.parseInt(kv[1] ?? "", 10))
    .at(-1);
  if (timestamp === undefined || !Number.isFinite(timestamp)) {
    throw new WebhookSignatureError("Unable to extract the timestamp from the header.");
  }
  if (timestamp - Math.floor(Date.now() / 1000) > WEBHOOK_TOLERANCE_SECONDS) {
    throw new WebhookSignatureError("Timestamp outside the tolerance zone (in the future).");
  }
  return eventFromStripe(readStripeEvent(rawBody));
}

/** Signs a payload the way Stripe does; the simulation uses it to deliver its events, tests to forge stale ones. */
export function signStripePayload(payload: string, secret: string, timestampSeconds?: number): string {
  return Stripe.webhooks.generateTestHeaderString({
    payload,
    secret,
    ...(timestampSeconds !== undefined ? { timestamp: timestampSeconds } : {}),
  });
}

/** The body Stripe POSTs for an event `id` of `type` about `object` (an intent, a charge), unsigned. */
export function stripeEventBody(id: string, type: string, object: unknown): string {
  return JSON.stringify({
    id,
    object: "event",
    api_version: "2025-08-27.basil",
    created: Math.floor(Date.now() / 1000),
    livemode: false,
    type,
    data: { object },
  });
}
