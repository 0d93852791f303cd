import type { Database, Kysely, Transaction } from "@pizza/db";
import type { Logger } from "pino";
import { AppError, badRequest, conflict, forbidden, notFound, preconditionFailed } from "../../errors.ts";
import type { AuthUser } from "../auth/tokens.ts";
import {
  GatewayError,
  type GatewayIntent,
  type GatewayPaymentMethod,
  type PaymentGateway,
  TEST_CARDS,
} from "./gateway/payment-gateway.ts";
import { SimulatedGateway } from "./gateway/simulated-gateway.ts";
import { moveOrderToPlaced, type OrderTransitions } from "./order-link.ts";
import {
  ATTEMPT_COLUMNS,
  type AttemptRow,
  applyIntent,
  attemptsOf,
  type LedgerContext,
  lockPayment,
  normalize,
  OPEN,
  orderOf,
  PAID,
  PAYMENT_COLUMNS,
  type PaymentRow,
  paymentEvent,
  queueRefund,
  raiseRefunded,
} from "./payment-ledger.ts";
import { noPaymentMetrics, type PaymentMetrics } from "./payment-metrics.ts";
import type {
  TConfirmActionRequest,
  TPaymentConfig,
  TPaymentResult,
  TPaymentView,
  TProcessPaymentRequest,
} from "./payments.schemas.ts";

type Trx = Transaction<Database>;

