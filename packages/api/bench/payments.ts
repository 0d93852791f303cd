// npm run bench:payments -w @pizza/api
//
// processPayment against real PostgreSQL (a throw-away database) with the simulated gateway answering
// after GATEWAY_LATENCY_MS (default 30, a fast card network round trip). In the same run the baseline
// is the gateway alone (create intent + confirm, no bookkeeping) at the same concurrency, so the
// result reads as "how much of the gateway's throughput survives our exactly-once bookkeeping".
// Then 50 concurrent calls for one order: time until all have answered, charges made (must be 1).
// The last line printed is one JSON object.
import { randomUUID } from "node:crypto";
import pino from "pino";
import { TEST_CARDS } from "../src/modules/payments/gateway/payment-gateway.ts";
import { SimulatedGateway } from "../src/modules/payments/gateway/simulated-gateway.ts";
import { createPaymentsService } from "../src/modules/payments/payments.wiring.ts";
import { createTestPlatform } from "../src/testing/harness.ts";

const LATENCY = Number(process.env.GATEWAY_LATENCY_MS ?? 30);
const PER_LEVEL = Number(process.env.BENCH_PAYMENTS ?? 400);
const LEVELS = [1, 16, 64];
const card = {
  type: "test_card" as const,
  number: TEST_CARDS.succeeds,
  expMonth: 12,
  expYear: 2099,
  cvc: "123",
};

// The orders module moves a paid order (OrdersService.markPaid), as in production: a platform on a
// throw-away, seeded PostgreSQL database, configured as the tests are.
const bench = await createTestPlatform({ db: "postgres", redis: false }, { seed: true });
const { platform } = bench;
const { config, db } = platform;
const stores = await db.selectFrom("stores").select(["id"]).where("region_code", "=", "us").execute();
const customer = await db
  .insertInto("users")
  .values({
    email: `bench-${randomUUID()}@example.com`,
    password_hash: "x",
    name: "Bench",
    role: "customer",
    updated_at: new Date(),
  })
  .returning(["id", "role", "store_id", "name"])
  .executeTakeFirstOrThrow();
const user = { id: customer.id, role: customer.role, storeId: null, name: customer.name };
const paymentsOn = (gateway: SimulatedGateway) =>
  createPaymentsService({
    config,
    db,
    log: pino({ level: "silent" }),
    orders: platform.services.orders,
    gateway,
    receiveSimulatedWebhooks: false,
  });

async function orders(n: number): Promise<string[]> {
  const rows = await db
    .insertInto("orders")
    .values(
      Array.from({ length: n }, (_, i) => ({
        region_code: "us",
        store_id: stores[i % stores.length]!.id,
        customer_id: user.id,
        channel: "carryout" as const,
        status: "pending_payment" as const,
        currency: "USD",
        subtotal: 2599,
        tax_included: false,
        total: 2599,
        idempotency_key: randomUUID(),
        promised_at: new Date(Date.now() + 3_600_000),
        updated_at: new Date(),
      })),
    )
    .returning("id")
    .execute();
  return rows.map((r) => r.id);
}

async function run(concurrency: number, jobs: number, work: (i: number) => Promise<unknown>) {
  let next = 0;
  const latencies: number[] = [];
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < jobs) {
        const i = next++;
        const t0 = performance.now();
        await work(i);
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    perSecond: jobs / seconds,
    p50: latencies[Math.floor(jobs * 0.5)]!,
    p99: latencies[Math.floor(jobs * 0.99)]!,
  };
}

const log = (line: string) => process.stdout.write(`${line}\n`);
const results: Record<
  string,
  { payments_per_s: number; gateway_only_per_s: number; ratio: number; p50_ms: number; p99_ms: number }
> = {};
try {
  for (const c of LEVELS) {
    const gateway = new SimulatedGateway({ latencyMs: LATENCY, webhookDelivery: "manual" });
    const payments = paymentsOn(gateway);
    const ids = await orders(PER_LEVEL);
    const ours = await run(c, PER_LEVEL, async (i) => {
      const r = await payments.processPayment(user, { orderId: ids[i]!, method: card });
      if (r.status !== "succeeded") throw new Error(`unexpected ${r.status}`);
    });
    const bare = await run(c, PER_LEVEL, async (i) => {
      const intent = await gateway.createIntent({
        amount: 2599,
        currency: "USD",
        idempotencyKey: `bare:${c}:${i}`,
        metadata: { payment_id: `${i}`, order_id: `${i}` },
      });
      await gateway.confirm({ intentId: intent.id, paymentMethod: card, idempotencyKey: `bare:${c}:${i}:1` });
    });
    results[`c${c}`] = {
      payments_per_s: Math.round(ours.perSecond),
      gateway_only_per_s: Math.round(bare.perSecond),
      ratio: Number((ours.perSecond / bare.perSecond).toFixed(3)),
      p50_ms: Math.round(ours.p50),
      p99_ms: Math.round(ours.p99),
    };
    log(
      `concurrency ${c}: ${ours.perSecond.toFixed(0)} payments/s (p50 ${ours.p50.toFixed(0)} ms, p99 ${ours.p99.toFixed(0)} ms) vs gateway alone ${bare.perSecond.toFixed(0)}/s`,
    );
  }

  const gateway = new SimulatedGateway({ latencyMs: LATENCY, webhookDelivery: "manual" });
  const payments = paymentsOn(gateway);
  const [one] = await orders(1);
  const t0 = performance.now();
  const answers = await Promise.allSettled(
    Array.from({ length: 50 }, (_, i) =>
      payments.processPayment(user, { orderId: one!, clientRequestId: `same-order-${i}`, method: card }),
    ),
  );
  const contentionMs = performance.now() - t0;
  const succeeded = answers.filter((a) => a.status === "fulfilled" && a.value.status === "succeeded").length;
  log(
    `50 concurrent calls for one order: all answered in ${contentionMs.toFixed(0)} ms; ${succeeded} succeeded, ${gateway.charges.length} charge(s)`,
  );
  log(
    JSON.stringify({
      bench: "payments",
      gateway_latency_ms: LATENCY,
      payments_per_level: PER_LEVEL,
      ...results,
      one_order_50_concurrent: {
        all_answered_ms: Math.round(contentionMs),
        succeeded,
        charges: gateway.charges.length,
      },
    }),
  );
} finally {
  await bench.close();
}
