import type { Database, Kysely, Transaction } from "@pizza/db";
import type { Logger } from "pino";
import { AppError, badRequest, conflict, notFound, preconditionFailed } from "../../errors.ts";
import type { AuthUser } from "../auth/tokens.ts";
import { cancelAttempt } from "./cancel-attempt.ts";
import { assertNoOpenAttempt } from "./capture-rule.ts";
import { markCashCollected, openCashPayment } from "./cash.ts";
import {
  GatewayError,
  type GatewayIntent,
  type GatewayPaymentMethod,
  type PaymentGateway,
  TEST_CARDS,
} from "./gateway/payment-gateway.ts";
import { SimulatedGateway } from "./gateway/simulated-gateway.ts";
import type { OrdersForLedger } from "./order-link.ts";
import {
  ATTEMPT_COLUMNS,
  type AttemptRow,
  attemptsOf,
  ensurePayment,
  type LedgerContext,
  lockPayment,
  normalize,
  OPEN,
  orderOf,
  ownOrderOf,
  PAID,
  PAYMENT_COLUMNS,
  type PaymentRow,
  paymentEvent,
  paymentRow,
} from "./payment-ledger.ts";
import { noPaymentMetrics, type PaymentMetrics } from "./payment-metrics.ts";
import { currentResult, paymentView, resultOf } from "./payment-views.ts";
import type {
  TConfirmActionRequest,
  TPaymentConfig,
  TPaymentResult,
  TPaymentView,
  TProcessPaymentRequest,
} from "./payments.schemas.ts";
import {
  type CrashPoint,
  GatewayCalls,
  type PaymentsContext,
  type RetryPolicy,
  sleep,
} from "./payments-context.ts";
import { Reconciler } from "./reconciliation.ts";
import { Refunds } from "./refunds.ts";
import { handleWebhook } from "./webhook-events.ts";

type Trx = Transaction<Database>;

export type { RetryPolicy } from "./payments-context.ts";

export interface PaymentsDeps {
  db: Kysely<Database>;
  gateway: PaymentGateway;
  log: Logger;
  /** The orders module: the only one that moves an order (`markPaid`, orders/mark-paid.ts). */
  orders: OrdersForLedger;
  retry?: Partial<RetryPolicy>;
  /**
   * An attempt's lease: renewed every third of this while its process talks to the gateway; one older
   * than this was abandoned by a dead process and is reconciled before anything new is tried.
   */
  staleAttemptMs?: number;
  /** How long a request waits for another request's in-flight attempt on the same order before answering "processing". */
  waitForInFlightMs?: number;
  /** Test seam: throwing at a stage is the process dying there. */
  crashPoint?: CrashPoint;
  random?: () => number;
  metrics?: PaymentMetrics;
}

/** Brand and last four of a card number; the number itself goes no further than the gateway call. */
function cardSummary(number: string): { brand: string; last4: string } {
  const brand = number.startsWith("4")
    ? "visa"
    : /^(5[1-5]|2[2-7])/.test(number)
      ? "mastercard"
      : /^3[47]/.test(number)
        ? "amex"
        : "card";
  return { brand, last4: number.slice(-4) };
}

type Step =
  | { kind: "replay"; payment: PaymentRow; attempt: AttemptRow }
  | { kind: "wait" }
  | { kind: "reconcile"; attemptId: string; supersede: boolean }
  | { kind: "attempt"; payment: PaymentRow; attempt: AttemptRow };

/**
 * Card payments with exactly-once charging, cash on delivery, refunds, webhooks and reconciliation.
 *
 * Why no order is charged twice: each order has one payment row (unique order_id) and the payment has
 * one gateway intent (created with the key `<paymentId>:intent`), which the gateway charges at most
 * once. On our side, a new attempt is only started under the order's and the payment's row locks when
 * no other attempt is in flight and the payment is not paid; the gateway call itself runs outside any
 * transaction, and its answer is applied idempotently (payment-ledger.ts) by whichever of the
 * synchronous path, the webhook (webhook-events.ts) or the sweep (reconciliation.ts) gets there first.
 */
export class PaymentsService {
  readonly gateway: PaymentGateway;
  private readonly ctx: PaymentsContext;
  private readonly ledger: LedgerContext;
  private readonly refunds: Refunds;
  private readonly reconciler: Reconciler;
  private readonly staleAttemptMs: number;
  private readonly waitForInFlightMs: number;

