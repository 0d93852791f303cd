import { type Database, type Kysely, sql, type Transaction } from "@pizza/db";
import type { Logger } from "pino";
import { AppError, notFound } from "../../errors.ts";
import { isRetryableDbError, withDbRetry } from "../../infra/db-retry.ts";
import { writeOutbox } from "../../infra/outbox.ts";
import { applyCapture } from "./capture-rule.ts";
import type { GatewayIntent } from "./gateway/payment-gateway.ts";
import type { OrdersForLedger } from "./order-link.ts";

/**
 * Our side of the books, always written under the payment's row lock (SELECT … FOR UPDATE) inside a
 * short transaction that never spans a gateway call. Every function here is idempotent: applying the
 * same gateway state twice (the synchronous answer, then the webhook, then the sweep) changes nothing
 * the second time and writes no second event.
 */

type Trx = Transaction<Database>;

export const PAYMENT_COLUMNS = [
  "id",
  "order_id",
  "region_code",
  "customer_id",
  "method",
  "gateway",
  "gateway_ref",
  "amount",
  "currency",
  "status",
  "amount_refunded",
  "version",
  "created_at",
  "updated_at",
] as const;

export const ATTEMPT_COLUMNS = [
  "id",
  "payment_id",
  "attempt_no",
  "idempotency_key",
  "client_request_id",
  "status",
  "amount",
  "card_brand",
  "card_last4",
  "error_code",
  "error_message",
  "gateway_ref",
  "order_version",
  "captured_amount",
  "created_at",
  "updated_at",
] as const;

export interface PaymentRow {
  id: string;
  order_id: string;
  region_code: string;
  customer_id: string;
  method: "card" | "cash";
  gateway: "stripe" | "simulated" | "cash";
  gateway_ref: string | null;
  amount: number;
  currency: string;
  status: Database["payments"]["status"];
  amount_refunded: number;
  version: number;
  created_at: Date;
  updated_at: Date;
}

export interface AttemptRow {
  id: string;
  payment_id: string;
  attempt_no: number;
  idempotency_key: string;
  client_request_id: string | null;
  status: "started" | "succeeded" | "failed" | "requires_action" | "unknown";
  amount: number;
  card_brand: string | null;
  card_last4: string | null;
  error_code: string | null;
  error_message: string | null;
  gateway_ref: string | null;
  /** The order version this attempt charges (null: recorded before migration 0008). */
  order_version: number | null;
  /** What the gateway captured for this attempt (null: nothing captured, or not known yet). */
  captured_amount: number | null;
  created_at: Date;
  updated_at: Date;
}

export const PAID: readonly PaymentRow["status"][] = ["succeeded", "partially_refunded", "refunded"];
export const OPEN: readonly AttemptRow["status"][] = ["started", "unknown"];

export interface LedgerContext {
  /** The orders module: it alone moves an order (markPaid) and writes its history. */
  orders: OrdersForLedger;
  log: Logger;
  /** Told when a refund row was queued, so it is sent to the gateway after this transaction commits. */
  onRefundQueued(paymentId: string, refundId: string): void;
}

export async function lockPayment(trx: Trx, paymentId: string): Promise<PaymentRow | undefined> {
  const row = await trx
    .selectFrom("payments")
    .select(PAYMENT_COLUMNS)
    .where("id", "=", paymentId)
    .forUpdate()
    .executeTakeFirst();
  return row ? normalize(row) : undefined;
}

export function normalize<T extends { currency: string }>(row: T): T {
  // currency is char(3): trim what PostgreSQL pads.
  return { ...row, currency: row.currency.trim() };
}

export async function attemptsOf(trx: Trx, paymentId: string): Promise<AttemptRow[]> {
  return trx
    .selectFrom("payment_attempts")
    .select(ATTEMPT_COLUMNS)
    .where("payment_id", "=", paymentId)
    .orderBy("attempt_no")
    .execute();
}

export async function orderOf(trx: Kysely<Database>, orderId: string, opts: { forUpdate?: boolean } = {}) {
  let query = trx
    .selectFrom("orders")
    .select([
      "id",
      "region_code",
      "store_id",
      "customer_id",
      "status",
      "version",
      "currency",
      "total",
      "payment_method",
      "channel",
    ])
    .where("id", "=", orderId);
  // Every payments transaction locks the order before the payment, as the orders module does.
  if (opts.forUpdate) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  return row ? normalize(row) : undefined;
}

/** The caller's own order (an admin's: any), or NOT_FOUND — someone else's order answers exactly like a missing one. */
export async function ownOrderOf(
  db: Kysely<Database>,
  caller: { id: string; role: string },
  orderId: string,
) {
  const order = await orderOf(db, orderId);
  if (!order || (caller.role !== "admin" && order.customer_id !== caller.id))
    throw notFound("We could not find that order.");
  return order;
}

