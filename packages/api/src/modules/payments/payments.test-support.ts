import { randomUUID } from "node:crypto";
import type { Database, Kysely, OrderStatus } from "@pizza/db";
import pino from "pino";
import type { Platform } from "../../platform.ts";
import { type Backing, createTestPlatform, type TestPlatform } from "../../testing/harness.ts";
import { StripeStandIn } from "../../testing/stripe-stand-in.ts";
import type { AuthUser } from "../auth/tokens.ts";
import { OrdersService } from "../orders/orders.service.ts";
import type { CardGateway } from "./gateway/payment-gateway.ts";
import { StripeGateway } from "./gateway/stripe-gateway.ts";
import type { PaymentsService } from "./payments.service.ts";
import { createPaymentsService } from "./payments.wiring.ts";

/** A seeded test platform whose payments run on the given gateway (the simulation with knobs, or Stripe at the stand-in). */
export function createPaymentsPlatform(
  backing: Pick<Backing, "db" | "redis">,
  gateway: CardGateway,
  env: Record<string, string> = {},
): Promise<TestPlatform> {
  return createTestPlatform(backing, { seed: true, env, paymentGateway: gateway });
}

/** Stripe's keys for a test (any strings: the stand-in checks they are the ones configured). */
export interface StripeTestKeys {
  STRIPE_SECRET_KEY: string;
  STRIPE_WEBHOOK_SECRET: string;
  STRIPE_PUBLISHABLE_KEY: string;
}

/** A seeded platform paying through the real Stripe SDK, pointed at a started local stand-in. */
export async function createStripePlatform(
  backing: Pick<Backing, "db" | "redis">,
  keys: StripeTestKeys,
): Promise<{ t: TestPlatform; standIn: StripeStandIn }> {
  const standIn = await new StripeStandIn().start();
  const gateway = new StripeGateway({
    secretKey: keys.STRIPE_SECRET_KEY,
    webhookSecret: keys.STRIPE_WEBHOOK_SECRET,
    publishableKey: keys.STRIPE_PUBLISHABLE_KEY,
    timeoutMs: 2_000,
    ...standIn.sdkOptions,
  });
  return { t: await createPaymentsPlatform(backing, gateway, { ...keys }), standIn };
}

export async function aCustomer(db: Kysely<Database>, name = "Pat Payer"): Promise<AuthUser> {
  const row = await db
    .insertInto("users")
    .values({
      email: `payer-${randomUUID()}@example.com`,
      password_hash: "not-a-real-hash",
      name,
      role: "customer",
      updated_at: new Date(),
    })
    .returning(["id", "role", "store_id", "name"])
    .executeTakeFirstOrThrow();
  return { id: row.id, role: row.role, storeId: row.store_id, name: row.name };
}

/** An order row as the orders module would leave it: card orders wait in pending_payment, cash ones are placed. */
export async function anOrder(
  db: Kysely<Database>,
  customer: AuthUser,
  opts: {
    region?: "us" | "de" | "jp";
    total?: number;
    status?: OrderStatus;
    paymentMethod?: "card" | "cash";
  } = {},
) {
  const region = opts.region ?? "us";
  const store = await db
    .selectFrom("stores")
    .select(["id"])
    .where("region_code", "=", region)
    .executeTakeFirstOrThrow();
  const { currency } = await db
    .selectFrom("regions")
    .select(["currency"])
    .where("code", "=", region)
    .executeTakeFirstOrThrow();
  const total = opts.total ?? 2599;
  const paymentMethod = opts.paymentMethod ?? "card";
  return db
    .insertInto("orders")
    .values({
      region_code: region,
      store_id: store.id,
      customer_id: customer.id,
      channel: "carryout",
      status: opts.status ?? (paymentMethod === "cash" ? "placed" : "pending_payment"),
      payment_method: paymentMethod,
      currency,
      subtotal: total,
      tax_included: region !== "us",
      total,
      idempotency_key: randomUUID(),
      promised_at: new Date(Date.now() + 30 * 60_000),
      updated_at: new Date(),
    })
    .returning(["id", "region_code", "store_id", "customer_id", "total", "currency", "version"])
    .executeTakeFirstOrThrow();
}

export const card = (number: string) => ({
  type: "test_card" as const,
  number,
  expMonth: 12,
  expYear: 2099,
  cvc: "123",
});

/**
 * Another API node on the same database and gateway, wired as production wires one
 * (createPaymentsService with its own real OrdersService, whose state machine moves the order):
 * e.g. a node that dies at a crash point, or the one that restarts after it.
 */
export function anotherNode(
  platform: Platform,
  gateway: CardGateway,
  options: NonNullable<Parameters<typeof createPaymentsService>[0]["options"]> = {},
): PaymentsService {
  const { services } = platform;
  const orders = new OrdersService({
    db: platform.db,
    menus: services.menu,
    promos: services.promos,
    stores: services.stores,
  });
  return createPaymentsService({
    config: platform.config,
    db: platform.db,
    log: pino({ level: "silent" }),
    orders,
    gateway,
    options,
    receiveSimulatedWebhooks: false,
  });
}

/** The order's status, as the orders module left it. */
export async function orderStatusOf(db: Kysely<Database>, orderId: string): Promise<OrderStatus> {
  const row = await db
    .selectFrom("orders")
    .select("status")
    .where("id", "=", orderId)
    .executeTakeFirstOrThrow();
  return row.status;
}

/** The gateway intent our books hold for an order's payment. */
export async function intentOfOrder(db: Kysely<Database>, orderId: string): Promise<string> {
  const row = await db
    .selectFrom("payments")
    .select("gateway_ref")
    .where("order_id", "=", orderId)
    .executeTakeFirstOrThrow();
  return row.gateway_ref!;
}
