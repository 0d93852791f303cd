import { z } from "zod";
import type { GatewayIntent, IntentStatus } from "./payment-gateway.ts";

/**
 * PayPal's Orders v2 shapes, reduced to what the adapter reads, and the translation to the port's
 * intents. Money: PayPal sends amounts as decimal strings in the currency's major unit ("25.99"; yen have
 * no decimals: "1999"); we keep integer minor units everywhere else.
 */

/** Currencies PayPal does not allow decimals for (its currency codes table); all ours otherwise have two. */
const NO_DECIMALS = new Set(["JPY", "HUF", "TWD"]);

export function paypalValue(amount: number, currency: string): string {
  if (!Number.isInteger(amount) || amount < 0) throw new Error(`Not an amount in minor units: ${amount}`);
  if (NO_DECIMALS.has(currency.toUpperCase())) return String(amount);
  return `${Math.floor(amount / 100)}.${String(amount % 100).padStart(2, "0")}`;
}

/** The minor units of one of PayPal's decimal strings; a malformed one is refused, never rounded. */
export function minorUnits(value: string, currency: string): number {
  const noDecimals = NO_DECIMALS.has(currency.toUpperCase());
  const match = (noDecimals ? /^(\d+)$/ : /^(\d+)\.(\d{2})$/).exec(value);
  if (!match) throw new Error(`PayPal amount ${JSON.stringify(value)} is not a ${currency} amount`);
  return noDecimals ? Number(match[1]) : Number(match[1]) * 100 + Number(match[2]);
}

const ZMoney = z.object({ currency_code: z.string(), value: z.string() });

const ZCapture = z.object({ id: z.string(), status: z.string(), amount: ZMoney.optional() });
const ZRefund = z.object({ id: z.string(), status: z.string(), amount: ZMoney.optional() });

export const ZPayPalOrder = z.object({
  id: z.string(),
  status: z.enum(["CREATED", "SAVED", "APPROVED", "VOIDED", "COMPLETED", "PAYER_ACTION_REQUIRED"]),
  purchase_units: z
    .array(
      z.object({
        reference_id: z.string().optional(),
        custom_id: z.string().optional(),
        amount: ZMoney,
        payments: z
          .object({
            captures: z.array(ZCapture).optional(),
            refunds: z.array(ZRefund).optional(),
          })
          .optional(),
      }),
    )
    .min(1),
  links: z.array(z.object({ href: z.string(), rel: z.string() })).default([]),
});
export type PayPalOrder = z.infer<typeof ZPayPalOrder>;

export const ZPayPalRefund = z.object({ id: z.string(), status: z.string(), amount: ZMoney.optional() });

/** PayPal's error body (`name`, `message`, `details[].issue`): the issue is what tells declines apart. */
export const ZPayPalError = z.object({
  name: z.string().optional(),
  message: z.string().optional(),
  details: z.array(z.object({ issue: z.string(), description: z.string().optional() })).optional(),
});

/** PayPal has no cancel for a CAPTURE order: we mark it on the order itself (custom_id), seen by every node. */
export const CANCELED_MARK = "canceled:";

/** Where the buyer approves: `payer-action` when the order was created with an experience context, else `approve`. */
export function approvalUrl(order: PayPalOrder): string | null {
  return order.links.find((l) => l.rel === "payer-action" || l.rel === "approve")?.href ?? null;
}

function statusOf(order: PayPalOrder, canceled: boolean): IntentStatus {
  const capture = order.purchase_units[0]!.payments?.captures?.[0];
  if (
    capture?.status === "COMPLETED" ||
    capture?.status === "PARTIALLY_REFUNDED" ||
    capture?.status === "REFUNDED"
  )
    return "succeeded";
  if (capture?.status === "PENDING") return "processing";
  if (canceled || order.status === "VOIDED") return "canceled";
  // Approved by the buyer: only our capture is missing (what Stripe calls an intent awaiting confirmation).
  if (order.status === "APPROVED") return "requires_confirmation";
  return "requires_payment_method";
}

/** A PayPal order as the port's intent: the order id is the intent id (and what PayPal's JS SDK calls it by). */
export function intentFromOrder(order: PayPalOrder): GatewayIntent {
  const unit = order.purchase_units[0]!;
  const currency = unit.amount.currency_code;
  const custom = unit.custom_id ?? "";
  const canceled = custom.startsWith(CANCELED_MARK);
  const refunded = (unit.payments?.refunds ?? [])
    .filter((r) => r.status === "COMPLETED" && r.amount)
    .reduce((sum, r) => sum + minorUnits(r.amount!.value, r.amount!.currency_code), 0);
  return {
    id: order.id,
    status: statusOf(order, canceled),
    amount: minorUnits(unit.amount.value, currency),
    currency,
    clientSecret: order.id,
    nextAction: null,
    lastError: null,
    card: null,
    amountRefunded: refunded,
    metadata: {
      ...(unit.reference_id ? { payment_id: unit.reference_id } : {}),
      ...(custom ? { order_id: canceled ? custom.slice(CANCELED_MARK.length) : custom } : {}),
    },
  };
}

/** The buyer must (again) approve at PayPal: the port's "requires_action", with the page to send them to. */
export function awaitingApproval(order: PayPalOrder): GatewayIntent {
  const url = approvalUrl(order);
  return {
    ...intentFromOrder(order),
    status: "requires_action",
    nextAction: { type: "redirect_to_url", ...(url ? { url } : {}) },
  };
}

export const PAYPAL_WEBHOOK_EVENTS = [
  "CHECKOUT.ORDER.APPROVED",
  "PAYMENT.CAPTURE.COMPLETED",
  "PAYMENT.CAPTURE.REFUNDED",
] as const;

/** The webhook event envelope: `resource` is an order (CHECKOUT.*) or a capture / refund (PAYMENT.*). */
export const ZPayPalEvent = z.object({
  id: z.string(),
  event_type: z.string(),
  resource: z.object({
    id: z.string(),
    supplementary_data: z
      .object({ related_ids: z.object({ order_id: z.string().optional() }).optional() })
      .optional(),
    links: z.array(z.object({ href: z.string(), rel: z.string() })).optional(),
  }),
});

/** The transmission headers PayPal signs a delivery with, carried to the port as one JSON "signature". */
export const ZTransmission = z.object({
  transmission_id: z.string().min(1),
  transmission_time: z.string().min(1),
  transmission_sig: z.string().min(1),
  cert_url: z.string().min(1),
  auth_algo: z.string().min(1),
});
export type PayPalTransmission = z.infer<typeof ZTransmission>;

/** The `paypal-transmission-*` headers of a delivery as the signature string the port's parseWebhook takes. */
export function paypalSignature(headers: Record<string, string | string[] | undefined>): string | undefined {
  const h = (name: string) => {
    const v = headers[name];
    return typeof v === "string" ? v : undefined;
  };
  const transmission = {
    transmission_id: h("paypal-transmission-id"),
    transmission_time: h("paypal-transmission-time"),
    transmission_sig: h("paypal-transmission-sig"),
    cert_url: h("paypal-cert-url"),
    auth_algo: h("paypal-auth-algo"),
  };
  return Object.values(transmission).every(Boolean) ? JSON.stringify(transmission) : undefined;
}
