// The PayPal settings of env.ts: the REST app's client id and secret, the API base (sandbox or live) and
// the webhook's id. Read and validated with the rest of the configuration by loadConfig.
import { z } from "zod";

export const paypalEnv = {
  PAYPAL_CLIENT_ID: z.string().min(8, "must be a PayPal REST app's client id").optional(),
  PAYPAL_CLIENT_SECRET: z.string().min(8, "must be a PayPal REST app's secret").optional(),
  /** `https://api-m.sandbox.paypal.com` (the default) or `https://api-m.paypal.com` for live payments. */
  PAYPAL_API_BASE: z
    .url()
    .regex(/^https?:\/\/[^/]+\/?$/, "must be PayPal's API origin like https://api-m.paypal.com")
    .default("https://api-m.sandbox.paypal.com"),
  /** The id PayPal gave the webhook pointing at /webhooks/paypal (deliveries are verified for it). */
  PAYPAL_WEBHOOK_ID: z.string().min(1).optional(),
};

const paypalSchema = z.object(paypalEnv);

export interface PayPalConfig {
  clientId: string;
  clientSecret: string;
  apiBase: string;
  webhookId: string;
}

/**
 * Client id, secret and webhook id go together: some but not all is a mistake, not "no PayPal". Live
 * money goes over https only. Without them, production offers no PayPal (the simulated approval page is
 * for development), never a simulation by accident.
 */
export function refuseUnsafePayPal(
  e: z.infer<typeof paypalSchema> & { NODE_ENV: string; PUBLIC_URL?: string | undefined },
  fail: (message: string) => Error,
): void {
  const parts = [e.PAYPAL_CLIENT_ID, e.PAYPAL_CLIENT_SECRET, e.PAYPAL_WEBHOOK_ID];
  if (parts.some(Boolean) && !parts.every(Boolean))
    throw fail(
      "Invalid configuration: PAYPAL_CLIENT_ID, PAYPAL_CLIENT_SECRET and PAYPAL_WEBHOOK_ID go together (PayPal needs all three, or none for no PayPal)",
    );
  if (e.NODE_ENV === "production" && parts.every(Boolean) && !e.PAYPAL_API_BASE.startsWith("https://"))
    throw fail("Invalid configuration: PAYPAL_API_BASE must be https:// in production");
  if (e.NODE_ENV === "production" && parts.every(Boolean) && !e.PUBLIC_URL)
    throw fail(
      "Invalid configuration: PayPal needs PUBLIC_URL in production (the buyer is sent back there from PayPal)",
    );
}

/** PayPal's app, or outside production the simulated PayPal (`simulated`), or in production none. */
export function paypalSettings(
  e: z.infer<typeof paypalSchema> & { NODE_ENV: string },
): PayPalConfig | "simulated" | undefined {
  if (!e.PAYPAL_CLIENT_ID || !e.PAYPAL_CLIENT_SECRET || !e.PAYPAL_WEBHOOK_ID)
    return e.NODE_ENV === "production" ? undefined : "simulated";
  return {
    clientId: e.PAYPAL_CLIENT_ID,
    clientSecret: e.PAYPAL_CLIENT_SECRET,
    apiBase: e.PAYPAL_API_BASE.replace(/\/$/, ""),
    webhookId: e.PAYPAL_WEBHOOK_ID,
  };
}
