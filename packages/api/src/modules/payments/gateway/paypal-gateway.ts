import {
  type ConfirmInput,
  type CreateIntentInput,
  GatewayError,
  type GatewayEvent,
  type GatewayIntent,
  type GatewayRefund,
  type PaymentGateway,
  type RefundInput,
  WebhookPayloadError,
  WebhookSignatureError,
} from "./payment-gateway.ts";
import { PayPalApiError, PayPalClient, type PayPalClientOptions } from "./paypal-client.ts";
import {
  awaitingApproval,
  CANCELED_MARK,
  intentFromOrder,
  minorUnits,
  type PayPalOrder,
  paypalValue,
  ZPayPalEvent,
  ZPayPalOrder,
  ZPayPalRefund,
  ZTransmission,
} from "./paypal-shapes.ts";

export interface PayPalGatewayOptions extends PayPalClientOptions {
  /** The webhook's id in the PayPal app (PayPal verifies a delivery for one webhook). */
  webhookId: string;
  /** Where PayPal sends the buyer after approving / cancelling, when createIntent names none (`?order=<our order id>` is added). */
  returnUrl: string;
  cancelUrl: string;
  /** A delivery signed longer ago than this (either way) is refused, as Stripe's are: 5 minutes. */
  webhookToleranceMs?: number;
}

/**
 * PayPal through its Orders v2 REST API. A PayPal order is the port's intent: created once per payment
 * (`PayPal-Request-Id` = our idempotency key), approved by the buyer on PayPal's page (the port's
 * "requires_action", with the page as `nextAction.url`), captured by us (`confirm`, the attempt's key as
 * `PayPal-Request-Id`: a capture is made at most once per order, and a retried one replays PayPal's first
 * answer). Refunds go to the order's capture. Webhooks are verified by asking PayPal
 * (`/v1/notifications/verify-webhook-signature`), so parsing one is asynchronous.
 */
export class PayPalGateway implements PaymentGateway {
  readonly name = "paypal" as const;
  readonly testMode: boolean;
  /** The client id is public: PayPal's JS SDK is loaded with it. */
  readonly publishableKey: string;
  private readonly client: PayPalClient;

  constructor(private readonly options: PayPalGatewayOptions) {
    this.testMode = !/^https:\/\/api(-m)?\.paypal\.com/.test(options.apiBase);
    this.publishableKey = options.clientId;
    this.client = new PayPalClient(options);
  }

  async createIntent(input: CreateIntentInput): Promise<GatewayIntent> {
    const currency = input.currency.toUpperCase();
    const order = await this.order({
      method: "POST",
      path: "/v2/checkout/orders",
      requestId: input.idempotencyKey,
      body: {
        intent: "CAPTURE",
        purchase_units: [
          {
            reference_id: input.metadata.payment_id,
            custom_id: input.metadata.order_id,
            amount: { currency_code: currency, value: paypalValue(input.amount, currency) },
            ...(input.description ? { description: input.description.slice(0, 127) } : {}),
          },
        ],
        payment_source: {
          paypal: {
            experience_context: {
              return_url: input.returnUrl ?? withOrder(this.options.returnUrl, input.metadata.order_id),
              cancel_url: input.cancelUrl ?? withOrder(this.options.cancelUrl, input.metadata.order_id),
              user_action: "PAY_NOW",
              shipping_preference: "NO_SHIPPING",
            },
          },
        },
      },
    });
    const intent = intentFromOrder(order);
    // PayPal replays the first answer for a request id whatever the body: a key reused for another amount is our bug.
    if (intent.amount !== input.amount || intent.currency !== currency) {
      throw new GatewayError(
        "invalid",
        "This idempotency key created a PayPal order for another amount.",
        "idempotency_error",
      );
    }
    // Nothing is chosen yet: the buyer approves at PayPal once we confirm.
    return { ...intent, status: "requires_payment_method" };
  }

  async updateAmount(intentId: string, amount: number, _idempotencyKey: string): Promise<GatewayIntent> {
    const order = await this.get(intentId);
    const unit = order.purchase_units[0]!;
    if (intentFromOrder(order).status === "succeeded") {
      throw new GatewayError("invalid", "This PayPal order is already captured.", "order_already_captured");
    }
    await this.client.call({
      method: "PATCH",
      path: `/v2/checkout/orders/${encodeURIComponent(intentId)}`,
      body: [
        {
          op: "replace",
          path: `/purchase_units/@reference_id=='${unit.reference_id ?? "default"}'/amount`,
          value: {
            currency_code: unit.amount.currency_code,
            value: paypalValue(amount, unit.amount.currency_code),
          },
        },
      ],
    });
    return this.retrieve(intentId);
  }