export interface RetryPolicy {
  /** Tries of one gateway call under the same idempotency key (1 = no retry). */
  maxTries: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export interface PaymentsDeps {
  db: Kysely<Database>;
  gateway: PaymentGateway;
  log: Logger;
  /** The orders module's state machine; without it payments moves the order itself (see order-link.ts). */
  orders?: OrderTransitions | undefined;
  retry?: Partial<RetryPolicy>;
  /** An attempt whose lease (renewed every third of this while its process is at the gateway) is older than this was abandoned by a dead process, and is reconciled. */
  staleAttemptMs?: number;
  /** How long a request waits for another request's in-flight attempt on the same order before answering "processing". */
  waitForInFlightMs?: number;
  /** Test seam: runs between the gateway's answer and our commit; throwing there is a process dying there. */
  crashPoint?: (
    stage: "after_intent_created" | "after_gateway_answer" | "after_refund_answer",
  ) => void | Promise<void>;
  random?: () => number;
  metrics?: PaymentMetrics;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

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
 * once. On our side, a new attempt is only started under the payment's row lock when no other attempt
 * is in flight and the payment is not paid; the gateway call itself runs outside any transaction, and
 * its answer is applied idempotently (payment-ledger.ts) by whichever of the synchronous path, the
 * webhook or the sweep gets there first.
 */
export class PaymentsService {
  readonly gateway: PaymentGateway;
  private readonly db: Kysely<Database>;
  private readonly log: Logger;
  private readonly retry: RetryPolicy;
  private readonly staleAttemptMs: number;
  private readonly waitForInFlightMs: number;
  private readonly crashPoint: PaymentsDeps["crashPoint"];
  private readonly random: () => number;
  private readonly metrics: PaymentMetrics;
  private readonly ledger: LedgerContext;
  private orders: OrderTransitions | undefined;
  private readonly refundRuns = new Set<Promise<unknown>>();

  constructor(deps: PaymentsDeps) {
    this.db = deps.db;
    this.gateway = deps.gateway;
    this.log = deps.log;
    this.orders = deps.orders;
    this.retry = { maxTries: 4, baseDelayMs: 100, maxDelayMs: 2_000, ...deps.retry };
    this.staleAttemptMs = deps.staleAttemptMs ?? 30_000;
    this.waitForInFlightMs = deps.waitForInFlightMs ?? 15_000;
    this.crashPoint = deps.crashPoint;
    this.random = deps.random ?? Math.random;
    this.metrics = deps.metrics ?? noPaymentMetrics;
    this.ledger = {
      orders: undefined,
      log: this.log,
      onRefundQueued: (paymentId, refundId) => {
        const run = this.sendAfterCommit(paymentId, refundId).catch((error: unknown) =>
          this.log.warn({ err: error, paymentId }, "refund not sent yet; the sweep will retry"),
        );
        this.refundRuns.add(run);
        void run.finally(() => this.refundRuns.delete(run));
      },
    };
    this.ledger.orders = this.orders;
  }

  /** Wires the orders module's state machine once it exists (the platform calls this). */
  useOrders(orders: OrderTransitions): void {
    this.orders = orders;
    this.ledger.orders = orders;
  }

  /**
   * A refund is queued inside someone else's transaction (the order's cancel): it is sent once that
   * transaction has committed, i.e. once its row is visible. A rolled-back one never appears; the sweep
   * covers a process that dies before sending.
   */
  private async sendAfterCommit(paymentId: string, refundId: string): Promise<void> {
    for (let i = 0; i < 14; i++) {
      await sleep(Math.min(1_000, 2 * 2 ** i));
      const row = await this.db
        .selectFrom("refunds")
        .select(["status"])
        .where("id", "=", refundId)
        .executeTakeFirst();
      if (row) {
        if (row.status === "pending") await this.sendPendingRefunds(paymentId);
        return;
      }
    }
  }

  /** Waits for refunds queued in the background (tests, graceful shutdown). */
  async settled(): Promise<void> {
    while (this.refundRuns.size > 0) await Promise.allSettled([...this.refundRuns]);
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

  // ── paying ───────────────────────────────────────────────────────────────────────────────

  async processPayment(caller: AuthUser, input: TProcessPaymentRequest): Promise<TPaymentResult> {
    try {
      const result = await this.pay(caller, input);
      this.metrics.outcome(result.status);
      return result;
    } catch (error) {
      this.metrics.outcome(error instanceof AppError ? "refused" : "error");
      throw error;
    }
  }

  private async pay(caller: AuthUser, input: TProcessPaymentRequest): Promise<TPaymentResult> {
    const order = await orderOf(this.db, input.orderId);
    if (!order) throw notFound("We could not find that order.");
    if (caller.role !== "admin" && order.customer_id !== caller.id) {
      throw forbidden("This order belongs to another customer; you can only pay for your own orders.");
    }
    if (input.currency && input.currency !== order.currency) {
      throw badRequest(`This order is priced in ${order.currency}; it cannot be paid in ${input.currency}.`, {
        reason: "currency_mismatch",
        currency: order.currency,
      });
    }
    if (input.method.type === "cash") return this.chooseCash(order.id);
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
      const step = await this.db.transaction().execute((trx) => this.nextStep(trx, input, card));
      switch (step.kind) {
        case "replay":
          // Outside the transaction: a requires_action replay asks the gateway for the client secret.
          return this.resultOf(step.payment, step.attempt);
        case "attempt":
          return this.runAttempt(step.payment, step.attempt, method);
        case "reconcile":
          // The gateway may not know yet (processing) or not be reachable: then say so, never charge blindly.
          if (reconciles++ >= 2) return this.currentResult(input.orderId);
          await this.reconcileAttempt(step.attemptId, { supersedeAction: step.supersede });
          break;
        case "wait": {
          if (Date.now() > deadline) return this.currentResult(input.orderId);
          // Another request's attempt is at the gateway; its answer decides what this one returns.
          const backoff = Math.min(250, 10 * 2 ** Math.min(round, 5));
          await sleep(backoff / 2 + this.random() * backoff);
          break;
        }
      }
    }
  }

  /** Under the payment's row lock: replay, refuse, wait for the one in flight, or start a new attempt. */
  private async nextStep(
    trx: Trx,
    input: TProcessPaymentRequest,
    card: { brand: string; last4: string } | null,
  ): Promise<Step> {
    const order = await orderOf(trx, input.orderId, { forUpdate: true });
    if (!order) throw notFound("We could not find that order.");
    let payment = await this.ensurePayment(trx, order, "card");
    const attempts = await attemptsOf(trx, payment.id);

    if (input.clientRequestId) {
      const mine = attempts.find((a) => a.client_request_id === input.clientRequestId);
      // Same request again: the same answer. Still in flight: handled below like any attempt in flight.
      if (mine && !OPEN.includes(mine.status)) {
        return { kind: "replay", payment, attempt: mine };
      }
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
          attempt_no: (attempts.at(-1)?.attempt_no ?? 0) + 1,
          idempotency_key: `${paid.id}:free`,
          client_request_id: input.clientRequestId ?? null,
          status: "succeeded",
          amount: 0,
          updated_at: new Date(),
        })
        .returning(ATTEMPT_COLUMNS)
        .executeTakeFirstOrThrow();
      await paymentEvent(trx, "payment.succeeded", paid);
      await moveOrderToPlaced(trx, order, this.orders);
      return { kind: "replay", payment: paid, attempt: free };
    }
    if (payment.amount !== order.total || payment.status !== "processing") {
      const updated = await trx
        .updateTable("payments")
        .set({ amount: order.total, status: "processing", updated_at: new Date() })
        .where("id", "=", payment.id)
        .returning(PAYMENT_COLUMNS)
        .executeTakeFirstOrThrow();
      payment = normalize(updated);
    }
    const attemptNo = (attempts.at(-1)?.attempt_no ?? 0) + 1;
    const attempt = await trx
      .insertInto("payment_attempts")
      .values({
        payment_id: payment.id,
        attempt_no: attemptNo,
        idempotency_key: `${payment.id}:${attemptNo}`,
        client_request_id: input.clientRequestId ?? null,
        status: "started",
        amount: order.total,
        card_brand: card?.brand ?? null,
        card_last4: card?.last4 ?? null,
        updated_at: new Date(),
      })
      .returning(ATTEMPT_COLUMNS)
      .executeTakeFirstOrThrow();
    return { kind: "attempt", payment, attempt };
  }

