// The customers of a drill: each places orders (delivery paid by card, carryout paid in cash) through the
// load balancer and pays for them, as the customer app does — a request that fails on the network or with
// a 5xx is sent again with the same idempotency key / client request id, so a retry is never a second
// order or a second charge. Everything a customer was told is kept, for the books.
import { randomUUID } from "node:crypto";
import type { Database, Kysely } from "@pizza/db";
import { isTRPCClientError } from "@trpc/client";
import { AccessTokens } from "../src/modules/auth/tokens.ts";
import { TEST_CARDS } from "../src/modules/payments/gateway/payment-gateway.ts";
import { aCarryoutOrder, aDeliveryOrder, NEAR } from "../src/testing/builders.ts";
import { aCustomerApi, type CustomerApi } from "./customer-api.ts";

export interface TrafficStats {
  /** Orders the API confirmed to a customer (placeOrder answered). */
  placed: string[];
  /** Card payments the API confirmed as succeeded, by order. */
  paid: string[];
  /** HTTP 5xx answers seen (each retried). */
  errors5xx: number;
  /** Requests that failed on the network (connection refused or reset; retried). */
  networkErrors: number;
  /** Refusals (4xx) by message: a drill expects none. */
  refusals: Record<string, number>;
  /** Completion time (ms since the start) of every successful order + payment, for recovery_s. */
  completions: number[];
  /** How long each of those took, retries included (ms). */
  latencies: number[];
  /** Failed attempts' times (ms since the start). */
  failures: number[];
}

const RETRIES = 30;
/** The always-open demo store every drill customer orders from (and its drivers work for). */
export const DRILL_STORE = "nyc-midtown";

interface CustomerRun {
  db: Kysely<Database>;
  url: string;
  jwtSecret: string;
  customers: number;
  /** Each customer's pause between orders. */
  thinkMs: number;
  until: () => boolean;
  start: number;
}

export async function runCustomers(opts: CustomerRun): Promise<TrafficStats> {
  const stats: TrafficStats = {
    placed: [],
    paid: [],
    errors5xx: 0,
    networkErrors: 0,
    refusals: {},
    completions: [],
    latencies: [],
    failures: [],
  };
  const store = await opts.db
    .selectFrom("stores")
    .select("id")
    .where("slug", "=", DRILL_STORE)
    .executeTakeFirstOrThrow();
  const tokens = new AccessTokens(opts.jwtSecret);
  const customer = async (i: number) => {
    const api = await signedInCustomer(opts, tokens, stats, i);
    const retrying = retryingFor(stats, opts.start);
    for (let n = 0; !opts.until(); n++) {
      const began = Date.now();
      if (!(await orderAndPay(api, retrying, stats, store.id, n % 10 < 7))) continue;
      stats.completions.push(Date.now() - opts.start);
      stats.latencies.push(Date.now() - began);
      await new Promise((r) => setTimeout(r, opts.thinkMs));
    }
  };
  await Promise.all(Array.from({ length: opts.customers }, (_, i) => customer(i)));
  return stats;
}

type Api = CustomerApi;
type Retrying = <T>(call: () => Promise<T>) => Promise<T | undefined>;

/** A new customer account and a tRPC client signed in as it, counting the 5xx answers it sees. */
async function signedInCustomer(
  opts: CustomerRun,
  tokens: AccessTokens,
  stats: TrafficStats,
  i: number,
): Promise<Api> {
  const counting: typeof fetch = async (input, init) => {
    const res = await fetch(input, init);
    if (res.status >= 500) {
      stats.errors5xx++;
      if (process.env.DRILL_SHOW_5XX)
        process.stderr.write(`5xx ${res.status}: ${await res.clone().text()}\n`);
    }
    return res;
  };
  const { api } = await aCustomerApi({
    db: opts.db,
    tokens,
    url: opts.url,
    name: `Drill customer ${i}`,
    fetch: counting,
  });
  return api;
}

/** The app's retry: network errors and 5xx again (with back-off), a refusal (4xx) counted and given up. */
function retryingFor(stats: TrafficStats, start: number): Retrying {
  return async (call) => {
    for (let attempt = 0; attempt < RETRIES; attempt++) {
      try {
        return await call();
      } catch (error) {
        const status = isTRPCClientError(error) ? error.data?.httpStatus : undefined;
        if (status !== undefined && status < 500) {
          const said = error instanceof Error ? error.message : String(error);
          stats.refusals[said] = (stats.refusals[said] ?? 0) + 1;
          return undefined;
        }
        stats.failures.push(Date.now() - start);
        if (status === undefined) stats.networkErrors++;
        await new Promise((r) => setTimeout(r, 200 + attempt * 100));
      }
    }
    return undefined;
  };
}

/** One order (delivery paid by card, or carryout in cash); true once placed and, for delivery, paid. */
async function orderAndPay(
  api: Api,
  retrying: Retrying,
  stats: TrafficStats,
  storeId: string,
  delivery: boolean,
) {
  const input = delivery ? aDeliveryOrder(storeId, {}, NEAR["nyc-midtown"]) : aCarryoutOrder(storeId);
  const order = await retrying(() => api.order.placeOrder.mutate(input));
  if (!order) return false;
  stats.placed.push(order.id);
  if (!delivery) return true;
  const clientRequestId = randomUUID();
  const method = {
    type: "test_card" as const,
    number: TEST_CARDS.succeeds,
    expMonth: 12,
    expYear: 2099,
    cvc: "123",
  };
  const paid = await retrying(() =>
    api.payment.processPayment.mutate({ orderId: order.id, clientRequestId, method }),
  );
  if (paid?.status !== "succeeded") return false;
  stats.paid.push(order.id);
  return true;
}
