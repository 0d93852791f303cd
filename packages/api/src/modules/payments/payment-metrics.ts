import { Counter, Histogram, type Registry } from "prom-client";

/** What an operator watches: outcomes, gateway health, webhook replays, what the sweep had to settle. */
export interface PaymentMetrics {
  outcome(status: string): void;
  gatewayCall(op: string, result: "ok" | "transient" | "unknown" | "invalid", seconds: number): void;
  webhook(type: string, duplicate: boolean): void;
  reconciled(count: number): void;
}

export const noPaymentMetrics: PaymentMetrics = {
  outcome() {},
  gatewayCall() {},
  webhook() {},
  reconciled() {},
};

export function createPaymentMetrics(registry: Registry): PaymentMetrics {
  const outcomes = new Counter({
    name: "payments_process_total",
    help: "processPayment answers by status",
    labelNames: ["status"],
    registers: [registry],
  });
  const calls = new Histogram({
    name: "payment_gateway_call_seconds",
    help: "Payment gateway calls by operation and result",
    labelNames: ["op", "result"],
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 20],
    registers: [registry],
  });
  const webhooks = new Counter({
    name: "payment_webhooks_total",
    help: "Gateway webhooks accepted, by type and whether it was a replay",
    labelNames: ["type", "duplicate"],
    registers: [registry],
  });
  const reconciled = new Counter({
    name: "payment_attempts_reconciled_total",
    help: "Attempts in started/unknown settled by the sweep",
    registers: [registry],
  });
  return {
    outcome: (status) => outcomes.inc({ status }),
    gatewayCall: (op, result, seconds) => calls.observe({ op, result }, seconds),
    webhook: (type, duplicate) => webhooks.inc({ type, duplicate: String(duplicate) }),
    reconciled: (count) => reconciled.inc(count),
  };
}
