// The ordering settings of env.ts: how long an unpaid card order lives (modules/orders/unpaid-expiry.ts),
// how many one customer may hold, and placeOrder's rate limits (modules/orders/order-limits.ts). Read and
// validated with the rest of the configuration by loadConfig.
import { z } from "zod";

/** A duration: "15m", "90s", "1h", "500ms", or a plain number of seconds. */
const duration = z
  .string()
  .regex(/^\d+(\.\d+)?(ms|s|m|h)?$/, 'must be a duration like "15m", "90s" or "1h"')
  .transform((v) => {
    const m = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(v)!;
    const unit = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[m[2] ?? "s"] ?? 1000;
    return Math.round(Number(m[1]) * unit);
  })
  .refine((ms) => ms >= 1000 && ms <= 24 * 3_600_000, "must be between 1 second and 24 hours");

export const ordersEnv = {
  /** An unpaid card order is cancelled (slot, stock, promo released) this long after it was placed. */
  PENDING_PAYMENT_TTL: duration.default(15 * 60_000),
  /** An open card attempt (3-D Secure challenge, or still at the gateway) keeps the order this long from that attempt. */
  PENDING_ACTION_TTL: duration.default(15 * 60_000),
  /** How many unpaid card orders one customer (guests too) may hold at once. */
  MAX_UNPAID_ORDERS: z.coerce.number().int().min(1).max(100).default(3),
  /** placeOrder calls per minute per customer and per client IP (many people share an office or mobile NAT IP). */
  PLACE_ORDER_LIMIT_PER_CUSTOMER: z.coerce.number().int().min(1).max(1_000_000).default(10),
  PLACE_ORDER_LIMIT_PER_IP: z.coerce.number().int().min(1).max(1_000_000).default(600),
};

const ordersSchema = z.object(ordersEnv);

export interface OrdersSettings {
  /** Unpaid card orders: their lifetime and how many one customer may hold (modules/orders/unpaid-expiry.ts). */
  unpaid: { ttlMs: number; actionTtlMs: number; maxPerCustomer: number };
  /** placeOrder rate limits, per minute (modules/orders/order-limits.ts). */
  placeOrderLimits: { perCustomer: number; perIp: number };
}

export function ordersSettings(e: z.infer<typeof ordersSchema>): OrdersSettings {
  return {
    unpaid: {
      ttlMs: e.PENDING_PAYMENT_TTL,
      actionTtlMs: e.PENDING_ACTION_TTL,
      maxPerCustomer: e.MAX_UNPAID_ORDERS,
    },
    placeOrderLimits: {
      perCustomer: e.PLACE_ORDER_LIMIT_PER_CUSTOMER,
      perIp: e.PLACE_ORDER_LIMIT_PER_IP,
    },
  };
}