  private async ensurePayment(
    trx: Trx,
    order: NonNullable<Awaited<ReturnType<typeof orderOf>>>,
    method: "card" | "cash",
  ): Promise<PaymentRow> {
    await trx
      .insertInto("payments")
      .values({
        order_id: order.id,
        region_code: order.region_code,
        customer_id: order.customer_id,
        method,
        gateway: method === "cash" ? "cash" : this.gateway.name,
        amount: order.total,
        currency: order.currency,
        status: "pending",
        updated_at: new Date(),
      })
      .onConflict((oc) => oc.column("order_id").doNothing())
      .execute();
    const payment = await trx
      .selectFrom("payments")
      .select(PAYMENT_COLUMNS)
      .where("order_id", "=", order.id)
      .forUpdate()
      .executeTakeFirstOrThrow();
    return normalize(payment);
  }

  /** The gateway part of one attempt: no transaction is open while the gateway is called. */
  private async runAttempt(
    payment: PaymentRow,
    attempt: AttemptRow,
    method: GatewayPaymentMethod,
  ): Promise<TPaymentResult> {
    let intent: GatewayIntent;
    // The attempt's lease: while this process is alive and talking to the gateway, `updated_at` stays
    // fresh, so no other request takes the attempt for abandoned; a dead process stops renewing it.
    const heartbeat = setInterval(
      () => {
        void this.db
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
      intent = await this.withRetries(
        "confirm",
        () =>
          this.gateway.confirm({ intentId, paymentMethod: method, idempotencyKey: attempt.idempotency_key }),
        async () => {
          // Before sending again, ask the gateway whether the lost request was already executed.
          const seen = await this.gateway.retrieve(intentId);
          return seen.status === "succeeded" || seen.status === "processing" ? seen : undefined;
        },
      );
    } catch (error) {
      clearInterval(heartbeat);
      if (!(error instanceof GatewayError)) throw error;
      return this.recordGatewayFailure(payment, attempt, error);
    }
    clearInterval(heartbeat);
    await this.crashPoint?.("after_gateway_answer");
    const { payment: after, attempt: recorded } = await this.apply(payment.id, attempt.id, intent);
    return this.resultOf(after, recorded ?? attempt, intent);
  }

  /**
   * The payment's one intent: created once (its key is derived from the payment), its amount kept
   * equal to the order total. The amount is checked against the gateway itself (one read, only on a
   * retry after a decline), so a process that died between re-pricing and updating cannot make us
   * charge a stale amount.
   */
  private async ensureIntent(payment: PaymentRow, attempt: AttemptRow): Promise<string> {
    const ref = payment.gateway_ref;
    if (ref) {
      const current = await this.withRetries("retrieve", () => this.gateway.retrieve(ref));
      if (current.amount !== attempt.amount) {
        await this.withRetries("updateAmount", () =>
          this.gateway.updateAmount(ref, attempt.amount, `${attempt.idempotency_key}:amount`),
        );
      }
      return ref;
    }
    const create = (idempotencyKey: string) =>
      this.withRetries("createIntent", () =>
        this.gateway.createIntent({
          amount: attempt.amount,
          currency: payment.currency,
          idempotencyKey,
          metadata: { payment_id: payment.id, order_id: payment.order_id, region_code: payment.region_code },
          description: `Pizza order ${payment.order_id}`,
        }),
      );
    let intent: GatewayIntent;
    try {
      intent = await create(`${payment.id}:intent`);
    } catch (error) {
      // An earlier creation's answer was lost and the total changed since, so the key's parameters differ.
      // That intent was never confirmed (we never learnt its id), so a fresh one is safe.
      if (!(error instanceof GatewayError && error.code === "idempotency_error")) throw error;
      intent = await create(`${payment.id}:intent:${attempt.attempt_no}`);
    }
    await this.crashPoint?.("after_intent_created");
    if (intent.amount !== attempt.amount) {
      await this.withRetries("updateAmount", () =>
        this.gateway.updateAmount(intent.id, attempt.amount, `${attempt.idempotency_key}:amount`),
      );
    }
    await this.db
      .updateTable("payments")
      .set({ gateway_ref: intent.id, updated_at: new Date() })
      .where("id", "=", payment.id)
      .where("gateway_ref", "is", null)
      .execute();
    return intent.id;
  }

  /**
   * Same idempotency key on every try; exponential backoff with full jitter. An unknown outcome is
   * first checked with `reconcile` (asking the gateway), and only resent when the gateway has no answer.
   */
  private async withRetries<T>(
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

  private async recordGatewayFailure(
    payment: PaymentRow,
    attempt: AttemptRow,
    error: GatewayError,
  ): Promise<TPaymentResult> {
    this.log.warn(
      { paymentId: payment.id, attemptNo: attempt.attempt_no, kind: error.kind, code: error.code },
      "gateway call failed",
    );
    if (error.kind === "invalid") {
      // e.g. the intent already succeeded (a webhook or 3-D Secure got there first): the gateway's view decides.
      const intentId = (await this.paymentRow(payment.id))?.gateway_ref;
      const seen = intentId ? await this.gateway.retrieve(intentId).catch(() => undefined) : undefined;
      if (seen?.status === "succeeded") {
        const { payment: after, attempt: recorded } = await this.apply(payment.id, attempt.id, seen);
        return this.resultOf(after, recorded ?? attempt, seen);
      }
      await this.db.transaction().execute(async (trx) => {
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
            {
              reason: "The payment could not be processed.",
              attemptNo: attempt.attempt_no,
            },
          );
        }
      });
    } else {
      // Not known whether the card was charged: leave it to the webhook or the sweep, never charge again blindly.
      await this.db
        .updateTable("payment_attempts")
        .set({ status: "unknown", updated_at: new Date() })
        .where("id", "=", attempt.id)
        .where("status", "=", "started")
        .execute();
    }
    return this.currentResult(payment.order_id, attempt.id);
  }

