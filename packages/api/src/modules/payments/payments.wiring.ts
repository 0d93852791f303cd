import type { Database, Kysely, Transaction } from "@pizza/db";
import type { Logger } from "pino";
import type { Registry } from "prom-client";
import type { Config } from "../../env.ts";
import { commitRuleFor, warnWithoutSyncStandby } from "./commit-rule.ts";
import type { CardGateway } from "./gateway/payment-gateway.ts";
import { PayPalGateway } from "./gateway/paypal-gateway.ts";
import { RoutedGateway, simulationOf } from "./gateway/routed-gateway.ts";
import { SimulatedGateway } from "./gateway/simulated-gateway.ts";
import { SimulatedPayPal } from "./gateway/simulated-paypal.ts";
import { PgIdempotencyAnswers, PgIntentStore } from "./gateway/simulated-store-pg.ts";
import { StripeGateway } from "./gateway/stripe-gateway.ts";
import type { OrdersForLedger } from "./order-link.ts";
import { createPaymentMetrics } from "./payment-metrics.ts";
import { type PaymentsDeps, PaymentsService } from "./payments.service.ts";
import { SIMULATED_PAYPAL_PATH } from "./simulated-paypal-routes.ts";

/** What payments needs of the orders module: the OrdersForLedger port (its reads, markPaid, notes) and its two hook lists. */
export interface OrdersForPayments extends OrdersForLedger {
  onCancelled: {
    push(
      hook: (ctx: {
        trx: Transaction<Database>;
        order: { orderId: string };
        reason: string | null;
      }) => Promise<void>,
    ): unknown;
  };
  onUpdated: {
    push(
      hook: (ctx: {
        trx: Transaction<Database>;
        order: { orderId: string; version: number };
        total: number;
      }) => Promise<{ refunded: number } | undefined>,
    ): unknown;
  };
}

/**
 * Stripe when STRIPE_SECRET_KEY is set, otherwise the embedded simulation of Stripe's test mode, whose
 * intents and idempotency answers live in the database (as Stripe's live on Stripe's side): every API node
 * sees them. With PAYPAL_* set, PayPal orders are routed to PayPal behind it (routed-gateway.ts); the
 * buyer comes back to the customer app's `/paypal/return` (or `/paypal/cancel`) with our order id.
 */
export function gatewayFromConfig(config: Config, db: Kysely<Database>): CardGateway {
  const card: CardGateway = config.stripe
    ? new StripeGateway({
        secretKey: config.stripe.secretKey,
        // env.ts refuses a secret key without a webhook secret.
        webhookSecret: config.stripe.webhookSecret ?? "",
        publishableKey: config.stripe.publishableKey,
      })
    : new SimulatedGateway({
        store: { intents: new PgIntentStore(db), answers: new PgIdempotencyAnswers(db) },
      });
  if (config.paypal === undefined) return card;
  if (config.paypal !== "simulated") {
    // env.ts refuses PayPal in production without PUBLIC_URL; elsewhere it defaults to this server.
    const app = config.publicUrl ?? "";
    return new RoutedGateway(
      card,
      new PayPalGateway({
        ...config.paypal,
        returnUrl: `${app}/paypal/return`,
        cancelUrl: `${app}/paypal/cancel`,
      }),
    );
  }
  // The embedded default offers PayPal through the simulated PayPal, in process (never in production: env-paypal.ts).
  const simulation = new SimulatedPayPal({ label: "simulated", baseUrl: SIMULATED_PAYPAL_PATH });
  return new RoutedGateway(
    card,
    new PayPalGateway({
      clientId: simulation.clientId,
      clientSecret: simulation.clientSecret,
      apiBase: SIMULATED_PAYPAL_PATH,
      webhookId: simulation.webhookId,
      fetch: simulation.fetch,
      returnUrl: "/paypal/return",
      cancelUrl: "/paypal/cancel",
    }),
    simulation,
  );
}

export function createPaymentsService(opts: {
  config: Config;
  db: Kysely<Database>;
  log: Logger;
  orders: OrdersForPayments;
  gateway?: CardGateway;
  /** Where the payment metrics are registered (the platform's /metrics registry). */
  registry?: Registry;
  options?: Omit<PaymentsDeps, "db" | "gateway" | "log" | "orders">;
  /**
   * Whether this service receives the simulated gateway's webhooks (default true). A second node in a
   * test shares the one in-process simulation, which has a single receiver: that node passes false.
   */
  receiveSimulatedWebhooks?: boolean;
}): PaymentsService {
  const gateway = opts.gateway ?? gatewayFromConfig(opts.config, opts.db);
  const payments = new PaymentsService({
    ...(opts.registry ? { metrics: createPaymentMetrics(opts.registry) } : {}),
    db: opts.db,
    gateway,
    log: opts.log,
    orders: opts.orders,
    commitRule: commitRuleFor(opts.config.replication.syncStandby),
    ...opts.options,
  });
  if (opts.config.replication.syncStandby)
    void warnWithoutSyncStandby(opts.db, opts.log).catch((error: unknown) =>
      opts.log.warn({ err: error }, "could not read synchronous_standby_names"),
    );
  // The simulation's webhooks go through the same handler as POST /webhooks/stripe.
  const simulation = simulationOf(gateway);
  if (simulation && opts.receiveSimulatedWebhooks !== false)
    simulation.onEvent((raw, signature) => payments.handleWebhook(raw, signature));
  opts.orders.onCancelled.push(({ trx, order, reason }) =>
    payments.onOrderCancelled(trx, order.orderId, reason ?? "order cancelled"),
  );
  opts.orders.onUpdated.push(({ trx, order, total }) =>
    payments.onOrderRepriced(trx, order.orderId, total, order.version),
  );
  return payments;
}

/** The periodic reconciliation sweep (also run once at start, which is what settles a crash). */
export function startPaymentSweep(payments: PaymentsService, log: Logger, everyMs = 60_000): () => void {
  const run = () =>
    payments
      .reconcile()
      .then((r) => {
        if (r.attempts > 0 || r.refunds > 0) log.info(r, "payment reconciliation sweep");
      })
      .catch((error: unknown) => log.warn({ err: error }, "payment reconciliation sweep failed"));
  void run();
  const timer = setInterval(run, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