/** payment.succeeded / .failed / .refunded, with what a consumer needs to route it. */
export async function paymentEvent(
  trx: Trx,
  topic: "payment.succeeded" | "payment.failed" | "payment.refunded",
  payment: PaymentRow,
  extra: Record<string, unknown> = {},
): Promise<void> {
  const order = await trx
    .selectFrom("orders")
    .select(["store_id"])
    .where("id", "=", payment.order_id)
    .where("region_code", "=", payment.region_code)
    .executeTakeFirst();
  await writeOutbox(trx, {
    topic,
    aggregateId: payment.order_id,
    payload: {
      paymentId: payment.id,
      orderId: payment.order_id,
      storeId: order?.store_id ?? null,
      customerId: payment.customer_id,
      amount: payment.amount,
      currency: payment.currency,
      status: payment.status,
      method: payment.method,
      ...extra,
    },
  });
}

export async function setAttempt(
  trx: Trx,
  attemptId: string,
  patch: Partial<
    Pick<
      AttemptRow,
      | "status"
      | "card_brand"
      | "card_last4"
      | "error_code"
      | "error_message"
      | "gateway_ref"
      | "captured_amount"
    >
  >,
) {
  await trx
    .updateTable("payment_attempts")
    .set({ ...patch, updated_at: new Date() })
    .where("id", "=", attemptId)
    .execute();
}

export async function setPayment(
  trx: Trx,
  payment: PaymentRow,
  patch: Partial<Pick<PaymentRow, "status" | "gateway_ref" | "amount" | "amount_refunded">>,
) {
  const updated = await trx
    .updateTable("payments")
    .set({ ...patch, version: sql`version + 1`, updated_at: new Date() })
    .where("id", "=", payment.id)
    .returning(PAYMENT_COLUMNS)
    .executeTakeFirstOrThrow();
  return normalize(updated);
}

export const cardOf = (intent: GatewayIntent) =>
  intent.card && /^\d{4}$/.test(intent.card.last4)
    ? { card_brand: intent.card.brand, card_last4: intent.card.last4 }
    : {};

/**
 * Brings our rows in line with the gateway's view of the intent. `attemptId` names the attempt the
 * answer belongs to (the synchronous path knows it); null means "whichever attempt is in flight",
 * which only a success can safely settle, since an intent succeeds once.
 */
export async function applyIntent(
  trx: Trx,
  ctx: LedgerContext,
  paymentId: string,
  attemptId: string | null,
  intent: GatewayIntent,
): Promise<{ payment: PaymentRow; attempt: AttemptRow | undefined; changed: boolean }> {
  // Locks in the same order as the orders module (order row, then payment), which cancels an order and
  // then runs our hook: the order cannot change status between our read and the transition, and the two
  // transactions cannot deadlock.
  const ref = await trx
    .selectFrom("payments")
    .select(["order_id"])
    .where("id", "=", paymentId)
    .executeTakeFirst();
  if (!ref) throw new Error(`payment ${paymentId} not found`);
  await trx.selectFrom("orders").select(["id"]).where("id", "=", ref.order_id).forUpdate().execute();
  let payment = await lockPayment(trx, paymentId);
  if (!payment) throw new Error(`payment ${paymentId} not found`);
  const attempts = await attemptsOf(trx, paymentId);
  const named = attemptId ? attempts.find((a) => a.id === attemptId) : undefined;
  let changed = false;

  if (intent.status === "succeeded") {
    ({ payment, changed } = await applyCapture(trx, ctx, payment, attempts, named, intent));
  } else if (intent.id && intent.id !== payment.gateway_ref) {
    // A failure or a challenge of an intent this payment no longer uses (retired after a refunded
    // capture or a cancelled challenge): nothing of ours to change.
  } else if (named) {
    if (intent.status === "requires_action") {
      if (OPEN.includes(named.status)) {
        await setAttempt(trx, named.id, {
          status: "requires_action",
          gateway_ref: intent.id,
          ...cardOf(intent),
        });
        if (!PAID.includes(payment.status))
          payment = await setPayment(trx, payment, { status: "requires_action" });
        changed = true;
      }
    } else if (intent.status === "requires_payment_method" || intent.status === "canceled") {
      if (OPEN.includes(named.status) || named.status === "requires_action") {
        const error = intent.lastError ?? {
          code: "abandoned",
          message: "The payment was interrupted before the card was charged. Please try again.",
        };
        await setAttempt(trx, named.id, {
          status: "failed",
          gateway_ref: intent.id,
          error_code: intent.lastError?.declineCode ?? error.code,
          error_message: error.message,
          ...cardOf(intent),
        });
        changed = true;
        if (!PAID.includes(payment.status) && payment.status !== "cancelled") {
          // A cancelled intent can never be confirmed again: the next attempt creates a new one.
          payment = await setPayment(trx, payment, {
            status: "failed",
            ...(intent.status === "canceled" ? { gateway_ref: null } : {}),
          });
          await paymentEvent(trx, "payment.failed", payment, {
            reason: error.message,
            attemptNo: named.attempt_no,
          });
        }
      }
    } else if (named.status === "started") {
      // processing / requires_confirmation: the gateway has not decided yet; the webhook or the sweep will.
      await setAttempt(trx, named.id, { status: "unknown", gateway_ref: intent.id });
      changed = true;
    }
  }
  const attempt =
    (await attemptsOf(trx, paymentId)).find((a) => a.id === (named?.id ?? attemptId)) ?? undefined;
  return { payment, attempt, changed };
}