  /** Applies the gateway's view under the row lock; retried when the order moved at the same moment. */
  private async apply(paymentId: string, attemptId: string | null, intent: GatewayIntent) {
    for (let tryNo = 1; ; tryNo++) {
      try {
        return await this.db
          .transaction()
          .execute((trx) => applyIntent(trx, this.ledger, paymentId, attemptId, intent));
      } catch (error) {
        if (tryNo >= 5 || !retryable(error)) throw error;
        await sleep(this.random() * 20 * tryNo);
      }
    }
  }

  /**
   * Settles an attempt whose outcome we do not know (left `started` by a dead process, or `unknown`
   * after a timeout) by asking the gateway. Never charges. With `supersedeAction`, an attempt waiting
   * for 3-D Secure is closed so that a new card can be tried on the same intent.
   */
  async reconcileAttempt(attemptId: string, opts: { supersedeAction?: boolean } = {}): Promise<void> {
    const row = await this.db
      .selectFrom("payment_attempts as a")
      .innerJoin("payments as p", "p.id", "a.payment_id")
      .select([
        "a.id",
        "a.status",
        "a.payment_id",
        "a.idempotency_key",
        "p.gateway_ref",
        "p.currency",
        "p.order_id",
        "p.region_code",
        "a.amount",
      ])
      .where("a.id", "=", attemptId)
      .executeTakeFirst();
    if (!row || row.status === "succeeded" || row.status === "failed") return;
    const intentId = row.gateway_ref;
    if (!intentId) {
      // The confirmation is only ever sent after the intent's id is stored, so nothing was charged.
      await this.apply(row.payment_id, row.id, abandonedIntent(row.amount, row.currency));
      return;
    }
    let intent: GatewayIntent;
    try {
      intent = await this.withRetries("retrieve", () => this.gateway.retrieve(intentId));
    } catch (error) {
      this.log.warn({ err: error, attemptId }, "gateway unreachable while reconciling; will try again");
      return;
    }
    if (intent.status === "requires_action" && opts.supersedeAction) {
      await this.apply(row.payment_id, row.id, {
        ...intent,
        status: "requires_payment_method",
        lastError: null,
      });
      await this.db
        .updateTable("payment_attempts")
        .set({
          error_code: "superseded",
          error_message: "Replaced by a new attempt before authentication finished.",
          updated_at: new Date(),
        })
        .where("id", "=", row.id)
        .where("status", "=", "failed")
        .execute();
      return;
    }
    await this.apply(row.payment_id, row.id, intent);
  }

  /**
   * The restart sweep: attempts left in `started`/`unknown` for longer than `olderThanMs` are settled by
   * asking the gateway, and refunds still `pending` are sent. Safe to run on several nodes at once.
   */
  async reconcile(opts: { olderThanMs?: number } = {}): Promise<{ attempts: number; refunds: number }> {
    const cutoff = new Date(Date.now() - (opts.olderThanMs ?? this.staleAttemptMs));
    const stale = await this.db
      .selectFrom("payment_attempts")
      .select(["id"])
      .where("status", "in", ["started", "unknown"])
      .where("updated_at", "<=", cutoff)
      .orderBy("updated_at")
      .limit(500)
      .execute();
    this.metrics.reconciled(stale.length);
    for (const a of stale) {
      await this.reconcileAttempt(a.id).catch((error: unknown) =>
        this.log.warn({ err: error, attemptId: a.id }, "reconcile failed"),
      );
    }
    const pending = await this.db
      .selectFrom("refunds")
      .select(["payment_id"])
      .distinct()
      .where("status", "=", "pending")
      .where("created_at", "<=", cutoff)
      .limit(500)
      .execute();
    for (const r of pending) {
      await this.sendPendingRefunds(r.payment_id).catch((error: unknown) =>
        this.log.warn({ err: error, paymentId: r.payment_id }, "refund retry failed"),
      );
    }
    return { attempts: stale.length, refunds: pending.length };
  }