  constructor(deps: PaymentsDeps) {
    this.gateway = deps.gateway;
    this.staleAttemptMs = deps.staleAttemptMs ?? 30_000;
    this.waitForInFlightMs = deps.waitForInFlightMs ?? 15_000;
    const random = deps.random ?? Math.random;
    const metrics = deps.metrics ?? noPaymentMetrics;
    this.ledger = {
      orders: deps.orders,
      log: deps.log,
      onRefundQueued: (paymentId, refundId) => this.refunds.schedule(paymentId, refundId),
    };
    this.ctx = {
      db: deps.db,
      gateway: deps.gateway,
      log: deps.log,
      calls: new GatewayCalls(
        metrics,
        { maxTries: 4, baseDelayMs: 100, maxDelayMs: 2_000, ...deps.retry },
        random,
      ),
      ledger: this.ledger,
      metrics,
      random,
      crashPoint: deps.crashPoint,
    };
    this.refunds = new Refunds(this.ctx);
    this.reconciler = new Reconciler(this.ctx, this.refunds, this.staleAttemptMs);
  }

  config(): TPaymentConfig {
    const simulated = this.gateway.name === "simulated";
    return {
      gateway: this.gateway.name,
      publishableKey: this.gateway.publishableKey,
      testMode: this.gateway.testMode,
      testCards: simulated
        ? [
            { number: TEST_CARDS.succeeds, behaviour: "succeeds" },
            { number: TEST_CARDS.declined, behaviour: "declined" },
            { number: TEST_CARDS.insufficientFunds, behaviour: "declined: insufficient funds" },
            { number: TEST_CARDS.requires3ds, behaviour: "requires 3-D Secure authentication" },
          ]
        : [],
    };
  }

  // ── the parts other modules and the HTTP layer call ─────────────────────────────────────