/** Queues a refund (sent to the gateway after commit). Idempotent on its key; never more than what is left. */
export async function queueRefund(
  trx: Trx,
  ctx: LedgerContext,
  payment: PaymentRow,
  amount: number,
  reason: string,
  idempotencyKey: string,
  /**
   * `intentRef`: refund a capture that is not the payment's own (one that did not match the order,
   * capture-rule.ts); `amount` is then that capture, and it is kept out of the payment's books.
   */
  opts: { intentRef?: string } = {},
): Promise<{ id: string; amount: number } | null> {
  const existing = await trx
    .selectFrom("refunds")
    .select(["id", "amount"])
    .where("idempotency_key", "=", idempotencyKey)
    .executeTakeFirst();
  if (existing) return existing;
  const intentRef = opts.intentRef ?? null;
  const { committed } = await trx
    .selectFrom("refunds")
    .select(sql<number>`coalesce(sum(amount), 0)::int`.as("committed"))
    .where("payment_id", "=", payment.id)
    .where("status", "in", ["pending", "succeeded"])
    .where((eb) => (intentRef ? eb("intent_ref", "=", intentRef) : eb("intent_ref", "is", null)))
    .executeTakeFirstOrThrow();
  const refundable = intentRef
    ? amount - committed
    : Math.min(amount, payment.amount - Math.max(committed, payment.amount_refunded));
  if (refundable <= 0) return null;
  const row = await trx
    .insertInto("refunds")
    .values({
      payment_id: payment.id,
      amount: refundable,
      reason,
      idempotency_key: idempotencyKey,
      status: "pending",
      intent_ref: intentRef,
    })
    .returning(["id", "amount"])
    .executeTakeFirstOrThrow();
  ctx.onRefundQueued(payment.id, row.id);
  return row;
}

/**
 * Raises the refunded amount to what is known (our succeeded refunds, or the gateway's figure from a
 * webhook) — never lowers it, so the webhook and the synchronous answer cannot count a refund twice.
 */
export async function raiseRefunded(
  trx: Trx,
  payment: PaymentRow,
  gatewayRefunded: number,
): Promise<PaymentRow> {
  const { done } = await trx
    .selectFrom("refunds")
    .select(sql<number>`coalesce(sum(amount), 0)::int`.as("done"))
    .where("payment_id", "=", payment.id)
    .where("status", "=", "succeeded")
    .where("intent_ref", "is", null)
    .executeTakeFirstOrThrow();
  const refunded = Math.min(payment.amount, Math.max(payment.amount_refunded, done, gatewayRefunded));
  if (refunded <= payment.amount_refunded) return payment;
  const updated = await setPayment(trx, payment, {
    amount_refunded: refunded,
    status: refunded >= payment.amount ? "refunded" : "partially_refunded",
  });
  await paymentEvent(trx, "payment.refunded", updated, {
    refundedNow: refunded - payment.amount_refunded,
    amountRefunded: refunded,
  });
  return updated;
}

/** A lost optimistic race on the order, or PostgreSQL's deadlock / serialization verdicts: run the transaction again. */
export function retryable(error: unknown): boolean {
  if (error instanceof AppError) return error.code === "CONFLICT";
  return isRetryableDbError(error);
}

/** Runs `work` in a transaction, again (a few times, with jitter) when it lost a race (infra/db-retry.ts). */
export async function inRetriedTransaction<T>(
  db: Kysely<Database>,
  work: (trx: Trx) => Promise<T>,
  random: () => number = Math.random,
): Promise<T> {
  return withDbRetry(() => db.transaction().execute(work), { attempts: 5, retryIf: retryable, random });
}

/** The order's one payment row, created on first use, returned locked. */
export async function ensurePayment(
  trx: Trx,
  order: NonNullable<Awaited<ReturnType<typeof orderOf>>>,
  method: "card" | "cash",
  gateway: "stripe" | "simulated",
): Promise<PaymentRow> {
  await trx
    .insertInto("payments")
    .values({
      order_id: order.id,
      region_code: order.region_code,
      customer_id: order.customer_id,
      method,
      gateway: method === "cash" ? "cash" : gateway,
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

export async function paymentRow(db: Kysely<Database>, paymentId: string): Promise<PaymentRow | undefined> {
  const row = await db
    .selectFrom("payments")
    .select(PAYMENT_COLUMNS)
    .where("id", "=", paymentId)
    .executeTakeFirst();
  return row ? normalize(row) : undefined;
}

/** What "the gateway never saw a confirmation" looks like, for an attempt that died before sending one. */
export function abandonedIntent(amount: number, currency: string): GatewayIntent {
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
