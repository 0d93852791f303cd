// The Stripe webhook endpoint as the webhook suites reach it: a seeded platform whose payments run on the
// simulated gateway (events delivered by the test, never on their own), served over HTTP, and a customer.
import type { AuthUser } from "../modules/auth/tokens.ts";
import { SimulatedGateway } from "../modules/payments/gateway/simulated-gateway.ts";
import { aCustomer, createPaymentsPlatform } from "../modules/payments/payments.test-support.ts";
import { type Backing, startTestServer } from "./harness.ts";

export interface WebhookEndpoint {
  t: Awaited<ReturnType<typeof createPaymentsPlatform>>;
  server: Awaited<ReturnType<typeof startTestServer>>;
  gateway: SimulatedGateway;
  me: AuthUser;
  /** POST /webhooks/stripe with `body` as Stripe sends it, signed with `signature` when given. */
  post(body: string, signature?: string): Promise<Response>;
  close(): Promise<void>;
}

export async function openWebhookEndpoint(backing: Pick<Backing, "db" | "redis">): Promise<WebhookEndpoint> {
  const gateway = new SimulatedGateway({ webhookDelivery: "manual" });
  const t = await createPaymentsPlatform(backing, gateway);
  const server = await startTestServer(t.platform);
  const me = await aCustomer(t.platform.db);
  return {
    t,
    server,
    gateway,
    me,
    post: (body, signature) =>
      fetch(`${server.url}/webhooks/stripe`, {
        method: "POST",
        headers: {
          // As Stripe sends it.
          "content-type": "application/json; charset=utf-8",
          ...(signature ? { "stripe-signature": signature } : {}),
        },
        body,
      }),
    async close() {
      await server.close();
      await t.close();
    },
  };
}