  /** POST /webhooks/stripe and the simulation's deliveries (webhook-events.ts). */
  handleWebhook(rawBody: Buffer | string, signature: string | undefined) {
    return handleWebhook(this.ctx, rawBody, signature);
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

  /** Waits for refunds being sent in the background (tests, graceful shutdown). */
  settled(): Promise<void> {
    return this.refunds.settled();
  }

  /** The delivery module, when the driver hands over a cash order (cash.ts). */
  markCashCollected(orderId: string, amount: number, trx?: Trx): Promise<PaymentRow> {
    return markCashCollected(this.ctx.db, this.gateway.name, orderId, amount, trx);
  }

  getPayment(caller: AuthUser, orderId: string): Promise<TPaymentView> {
    return paymentView(this.ctx.db, caller, orderId);
  }

  // ── paying ───────────────────────────────────────────────────────────────────────────────

  async processPayment(caller: AuthUser, input: TProcessPaymentRequest): Promise<TPaymentResult> {
    try {
      const result = await this.pay(caller, input);
      this.ctx.metrics.outcome(result.status);
      return result;
    } catch (error) {
      this.ctx.metrics.outcome(error instanceof AppError ? "refused" : "error");
      throw error;
    }
  }

  private async pay(caller: AuthUser, input: TProcessPaymentRequest): Promise<TPaymentResult> {
    const { db } = this.ctx;
    const order = await ownOrderOf(db, caller, input.orderId);
    if (input.currency && input.currency !== order.currency) {
      throw badRequest(`This order is priced in ${order.currency}; it cannot be paid in ${input.currency}.`, {
        reason: "currency_mismatch",
        currency: order.currency,
      });
    }
    if (input.method.type === "cash") {
      const payment = await db
        .transaction()
        .execute((trx) => openCashPayment(trx, order.id, this.gateway.name));
      return resultOf(this.gateway, payment, undefined);
    }
    if (order.payment_method === "cash") {
      throw badRequest("This order is paid in cash on delivery; there is nothing to pay by card now.", {
        reason: "cash_order",
      });
    }
    if (input.method.type === "test_card" && this.gateway.name !== "simulated") {
      throw badRequest("Card numbers are not accepted by this server; please use the secure card form.", {
        reason: "card_data_refused",
      });
    }
    const method: GatewayPaymentMethod =
      input.method.type === "test_card"
        ? input.method
        : { type: "payment_method", id: input.method.paymentMethodId };
    const card = input.method.type === "test_card" ? cardSummary(input.method.number) : null;

    const deadline = Date.now() + this.waitForInFlightMs;
    let reconciles = 0;
    for (let round = 0; ; round++) {
      const step = await db.transaction().execute((trx) => this.nextStep(trx, input, card));
      switch (step.kind) {
        case "replay":
          // Outside the transaction: a requires_action replay asks the gateway for the client secret.
          return resultOf(this.gateway, step.payment, step.attempt);
        case "attempt":
          return this.runAttempt(step.payment, step.attempt, method);
        case "reconcile":
          // The gateway may not know yet (processing) or not be reachable: then say so, never charge blindly.
          if (reconciles++ >= 2) return currentResult(db, this.gateway, input.orderId);
          await this.reconciler.settleAttempt(step.attemptId, { supersedeAction: step.supersede });
          break;
        case "wait": {
          if (Date.now() > deadline) return currentResult(db, this.gateway, input.orderId);
          // Another request's attempt is at the gateway; its answer decides what this one returns.
          const backoff = Math.min(250, 10 * 2 ** Math.min(round, 5));
          await sleep(backoff / 2 + this.ctx.random() * backoff);
          break;
        }
      }
    }
  }

  /** Under the order's and the payment's row locks: replay, refuse, wait for the one in flight, or start an attempt. */
  private async nextStep(
    trx: Trx,
    input: TProcessPaymentRequest,
    card: { brand: string; last4: string } | null,
  ): Promise<Step> {
    const order = await orderOf(trx, input.orderId, { forUpdate: true });
    if (!order) throw notFound("We could not find that order.");
    let payment = await ensurePayment(trx, order, "card", this.gateway.name);
    const attempts = await attemptsOf(trx, payment.id);

    if (input.clientRequestId) {
      const mine = attempts.find((a) => a.client_request_id === input.clientRequestId);
      // Same request again: the same answer. Still in flight: handled below like any attempt in flight.
      if (mine && !OPEN.includes(mine.status)) return { kind: "replay", payment, attempt: mine };
    }
    if (PAID.includes(payment.status)) {
      throw conflict("This order is already paid.", { reason: "already_paid", paymentId: payment.id });
    }
    if (order.status === "cancelled") {
      throw preconditionFailed("This order was cancelled, so it cannot be paid.", {
        reason: "order_cancelled",
      });
    }
    if (order.status !== "pending_payment") {
      throw preconditionFailed(
        `This order is not waiting for a payment (it is ${order.status.replace(/_/g, " ")}).`,
        {
          reason: "not_payable",
        },
      );
    }
    if (payment.currency !== order.currency) {
      throw badRequest(
        `This order is priced in ${order.currency} but its payment was started in ${payment.currency}.`,
        {
          reason: "currency_mismatch",
        },
      );
    }
    const open = [...attempts].reverse().find((a) => OPEN.includes(a.status));
    if (open) {
      const fresh = Date.now() - new Date(open.updated_at).getTime() < this.staleAttemptMs;
      if (open.status === "started" && fresh) return { kind: "wait" };
      // Unknown, or abandoned by a process that died: ask the gateway before anything new.
      return { kind: "reconcile", attemptId: open.id, supersede: false };
    }
    const waiting = attempts.find((a) => a.status === "requires_action");
    if (waiting) return { kind: "reconcile", attemptId: waiting.id, supersede: true };

    const attemptNo = (attempts.at(-1)?.attempt_no ?? 0) + 1;
    if (order.total === 0) {
      // Nothing to charge (a promotion covered everything): paid without asking the gateway.
      const paid = normalize(
        await trx
          .updateTable("payments")
          .set({ status: "succeeded", amount: 0, updated_at: new Date() })
          .where("id", "=", payment.id)
          .returning(PAYMENT_COLUMNS)
          .executeTakeFirstOrThrow(),
      );
      const free = await trx
        .insertInto("payment_attempts")
        .values({
          payment_id: paid.id,
          attempt_no: attemptNo,
          idempotency_key: `${paid.id}:free`,
          client_request_id: input.clientRequestId ?? null,
          status: "succeeded",
          amount: 0,
          order_version: order.version,
          captured_amount: 0,
          updated_at: new Date(),
        })
        .returning(ATTEMPT_COLUMNS)
        .executeTakeFirstOrThrow();
      await paymentEvent(trx, "payment.succeeded", paid);
      const placed = await this.ledger.orders.markPaid(trx, order.id, { version: order.version, amount: 0 });
      if (!placed.placed) throw conflict("The order changed at the same moment; please try again.");
      return { kind: "replay", payment: paid, attempt: free };
    }
    if (payment.amount !== order.total || payment.status !== "processing") {
      payment = normalize(
        await trx
          .updateTable("payments")
          .set({ amount: order.total, status: "processing", updated_at: new Date() })
          .where("id", "=", payment.id)
          .returning(PAYMENT_COLUMNS)
          .executeTakeFirstOrThrow(),
      );
    }
    const attempt = await trx
      .insertInto("payment_attempts")
      .values({
        payment_id: payment.id,
        attempt_no: attemptNo,
        idempotency_key: `${payment.id}:${attemptNo}`,
        client_request_id: input.clientRequestId ?? null,
        status: "started",
        // The priced version this attempt charges: it may only place the order at this version (capture-rule.ts).
        amount: order.total,
        order_version: order.version,
        card_brand: card?.brand ?? null,
        card_last4: card?.last4 ?? null,
        updated_at: new Date(),
      })
      .returning(ATTEMPT_COLUMNS)
      .executeTakeFirstOrThrow();
    return { kind: "attempt", payment, attempt };
  }

  /** The gateway part of one attempt: no transaction is open while the gateway is called. */
  private async runAttempt(
    payment: PaymentRow,
    attempt: AttemptRow,
    method: GatewayPaymentMethod,
  ): Promise<TPaymentResult> {
    const { db, gateway, calls } = this.ctx;
    let intent: GatewayIntent;
    // The attempt's lease: while this process is alive and talking to the gateway, `updated_at` stays
    // fresh, so no other request takes the attempt for abandoned; a dead process stops renewing it.
    const heartbeat = setInterval(
      () => {
        void db
          .updateTable("payment_attempts")
          .set({ updated_at: new Date() })
          .where("id", "=", attempt.id)
          .where("status", "=", "started")
          .execute()
          .catch(() => undefined);
      },
      Math.max(50, Math.floor(this.staleAttemptMs / 3)),
    );
    try {
      const intentId = await this.ensureIntent(payment, attempt);
      intent = await calls.retrying(
        "confirm",
        () => gateway.confirm({ intentId, paymentMethod: method, idempotencyKey: attempt.idempotency_key }),
        async () => {
          // Before sending again, ask the gateway whether the lost request was already executed.
          const seen = await gateway.retrieve(intentId);
          return seen.status === "succeeded" || seen.status === "processing" ? seen : undefined;
        },
      );
    } catch (error) {
      if (!(error instanceof GatewayError)) throw error;
      return this.recordGatewayFailure(payment, attempt, error);
    } finally {
      clearInterval(heartbeat);
    }
    await this.ctx.crashPoint?.("after_gateway_answer");
    const { payment: after, attempt: recorded } = await this.reconciler.apply(payment.id, attempt.id, intent);
    return resultOf(gateway, after, recorded ?? attempt, intent);
  }

  /**
   * The payment's one intent: created once (its key is derived from the payment), its amount kept
   * equal to the order total. The amount is checked against the gateway itself (one read, only on a
   * retry after a decline), so a process that died between re-pricing and updating cannot make us
   * charge a stale amount.
   */
  private async ensureIntent(payment: PaymentRow, attempt: AttemptRow): Promise<string> {
    const { db, gateway, calls } = this.ctx;
    const ref = payment.gateway_ref;
    if (ref) {
      const current = await calls.retrying("retrieve", () => gateway.retrieve(ref));
      if (current.amount !== attempt.amount) {
        await calls.retrying("updateAmount", () =>
          gateway.updateAmount(ref, attempt.amount, `${attempt.idempotency_key}:amount`),
        );
      }
      return ref;
    }
    const create = (idempotencyKey: string) =>
      calls.retrying("createIntent", () =>
        gateway.createIntent({
          amount: attempt.amount,
          currency: payment.currency,
          idempotencyKey,
          metadata: { payment_id: payment.id, order_id: payment.order_id, region_code: payment.region_code },
          description: `Pizza order ${payment.order_id}`,
        }),
      );
    // After a capture was refunded or a challenge cancelled, the old intent is retired (gateway_ref
    // cleared): the next one must be a new intent, never a replay of the first creation.
    const retired = await db
      .selectFrom("payment_attempts")
      .select("id")
      .where("payment_id", "=", payment.id)
      .where("gateway_ref", "is not", null)
      .where("gateway_ref", "!=", "")
      .executeTakeFirst();
    let intent: GatewayIntent;
    try {
      intent = await create(retired ? `${payment.id}:intent:${attempt.attempt_no}` : `${payment.id}:intent`);
    } catch (error) {
      // An earlier creation's answer was lost and the total changed since, so the key's parameters differ.
      // That intent was never confirmed (we never learnt its id), so a fresh one is safe.
      if (!(error instanceof GatewayError && error.code === "idempotency_error")) throw error;
      intent = await create(`${payment.id}:intent:${attempt.attempt_no}`);
    }
    await this.ctx.crashPoint?.("after_intent_created");
    if (intent.amount !== attempt.amount) {
      await calls.retrying("updateAmount", () =>
        gateway.updateAmount(intent.id, attempt.amount, `${attempt.idempotency_key}:amount`),
      );
    }
    await db
      .updateTable("payments")
      .set({ gateway_ref: intent.id, updated_at: new Date() })
      .where("id", "=", payment.id)
      .where("gateway_ref", "is", null)
      .execute();
    return intent.id;
  }

  private async recordGatewayFailure(
    payment: PaymentRow,
    attempt: AttemptRow,
    error: GatewayError,
  ): Promise<TPaymentResult> {
    const { db, gateway, log } = this.ctx;
    log.warn(
      { paymentId: payment.id, attemptNo: attempt.attempt_no, kind: error.kind, code: error.code },
      "gateway call failed",
    );
    if (error.kind === "invalid") {
      // e.g. the intent already succeeded (a webhook or 3-D Secure got there first): the gateway's view decides.
      const intentId = (await paymentRow(db, payment.id))?.gateway_ref;
      const seen = intentId ? await gateway.retrieve(intentId).catch(() => undefined) : undefined;
      if (seen?.status === "succeeded") {
        const { payment: after, attempt: recorded } = await this.reconciler.apply(
          payment.id,
          attempt.id,
          seen,
        );
        return resultOf(gateway, after, recorded ?? attempt, seen);
      }
      await db.transaction().execute(async (trx) => {
        const locked = await lockPayment(trx, payment.id);
        const current = (await attemptsOf(trx, payment.id)).find((a) => a.id === attempt.id);
        if (!locked || !current || !OPEN.includes(current.status)) return;
        await trx
          .updateTable("payment_attempts")
          .set({
            status: "failed",
            error_code: error.code ?? "gateway_refused",
            error_message: "The payment could not be processed. Please try again or use another card.",
            updated_at: new Date(),
          })
          .where("id", "=", attempt.id)
          .execute();
        if (!PAID.includes(locked.status) && locked.status !== "cancelled") {
          await trx
            .updateTable("payments")
            .set({ status: "failed", updated_at: new Date() })
            .where("id", "=", payment.id)
            .execute();
          await paymentEvent(
            trx,
            "payment.failed",
            { ...locked, status: "failed" },
            { reason: "The payment could not be processed.", attemptNo: attempt.attempt_no },
          );
        }
      });
    } else {
      // Not known whether the card was charged: leave it to the webhook or the sweep, never charge again blindly.
      await db
        .updateTable("payment_attempts")
        .set({ status: "unknown", updated_at: new Date() })
        .where("id", "=", attempt.id)
        .where("status", "=", "started")
        .execute();
    }
    return currentResult(db, gateway, payment.order_id, attempt.id);
  }

  /** The customer gives up on a waiting 3-D Secure challenge (cancel-attempt.ts). */
  cancelAttempt(caller: AuthUser, input: { orderId: string }): Promise<TPaymentResult> {
    return cancelAttempt(this.ctx, this.reconciler, caller, input.orderId);
  }

  /** After 3-D Secure: asks the gateway how the authentication went and records it. */
  async confirmAction(caller: AuthUser, input: TConfirmActionRequest): Promise<TPaymentResult> {
    const { db, gateway, calls } = this.ctx;
    const order = await ownOrderOf(db, caller, input.orderId);
    const row = await db
      .selectFrom("payments")
      .select(PAYMENT_COLUMNS)
      .where("order_id", "=", order.id)
      .executeTakeFirst();
    const intentId = row?.gateway_ref;
    if (!row || !intentId) {
      throw preconditionFailed("There is no card payment waiting for authentication on this order.");
    }
    const payment = normalize(row);
    const attempts = await db
      .selectFrom("payment_attempts")
      .select(ATTEMPT_COLUMNS)
      .where("payment_id", "=", payment.id)
      .orderBy("attempt_no")
      .execute();
    const waiting = [...attempts].reverse().find((a) => a.status === "requires_action");
    if (!waiting) {
      const last = attempts.at(-1);
      if (last && (last.status === "succeeded" || PAID.includes(payment.status)))
        return resultOf(gateway, payment, last);
      throw preconditionFailed("There is no card payment waiting for authentication on this order.");
    }
    if (input.simulatedOutcome) {
      if (!(gateway instanceof SimulatedGateway)) {
        throw badRequest("simulatedOutcome is only accepted by the simulated gateway.");
      }
      await gateway.completeAction(intentId, input.simulatedOutcome === "approve");
    }
    const intent = await calls.retrying("retrieve", () => gateway.retrieve(intentId));
    if (intent.status === "requires_action") return resultOf(gateway, payment, waiting, intent);
    const { payment: after, attempt } = await this.reconciler.apply(payment.id, waiting.id, intent);
    return resultOf(gateway, after, attempt ?? waiting, intent);
  }
}
