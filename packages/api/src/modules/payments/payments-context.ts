import type { Database, Kysely } from "@pizza/db";
import type { Logger } from "pino";
import { type CardGateway, GatewayError } from "./gateway/payment-gateway.ts";
import type { LedgerContext } from "./payment-ledger.ts";
import type { PaymentMetrics } from "./payment-metrics.ts";

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface RetryPolicy {
  /** Tries of one gateway call under the same idempotency key (1 = no retry). */
  maxTries: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

/** The points of a payment where a process may die with work half done (state at the gateway, not yet ours). */
export type FaultStage = "after_intent_created" | "after_gateway_answer" | "after_refund_answer";

/**
 * Fault injection, a port only tests fill: the payments code reports reaching each `FaultStage`, and a
 * test's implementation may throw there (the process dying at that point) or do something meanwhile
 * (deliver a webhook first). Production never passes one; it gets `noFaults`, which does nothing.
 */
export interface PaymentFaults {
  reached(stage: FaultStage): void | Promise<void>;
}

export const noFaults: PaymentFaults = { reached: () => {} };

/** Gateway calls with retries: the same idempotency key on every try, exponential backoff with full jitter. */
export class GatewayCalls {
  constructor(
    private readonly metrics: PaymentMetrics,
    private readonly retry: RetryPolicy,
    private readonly random: () => number,
  ) {}

  /**
   * Retries transient failures. An unknown outcome is first checked with `reconcile` (asking the
   * gateway what happened), and only sent again when the gateway has no answer.
   */
  async retrying<T>(
    op: string,
    call: () => Promise<T>,
    reconcile?: () => Promise<T | undefined>,
  ): Promise<T> {
    for (let tryNo = 1; ; tryNo++) {
      const started = performance.now();
      try {
        const answer = await call();
        this.metrics.gatewayCall(op, "ok", (performance.now() - started) / 1000);
        return answer;
      } catch (error) {
        const kind = error instanceof GatewayError ? error.kind : "unknown";
        this.metrics.gatewayCall(op, kind, (performance.now() - started) / 1000);
        if (!(error instanceof GatewayError) || error.kind === "invalid") throw error;
        if (error.kind === "unknown" && reconcile) {
          const known = await reconcile().catch(() => undefined);
          if (known !== undefined) return known;
        }
        if (tryNo >= this.retry.maxTries) throw error;
        const cap = Math.min(this.retry.maxDelayMs, this.retry.baseDelayMs * 2 ** (tryNo - 1));
        await sleep(this.random() * cap);
      }
    }
  }
}

/** What the parts of the payments module share (built once by PaymentsService from PaymentsDeps). */
export interface PaymentsContext {
  db: Kysely<Database>;
  gateway: CardGateway;
  log: Logger;
  calls: GatewayCalls;
  ledger: LedgerContext;
  metrics: PaymentMetrics;
  random: () => number;
  faults: PaymentFaults;
  /**
   * An attempt's lease: renewed every third of this while its process talks to the gateway; one older
   * than this was abandoned by a dead process and is reconciled before anything new is tried.
   */
  staleAttemptMs: number;
  /** How long a request waits for another request's in-flight attempt on the same order before answering "processing". */
  waitForInFlightMs: number;
}