  /** After 3-D Secure: asks the gateway how the authentication went and records it. */
  async confirmAction(caller: AuthUser, input: TConfirmActionRequest): Promise<TPaymentResult> {
    const order = await orderOf(this.db, input.orderId);
    if (!order) throw notFound("We could not find that order.");
    if (caller.role !== "admin" && order.customer_id !== caller.id) {
      throw forbidden("This order belongs to another customer; you can only pay for your own orders.");
    }
    const payment = await this.db
      .selectFrom("payments")
      .select(PAYMENT_COLUMNS)
      .where("order_id", "=", order.id)
      .executeTakeFirst();
    if (!payment?.gateway_ref)
      throw preconditionFailed("There is no card payment waiting for authentication on this order.");
    const attempts = await this.db
      .selectFrom("payment_attempts")
      .select(ATTEMPT_COLUMNS)
      .where("payment_id", "=", payment.id)
      .orderBy("attempt_no")
      .execute();
    const waiting = [...attempts].reverse().find((a) => a.status === "requires_action");
    if (!waiting) {
      const last = attempts.at(-1);
      if (last && (last.status === "succeeded" || PAID.includes(payment.status)))
        return this.resultOf(normalize(payment), last);
      throw preconditionFailed("There is no card payment waiting for authentication on this order.");
    }
    if (input.simulatedOutcome) {
      if (!(this.gateway instanceof SimulatedGateway)) {
        throw badRequest("simulatedOutcome is only accepted by the simulated gateway.");
      }
      await this.gateway.completeAction(payment.gateway_ref, input.simulatedOutcome === "approve");
    }
    const intent = await this.withRetries("retrieve", () => this.gateway.retrieve(payment.gateway_ref!));
    if (intent.status === "requires_action") return this.resultOf(normalize(payment), waiting, intent);
    const { payment: after, attempt } = await this.apply(payment.id, waiting.id, intent);
    return this.resultOf(after, attempt ?? waiting, intent);
  }

  // ── webhooks ─────────────────────────────────────────────────────────────────────────────

  /**
   * The one handler for gateway events (POST /webhooks/stripe, and the simulation's deliveries).
   * Throws WebhookSignatureError for a forged or stale signature, before anything is read or written.
   * Each event id is handled once: its webhook_events row is inserted in the same transaction as
   * its effects, so a replay, or two deliveries racing, change nothing.
   */
  async handleWebhook(
    rawBody: Buffer | string,
    signature: string | undefined,
  ): Promise<{ eventId: string; duplicate: boolean }> {
    const event = this.gateway.parseWebhook(rawBody, signature);
    const type = event.type === "other" ? event.gatewayType : event.type;
    for (let tryNo = 1; ; tryNo++) {
      try {
        const result = await this.db.transaction().execute(async (trx) => {
          const inserted = await trx
            .insertInto("webhook_events")
            .values({ id: event.id, gateway: this.gateway.name, type })
            .onConflict((oc) => oc.column("id").doNothing())
            .returning("id")
            .executeTakeFirst();
          if (!inserted) return { eventId: event.id, duplicate: true };
          await this.applyEvent(trx, event);
          await trx
            .updateTable("webhook_events")
            .set({ processed_at: new Date() })
            .where("id", "=", event.id)
            .execute();
          return { eventId: event.id, duplicate: false };
        });
        this.metrics.webhook(type, result.duplicate);
        return result;
      } catch (error) {
        if (tryNo >= 5 || !retryable(error)) throw error;
        await sleep(this.random() * 20 * tryNo);
      }
    }
  }

  private async applyEvent(trx: Trx, event: ReturnType<PaymentGateway["parseWebhook"]>): Promise<void> {
    if (event.type === "other") return;
    const intentId = event.type === "charge.refunded" ? event.charge.intentId : event.intent.id;
    const claimed = event.type === "charge.refunded" ? undefined : event.intent.metadata.payment_id;
    // Other integrations on the same Stripe account may put anything in metadata.
    const metadataPaymentId = claimed && UUID.test(claimed) ? claimed : undefined;
    const found = await trx
      .selectFrom("payments")
      .select(["id"])
      .where((eb) =>
        metadataPaymentId
          ? eb.or([eb("gateway_ref", "=", intentId), eb("id", "=", metadataPaymentId)])
          : eb("gateway_ref", "=", intentId),
      )
      .executeTakeFirst();
    if (!found) {
      this.log.info({ eventId: event.id, intentId }, "webhook for a payment we do not know; ignored");
      return;
    }
    if (event.type === "payment_intent.succeeded") {
      await applyIntent(trx, this.ledger, found.id, null, event.intent);
    } else if (event.type === "payment_intent.payment_failed") {
      // A failure cannot be tied to one attempt (Stripe's event does not carry our key), so it only
      // closes an attempt nobody else will settle: one waiting for 3-D Secure, or one of unknown outcome.
      const attempts = await attemptsOf(trx, found.id);
      const target = [...attempts]
        .reverse()
        .find((a) => a.status === "requires_action" || a.status === "unknown");
      if (target) await applyIntent(trx, this.ledger, found.id, target.id, event.intent);
    } else if (event.type === "charge.refunded") {
      const payment = await lockPayment(trx, found.id);
      if (!payment) return;
      if (event.charge.refundIds.length > 0) {
        await trx
          .updateTable("refunds")
          .set({ status: "succeeded" })
          .where("payment_id", "=", payment.id)
          .where("gateway_ref", "in", event.charge.refundIds)
          .where("status", "=", "pending")
          .execute();
      }
      await raiseRefunded(trx, payment, event.charge.amountRefunded);
    }
  }