  async confirm(input: ConfirmInput): Promise<GatewayIntent> {
    const order = await this.get(input.intentId);
    const before = intentFromOrder(order);
    if (before.status === "canceled") {
      throw new GatewayError("invalid", "This PayPal order was cancelled.", "order_canceled");
    }
    // The buyer has not approved (yet, or again after a decline): send them to PayPal.
    if (order.status === "CREATED" || order.status === "PAYER_ACTION_REQUIRED")
      return awaitingApproval(order);
    try {
      const captured = await this.order({
        method: "POST",
        path: `/v2/checkout/orders/${encodeURIComponent(input.intentId)}/capture`,
        requestId: input.idempotencyKey,
        body: {},
      });
      const intent = intentFromOrder(captured);
      const capture = captured.purchase_units[0]!.payments?.captures?.[0];
      if (capture?.status === "DECLINED" || capture?.status === "FAILED") return declined(intent);
      return intent;
    } catch (error) {
      // PayPal's documented decline: the buyer's funding source was refused; they choose another at PayPal.
      if (error instanceof PayPalApiError && error.issue === "INSTRUMENT_DECLINED") {
        return declined(intentFromOrder(await this.get(input.intentId)), error.message);
      }
      throw error;
    }
  }

  async retrieve(intentId: string): Promise<GatewayIntent> {
    const order = await this.get(intentId);
    const intent = intentFromOrder(order);
    return intent.status === "requires_payment_method" ? awaitingApproval(order) : intent;
  }

  /** PayPal cannot cancel a CAPTURE order: we mark it (custom_id) and never capture a marked order. */
  async cancel(intentId: string, _idempotencyKey: string): Promise<GatewayIntent> {
    const order = await this.get(intentId);
    const intent = intentFromOrder(order);
    if (intent.status === "canceled") return intent;
    if (intent.status === "succeeded" || intent.status === "processing") {
      throw new GatewayError("invalid", "This PayPal order is already captured.", "order_already_captured");
    }
    const unit = order.purchase_units[0]!;
    await this.client.call({
      method: "PATCH",
      path: `/v2/checkout/orders/${encodeURIComponent(intentId)}`,
      body: [
        {
          op: unit.custom_id ? "replace" : "add",
          path: `/purchase_units/@reference_id=='${unit.reference_id ?? "default"}'/custom_id`,
          value: `${CANCELED_MARK}${unit.custom_id ?? ""}`,
        },
      ],
    });
    return intentFromOrder(await this.get(intentId));
  }

  async refund(input: RefundInput): Promise<GatewayRefund> {
    const order = await this.get(input.intentId);
    const unit = order.purchase_units[0]!;
    const capture = unit.payments?.captures?.find((c) => c.status !== "DECLINED" && c.status !== "FAILED");
    if (!capture)
      throw new GatewayError("invalid", "This PayPal order has no capture to refund.", "not_captured");
    const currency = unit.amount.currency_code;
    const refund = ZPayPalRefund.parse(
      await this.client.call({
        method: "POST",
        path: `/v2/payments/captures/${encodeURIComponent(capture.id)}/refund`,
        requestId: input.idempotencyKey,
        body: {
          amount: { currency_code: currency, value: paypalValue(input.amount, currency) },
          ...(input.reason ? { note_to_payer: refundNote(input.reason) } : {}),
        },
      }),
    );
    const status =
      refund.status === "COMPLETED" ? "succeeded" : refund.status === "PENDING" ? "pending" : "failed";
    const amount = refund.amount
      ? minorUnits(refund.amount.value, refund.amount.currency_code)
      : input.amount;
    return { id: refund.id, intentId: input.intentId, amount, status };
  }

