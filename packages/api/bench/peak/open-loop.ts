// The open loop: each order is sent when it is due, whether or not earlier ones were answered, and its
// latency runs from the moment it was due (no coordinated omission: a stalled server cannot slow the
// arrivals down and so hide its own stall). Each order is one customer's flow: placeOrder, then for a card
// processPayment (a declined card is followed by a good one, a 3-D Secure challenge by confirmAction).
import { randomUUID } from "node:crypto";
import { performance } from "node:perf_hooks";
import { isTRPCClientError } from "@trpc/client";
import { TEST_CARDS } from "../../src/modules/payments/gateway/payment-gateway.ts";
import type { Schedule } from "./curve.ts";
import { cardFor, nextOrder, rng } from "./order-mix.ts";
import type { PeakCustomer } from "./peak-customers.ts";
import type { Recorder } from "./recorder.ts";
import type { PeakStore } from "./stores.ts";

/** A request still unanswered after this long counts as an error ("timeout"). */
const REQUEST_TIMEOUT_MS = 30_000;

export function errorKind(error: unknown): string {
  const status = isTRPCClientError(error) ? error.data?.httpStatus : undefined;
  if (status !== undefined && status >= 500) return "5xx";
  if (status !== undefined) return `${status}: ${(error as Error).message.slice(0, 160)}`;
  const said = error instanceof Error ? `${error.message} ${String(error.cause ?? "")}` : String(error);
  if (/abort|timeout/i.test(said)) return "timeout";
  const code = (error as { cause?: { code?: string } }).cause?.code;
  return code ? `network (${code})` : `network (${said.slice(0, 80)})`;
}

export async function openLoop(opts: {
  schedule: Schedule;
  customers: PeakCustomer[];
  stores: PeakStore[];
  rec: Recorder;
  /** Where this schedule starts on the recorder's timeline (ms; the steps of --find-knee follow each other). */
  offsetMs?: number;
  seed?: number;
}): Promise<void> {
  const { at } = opts.schedule;
  const offset = opts.offsetMs ?? 0;
  const r = rng(opts.seed ?? 19);
  const inflight = new Set<Promise<void>>();
  const start = performance.now();
  const since = () => performance.now() - start;

  async function order(i: number, due: number) {
    const bucket = opts.rec.at(offset + due);
    bucket.arrivals++;
    const { input, payment } = nextOrder(r, opts.stores[i % opts.stores.length]!);
    const customer = opts.customers[i % opts.customers.length]!;
    const { api } = customer;
    const signal = () => AbortSignal.timeout(REQUEST_TIMEOUT_MS);
    let stage = "placeOrder";
    try {
      const placed = await api.order.placeOrder.mutate(input, { signal: signal() });
      const answered = since();
      bucket.place.push(answered - due);
      opts.rec.placedDue.push(offset + due);
      opts.rec.at(offset + answered).answered++;
      customer.follow(placed.id, offset + due);
      if (payment === "cash") return;
      const pay = async (number: string) => {
        stage = "processPayment";
        const sent = since();
        const result = await api.payment.processPayment.mutate(
          {
            orderId: placed.id,
            clientRequestId: randomUUID(),
            method: { type: "test_card", number, expMonth: 12, expYear: 2099, cvc: "123" },
          },
          { signal: signal() },
        );
        bucket.pay.push(since() - sent);
        return result;
      };
      let result = await pay(cardFor(payment));
      if (result.status === "failed" && payment === "card-declined") result = await pay(TEST_CARDS.succeeds);
      if (result.status === "requires_action" && payment === "card-3ds") {
        stage = "confirmAction";
        const sent = since();
        result = await api.payment.confirmAction.mutate(
          { orderId: placed.id, simulatedOutcome: "approve" },
          { signal: signal() },
        );
        bucket.confirm.push(since() - sent);
      }
      if (result.status !== "succeeded") opts.rec.error(offset + due, `payment ended ${result.status}`);
    } catch (error) {
      opts.rec.error(offset + due, `${stage} ${errorKind(error)}`);
    }
  }

  let i = 0;
  while (i < at.length) {
    const now = since();
    for (; i < at.length && at[i]! <= now; i++) {
      const p = order(i, at[i]!);
      inflight.add(p);
      void p.finally(() => inflight.delete(p));
    }
    if (i < at.length) await new Promise((r) => setTimeout(r, Math.min(5, Math.max(0, at[i]! - since()))));
  }
  await Promise.all(inflight);
}