  // ── refunds ──────────────────────────────────────────────────────────────────────────────

  /**
   * The orders module's cancel hook, inside its transaction: a paid order gets a full refund queued
   * (sent after commit); an unpaid payment is closed. Idempotent: cancelling twice queues one refund.
   */
  async onOrderCancelled(trx: Trx, orderId: string, reason = "order cancelled"): Promise<void> {
    const found = await trx
      .selectFrom("payments")
      .select(["id"])
      .where("order_id", "=", orderId)
      .executeTakeFirst();
    if (!found) return;
    const payment = await lockPayment(trx, found.id);
    if (!payment) return;
    if (PAID.includes(payment.status)) {
      await queueRefund(trx, this.ledger, payment, payment.amount, reason, `${payment.id}:refund:cancel`);
    } else if (payment.status !== "cancelled") {
      // An attempt still at the gateway may succeed later: applyIntent then sees the cancelled order and refunds.
      await trx
        .updateTable("payments")
        .set({ status: "cancelled", updated_at: new Date() })
        .where("id", "=", payment.id)
        .execute();
    }
  }

  /**
   * The orders module's update hook: when a paid order's total shrinks, the difference is refunded
   * (keyed by the order version, so a replayed update refunds once); before payment, the next attempt
   * simply charges the new total.
   */
  async onOrderRepriced(
    trx: Trx,
    orderId: string,
    total: number,
    orderVersion: number,
  ): Promise<{ refunded: number; due: number }> {
    const found = await trx
      .selectFrom("payments")
      .select(["id"])
      .where("order_id", "=", orderId)
      .executeTakeFirst();
    if (!found) return { refunded: 0, due: 0 };
    const payment = await lockPayment(trx, found.id);
    if (!payment) return { refunded: 0, due: 0 };
    if (!PAID.includes(payment.status)) {
      if (payment.method === "cash" && payment.amount !== total) {
        await trx
          .updateTable("payments")
          .set({ amount: total, updated_at: new Date() })
          .where("id", "=", payment.id)
          .execute();
      }
      return { refunded: 0, due: 0 };
    }
    const { committed } = await trx
      .selectFrom("refunds")
      .select((eb) => eb.fn.coalesce(eb.fn.sum<number>("amount"), eb.val(0)).as("committed"))
      .where("payment_id", "=", payment.id)
      .where("status", "in", ["pending", "succeeded"])
      .executeTakeFirstOrThrow();
    const kept = payment.amount - Math.max(Number(committed), payment.amount_refunded);
    if (total >= kept) return { refunded: 0, due: total - kept };
    const queued = await queueRefund(
      trx,
      this.ledger,
      payment,
      kept - total,
      "order total reduced",
      `${payment.id}:refund:v${orderVersion}`,
    );
    return { refunded: queued?.amount ?? 0, due: 0 };
  }

  /** Refunds (part of) a paid order now, e.g. by staff; idempotent on `key`. */
  async refundOrder(
    orderId: string,
    opts: { amount?: number; reason: string; key: string },
  ): Promise<PaymentRow> {
    const paymentId = await this.db.transaction().execute(async (trx) => {
      const found = await trx
        .selectFrom("payments")
        .select(["id"])
        .where("order_id", "=", orderId)
        .executeTakeFirst();
      const payment = found ? await lockPayment(trx, found.id) : undefined;
      if (!payment || !PAID.includes(payment.status))
        throw preconditionFailed("This order has no payment to refund.");
      await queueRefund(
        trx,
        this.ledger,
        payment,
        opts.amount ?? payment.amount,
        opts.reason,
        `${payment.id}:refund:${opts.key}`,
      );
      return payment.id;
    });
    await this.settled();
    await this.sendPendingRefunds(paymentId);
    return (await this.paymentRow(paymentId))!;
  }