  async parseWebhook(rawBody: Buffer | string, signature: string | undefined): Promise<GatewayEvent> {
    const raw = typeof rawBody === "string" ? rawBody : rawBody.toString("utf8");
    const transmission = ZTransmission.safeParse(safeJson(signature));
    if (!transmission.success)
      throw new WebhookSignatureError("The PayPal transmission headers are missing.");
    const sent = Date.parse(transmission.data.transmission_time);
    const tolerance = this.options.webhookToleranceMs ?? 5 * 60_000;
    if (!Number.isFinite(sent) || Math.abs(Date.now() - sent) > tolerance) {
      throw new WebhookSignatureError("The PayPal delivery is dated outside the tolerance.");
    }
    // The documented way: PayPal checks its own signature. The event goes back byte for byte (re-serialising
    // it would change what was signed).
    const t = transmission.data;
    const verdict = await this.client.call<{ verification_status?: string }>({
      method: "POST",
      path: "/v1/notifications/verify-webhook-signature",
      requestId: `verify:${t.transmission_id}`,
      body: `{"auth_algo":${JSON.stringify(t.auth_algo)},"cert_url":${JSON.stringify(t.cert_url)},"transmission_id":${JSON.stringify(t.transmission_id)},"transmission_sig":${JSON.stringify(t.transmission_sig)},"transmission_time":${JSON.stringify(t.transmission_time)},"webhook_id":${JSON.stringify(this.options.webhookId)},"webhook_event":${raw}}`,
    });
    if (verdict.verification_status !== "SUCCESS") {
      throw new WebhookSignatureError("PayPal did not verify this delivery's signature.");
    }
    const event = ZPayPalEvent.safeParse(safeJson(raw));
    if (!event.success) throw new WebhookPayloadError("not a PayPal event", null, null);
    const { id, event_type: type, resource } = event.data;
    if (type === "CHECKOUT.ORDER.APPROVED") {
      return { id, type: "payment_intent.approved", intent: await this.retrieve(resource.id) };
    }
    if (type === "PAYMENT.CAPTURE.COMPLETED" || type === "PAYMENT.CAPTURE.REFUNDED") {
      const orderId = await this.orderOfResource(resource);
      if (!orderId) throw new WebhookPayloadError("no order for the capture", id, type);
      const intent = intentFromOrder(await this.get(orderId));
      if (type === "PAYMENT.CAPTURE.COMPLETED") return { id, type: "payment_intent.succeeded", intent };
      return {
        id,
        type: "charge.refunded",
        charge: {
          intentId: intent.id,
          amount: intent.amount,
          amountRefunded: intent.amountRefunded,
          refundIds: [resource.id],
        },
      };
    }
    return { id, type: "other", gatewayType: type };
  }

  /** A capture names its order; a refund names its capture (`up`), which names the order. */
  private async orderOfResource(resource: {
    supplementary_data?: { related_ids?: { order_id?: string | undefined } | undefined } | undefined;
    links?: { href: string; rel: string }[] | undefined;
  }): Promise<string | undefined> {
    const direct = resource.supplementary_data?.related_ids?.order_id;
    if (direct) return direct;
    const up = resource.links?.find((l) => l.rel === "up")?.href;
    if (!up) return undefined;
    const capture = await this.client.call<{
      supplementary_data?: { related_ids?: { order_id?: string } };
    }>({
      method: "GET",
      path: new URL(up, "http://paypal.local").pathname.replace(/^\/simulated-paypal/, ""),
    });
    return capture.supplementary_data?.related_ids?.order_id;
  }

  private get(orderId: string): Promise<PayPalOrder> {
    return this.order({ method: "GET", path: `/v2/checkout/orders/${encodeURIComponent(orderId)}` });
  }

  private async order(request: Parameters<PayPalClient["call"]>[0]): Promise<PayPalOrder> {
    const parsed = ZPayPalOrder.safeParse(await this.client.call(request));
    if (!parsed.success) {
      throw new GatewayError("unknown", "PayPal answered with an order we cannot read.", "malformed_order");
    }
    return parsed.data;
  }
}

/** Our order's id on the return URL, so the app knows which order to confirm when the buyer is back. */
function withOrder(url: string, orderId: string): string {
  return `${url}${url.includes("?") ? "&" : "?"}order=${encodeURIComponent(orderId)}`;
}

function declined(intent: GatewayIntent, message?: string): GatewayIntent {
  return {
    ...intent,
    status: "requires_payment_method",
    lastError: {
      code: "instrument_declined",
      declineCode: null,
      message: message ?? "PayPal declined this way of paying; please choose another one at PayPal.",
    },
  };
}

function refundNote(reason: NonNullable<RefundInput["reason"]>): string {
  return reason === "duplicate"
    ? "Duplicate payment"
    : reason === "fraudulent"
      ? "Refund"
      : "Refund of your order";
}

function safeJson(text: string | undefined): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
