import type { Database, Kysely, Transaction } from "@pizza/db";
import type { Logger } from "pino";
import type { AuthUser } from "../auth/tokens.ts";
import { cancelAttempt } from "./cancel-attempt.ts";
import { assertNoOpenAttempt } from "./capture-rule.ts";
import { markCashCollected } from "./cash.ts";
import { type CommitRule, defaultCommit } from "./commit-rule.ts";
import { confirmAction } from "./confirm-action.ts";
import type { CardGateway } from "./gateway/payment-gateway.ts";
import { queueGoodwillRefund, refundableOf } from "./goodwill-refund.ts";
import type { OrdersForLedger } from "./order-link.ts";
import { paymentConfig } from "./payment-config.ts";
import { noPaymentMetrics, type PaymentMetrics } from "./payment-metrics.ts";
import type { PaymentRow } from "./payment-rows.ts";
import { paymentView } from "./payment-views.ts";
import type {
  TConfirmActionRequest,
  TPaymentConfig,
  TPaymentResult,
  TPaymentView,
  TProcessPaymentRequest,
  TSavedCard,
} from "./payments.schemas.ts";
import {
  GatewayCalls,
  noFaults,
  type PaymentFaults,
  type PaymentsContext,
  type RetryPolicy,
} from "./payments-context.ts";
import { captureOnApprovalEvent } from "./paypal-return.ts";
import { processPayment } from "./process-payment.ts";
import { Reconciler } from "./reconciliation.ts";
import { Refunds } from "./refunds.ts";
import { removeSavedCard, savedCards } from "./saved-cards.ts";
import { handleWebhook } from "./webhook-events.ts";

type Trx = Transaction<Database>;

export type { FaultStage, PaymentFaults, RetryPolicy } from "./payments-context.ts";

export interface PaymentsDeps {
  db: Kysely<Database>;
  gateway: CardGateway;
  log: Logger;
  /** The orders module: the only one that reads and moves an order (order-link.ts). */
  orders: OrdersForLedger;
  retry?: Partial<RetryPolicy>;
  /**
   * An attempt's lease: renewed every third of this while its process talks to the gateway; one older
   * than this was abandoned by a dead process and is reconciled before anything new is tried.
   */
  staleAttemptMs?: number;
  /** How long a request waits for another request's in-flight attempt on the same order before answering "processing". */
  waitForInFlightMs?: number;
  /** Fault injection (payments-context.ts): tests only; production passes none and gets `noFaults`. */
  faults?: PaymentFaults;
  random?: () => number;
  metrics?: PaymentMetrics;
  /** How confirmations and refunds commit (commit-rule.ts); default: the server's default. */
  commitRule?: CommitRule;
}

/**
 * Card payments with exactly-once charging (pay-by-card.ts), cash on delivery (cash.ts), refunds
 * (refunds.ts), webhooks (webhook-events.ts) and reconciliation (reconciliation.ts). This object only
 * wires them: each method hands over to the file that holds the use case.
 */
export class PaymentsService {
  readonly gateway: CardGateway;
  private readonly ctx: PaymentsContext;
  private readonly refunds: Refunds;
  private readonly reconciler: Reconciler;

  constructor(deps: PaymentsDeps) {
    this.gateway = deps.gateway;
    const random = deps.random ?? Math.random;
    const metrics = deps.metrics ?? noPaymentMetrics;
    this.ctx = {
      db: deps.db,
      gateway: deps.gateway,
      log: deps.log,
      calls: new GatewayCalls(
        metrics,
        { maxTries: 4, baseDelayMs: 100, maxDelayMs: 2_000, ...deps.retry },
        random,
      ),
      ledger: {
        orders: deps.orders,
        log: deps.log,
        onRefundQueued: (paymentId, refundId) => this.refunds.schedule(paymentId, refundId),
        commitRule: deps.commitRule ?? defaultCommit,
      },
      metrics,
      random,
      faults: deps.faults ?? noFaults,
      staleAttemptMs: deps.staleAttemptMs ?? 30_000,
      waitForInFlightMs: deps.waitForInFlightMs ?? 15_000,
    };
    this.refunds = new Refunds(this.ctx);
    this.reconciler = new Reconciler(this.ctx, this.refunds);
  }