  /** Sends every pending refund of a payment to the gateway (same key on every retry), then records it. */
  async sendPendingRefunds(paymentId: string): Promise<void> {
    const payment = await this.paymentRow(paymentId);
    if (!payment) return;
    const pending = await this.db
      .selectFrom("refunds")
      .select(["id", "amount", "idempotency_key", "reason"])
      .where("payment_id", "=", paymentId)
      .where("status", "=", "pending")
      .orderBy("created_at")
      .execute();
    for (const refund of pending) {
      if (payment.gateway === "cash" || !payment.gateway_ref) {
        // Cash is handed back at the store: recorded, nothing to send.
        await this.recordRefund(paymentId, refund.id, { id: null, status: "succeeded" });
        continue;
      }
      let answer: { id: string | null; status: "pending" | "succeeded" | "failed" };
      try {
        answer = await this.withRetries("refund", () =>
          this.gateway.refund({
            intentId: payment.gateway_ref!,
            amount: refund.amount,
            idempotencyKey: refund.idempotency_key,
            reason: "requested_by_customer",
            metadata: { payment_id: paymentId, order_id: payment.order_id, refund_id: refund.id },
          }),
        );
      } catch (error) {
        if (error instanceof GatewayError && error.kind === "invalid") {
          this.log.error({ err: error, refundId: refund.id }, "gateway refused a refund");
          await this.recordRefund(paymentId, refund.id, { id: null, status: "failed" });
          continue;
        }
        throw error;
      }
      await this.crashPoint?.("after_refund_answer");
      await this.recordRefund(paymentId, refund.id, answer);
    }
  }

  private async recordRefund(
    paymentId: string,
    refundId: string,
    answer: { id: string | null; status: "pending" | "succeeded" | "failed" },
  ) {
    await this.db.transaction().execute(async (trx) => {
      const payment = await lockPayment(trx, paymentId);
      if (!payment) return;
      await trx
        .updateTable("refunds")
        .set({ status: answer.status, gateway_ref: answer.id })
        .where("id", "=", refundId)
        .where("status", "=", "pending")
        .execute();
      await raiseRefunded(trx, payment, 0);
    });
  }

  // ── cash ─────────────────────────────────────────────────────────────────────────────────

  private async chooseCash(orderId: string): Promise<TPaymentResult> {
    return this.db.transaction().execute(async (trx) => {
      const order = await orderOf(trx, orderId, { forUpdate: true });
      if (!order) throw notFound("We could not find that order.");
      if (order.payment_method !== "cash") {
        throw badRequest(
          "This order was placed for card payment; cash on delivery is chosen when placing the order.",
          {
            reason: "card_order",
          },
        );
      }
      if (order.status === "cancelled")
        throw preconditionFailed("This order was cancelled, so it cannot be paid.", {
          reason: "order_cancelled",
        });
      const payment = await this.ensurePayment(trx, order, "cash");
      return this.resultOf(payment, undefined);
    });
  }

  /**
   * The delivery module's call when the driver hands over the order and takes the cash: the payment
   * becomes succeeded with the order total. Idempotent; `trx` lets it join the delivery's transaction.
   */
  async markCashCollected(orderId: string, amount: number, trx?: Trx): Promise<PaymentRow> {
    const run = async (t: Trx): Promise<PaymentRow> => {
      const order = await orderOf(t, orderId, { forUpdate: true });
      if (!order) throw notFound("We could not find that order.");
      if (order.payment_method !== "cash")
        throw badRequest("This order was paid by card; there is no cash to collect.");
      if (order.status === "cancelled") throw preconditionFailed("This order was cancelled; no cash is due.");
      let payment = await this.ensurePayment(t, order, "cash");
      if (PAID.includes(payment.status)) return payment;
      if (!Number.isInteger(amount) || amount < order.total) {
        throw badRequest(
          `The driver collected ${amount} but the order total is ${order.total} (${order.currency} minor units).`,
          {
            reason: "cash_short",
          },
        );
      }
      const updated = await t
        .updateTable("payments")
        .set({ status: "succeeded", amount: order.total, updated_at: new Date() })
        .where("id", "=", payment.id)
        .returning(PAYMENT_COLUMNS)
        .executeTakeFirstOrThrow();
      payment = normalize(updated);
      await t
        .insertInto("payment_attempts")
        .values({
          payment_id: payment.id,
          attempt_no: 1,
          idempotency_key: `${payment.id}:cash`,
          status: "succeeded",
          amount: order.total,
          updated_at: new Date(),
        })
        .onConflict((oc) => oc.column("idempotency_key").doNothing())
        .execute();
      await paymentEvent(t, "payment.succeeded", payment, { collected: amount });
      return payment;
    };
    return trx ? run(trx) : this.db.transaction().execute(run);
  }

  // ── reading ──────────────────────────────────────────────────────────────────────────────