  config(): TPaymentConfig {
    return paymentConfig(this.gateway);
  }

  // ── the parts other modules and the HTTP layer call ─────────────────────────────────────

  /** POST /webhooks/stripe and the simulation's deliveries (webhook-events.ts). */
  handleWebhook(rawBody: Buffer | string, signature: string | undefined) {
    return handleWebhook(this.ctx, rawBody, signature, (intentId) =>
      captureOnApprovalEvent(this.ctx, this.reconciler, intentId),
    );
  }

  /** The restart / periodic sweep (reconciliation.ts). */
  reconcile(opts: { olderThanMs?: number } = {}) {
    return this.reconciler.sweep(opts);
  }

  /** The orders module's cancel hook (refunds.ts). */
  onOrderCancelled(trx: Trx, orderId: string, reason = "order cancelled") {
    return this.refunds.onOrderCancelled(trx, orderId, reason);
  }

  /**
   * The orders module's update hook: no change while an attempt is open (409, capture-rule.ts), then
   * the refund of a smaller total of a paid order (refunds.ts).
   */
  async onOrderRepriced(trx: Trx, orderId: string, total: number, orderVersion: number) {
    await assertNoOpenAttempt(trx, orderId);
    return this.refunds.onOrderRepriced(trx, orderId, total, orderVersion);
  }

  refundOrder(orderId: string, opts: { amount?: number; reason: string; key: string }) {
    return this.refunds.refundOrder(orderId, opts);
  }

  /** What of an order's payment can still be refunded; null when nothing was paid (goodwill-refund.ts). */
  refundableOf(orderId: string, db: Kysely<Database> = this.ctx.db) {
    return refundableOf(db, orderId);
  }

  /** A store's refund (help with an order), queued in the caller's transaction, bounded, once per key. */
  queueGoodwillRefund(trx: Trx, orderId: string, opts: { amount: number; reason: string; key: string }) {
    return queueGoodwillRefund(trx, this.ctx.ledger, orderId, opts);
  }

  /** Waits for refunds being sent in the background (graceful shutdown, and tests). */
  settled(): Promise<void> {
    return this.refunds.settled();
  }

  /** The delivery module, when the driver hands over a cash order (cash.ts). */
  markCashCollected(orderId: string, amount: number, trx?: Trx): Promise<PaymentRow> {
    return markCashCollected(this.ctx.db, this.ctx.ledger.orders, this.gateway.name, orderId, amount, trx);
  }

  // ── the customer's procedures (payments.router.ts) ──────────────────────────────────────

  /** payment.getPayment (payment-views.ts). */
  getPayment(caller: AuthUser, orderId: string): Promise<TPaymentView> {
    return paymentView(this.ctx.db, this.ctx.ledger.orders, caller, orderId);
  }

  /** payment.processPayment (process-payment.ts). */
  processPayment(caller: AuthUser, input: TProcessPaymentRequest): Promise<TPaymentResult> {
    return processPayment(this.ctx, this.reconciler, caller, input);
  }

  /** After 3-D Secure (confirm-action.ts). */
  confirmAction(caller: AuthUser, input: TConfirmActionRequest): Promise<TPaymentResult> {
    return confirmAction(this.ctx, this.reconciler, caller, input);
  }

  /** The customer gives up on a waiting 3-D Secure challenge (cancel-attempt.ts). */
  cancelAttempt(caller: AuthUser, input: { orderId: string }): Promise<TPaymentResult> {
    return cancelAttempt(this.ctx, this.reconciler, caller, input.orderId);
  }

  /** payment.savedCards: the caller's own cards kept at Stripe (saved-cards.ts). */
  savedCards(caller: AuthUser): Promise<TSavedCard[]> {
    return savedCards(this.ctx, caller);
  }

  /** payment.removeSavedCard: detaches one of the caller's saved cards; answers the cards left (saved-cards.ts). */
  removeSavedCard(caller: AuthUser, cardId: string): Promise<TSavedCard[]> {
    return removeSavedCard(this.ctx, caller, cardId);
  }
}