  async getPayment(caller: AuthUser, orderId: string): Promise<TPaymentView> {
    const order = await this.db
      .selectFrom("orders")
      .select(["id", "customer_id", "store_id"])
      .where("id", "=", orderId)
      .executeTakeFirst();
    const allowed =
      order &&
      (caller.role === "admin" ||
        (caller.role === "customer" && order.customer_id === caller.id) ||
        (caller.role === "staff" && caller.storeId === order.store_id));
    if (!allowed) throw notFound("We could not find that order.");
    const payment = await this.db
      .selectFrom("payments")
      .select(PAYMENT_COLUMNS)
      .where("order_id", "=", orderId)
      .executeTakeFirst();
    if (!payment) return { orderId, payment: null };
    const [attempts, refunds] = await Promise.all([
      this.db
        .selectFrom("payment_attempts")
        .select(ATTEMPT_COLUMNS)
        .where("payment_id", "=", payment.id)
        .orderBy("attempt_no")
        .execute(),
      this.db
        .selectFrom("refunds")
        .select(["amount", "status", "reason", "created_at"])
        .where("payment_id", "=", payment.id)
        .orderBy("created_at")
        .execute(),
    ]);
    return {
      orderId,
      payment: {
        id: payment.id,
        method: payment.method,
        gateway: payment.gateway,
        status: payment.status,
        amount: payment.amount,
        amountRefunded: payment.amount_refunded,
        currency: payment.currency.trim(),
        updatedAt: new Date(payment.updated_at).toISOString(),
        attempts: attempts.map((a) => ({
          attemptNo: a.attempt_no,
          status: a.status,
          amount: a.amount,
          card: a.card_brand && a.card_last4 ? { brand: a.card_brand, last4: a.card_last4 } : null,
          declineReason: a.status === "failed" ? a.error_message : null,
          at: new Date(a.created_at).toISOString(),
        })),
        refunds: refunds.map((r) => ({
          amount: r.amount,
          status: r.status,
          reason: r.reason,
          at: new Date(r.created_at).toISOString(),
        })),
      },
    };
  }

  private async paymentRow(paymentId: string): Promise<PaymentRow | undefined> {
    const row = await this.db
      .selectFrom("payments")
      .select(PAYMENT_COLUMNS)
      .where("id", "=", paymentId)
      .executeTakeFirst();
    return row ? normalize(row) : undefined;
  }

  /** The answer for the order's payment as it stands (the named attempt, or the latest). */
  private async currentResult(orderId: string, attemptId?: string): Promise<TPaymentResult> {
    const payment = await this.db
      .selectFrom("payments")
      .select(PAYMENT_COLUMNS)
      .where("order_id", "=", orderId)
      .executeTakeFirstOrThrow();
    const attempts = await this.db
      .selectFrom("payment_attempts")
      .select(ATTEMPT_COLUMNS)
      .where("payment_id", "=", payment.id)
      .orderBy("attempt_no")
      .execute();
    const attempt = attemptId ? attempts.find((a) => a.id === attemptId) : attempts.at(-1);
    return this.resultOf(normalize(payment), attempt);
  }

  private async resultOf(
    payment: PaymentRow,
    attempt: AttemptRow | undefined,
    intent?: GatewayIntent,
  ): Promise<TPaymentResult> {
    const base = {
      paymentId: payment.id,
      orderId: payment.order_id,
      amount: attempt?.amount ?? payment.amount,
      currency: payment.currency,
      attemptNo: attempt?.attempt_no ?? null,
      clientSecret: null,
      nextAction: null,
      declineReason: null,
      declineCode: null,
      card:
        attempt?.card_brand && attempt.card_last4
          ? { brand: attempt.card_brand, last4: attempt.card_last4 }
          : null,
    };
    if (payment.method === "cash") {
      return { ...base, status: PAID.includes(payment.status) ? "succeeded" : "pending" };
    }
    if (PAID.includes(payment.status) && (!attempt || attempt.status === "succeeded"))
      return { ...base, status: "succeeded" };
    switch (attempt?.status) {
      case "succeeded":
        return { ...base, status: "succeeded" };
      case "failed":
        return {
          ...base,
          status: "failed",
          declineReason: attempt.error_message,
          declineCode: attempt.error_code,
        };
      case "requires_action": {
        const seen =
          intent ??
          (payment.gateway_ref
            ? await this.gateway.retrieve(payment.gateway_ref).catch(() => undefined)
            : undefined);
        return {
          ...base,
          status: "requires_action",
          clientSecret: seen?.clientSecret ?? null,
          nextAction: seen?.nextAction ?? null,
        };
      }
      default:
        return { ...base, status: "processing" };
    }
  }
}

/** A lost optimistic race on the order, or PostgreSQL's deadlock / serialization verdicts: run the transaction again. */
function retryable(error: unknown): boolean {
  if (error instanceof AppError) return error.code === "CONFLICT";
  const code = (error as { code?: unknown } | null)?.code;
  return code === "40P01" || code === "40001";
}

function abandonedIntent(amount: number, currency: string): GatewayIntent {
  return {
    id: "",
    status: "requires_payment_method",
    amount,
    currency,
    clientSecret: null,
    nextAction: null,
    lastError: null,
    card: null,
    amountRefunded: 0,
    metadata: {},
  };
}
