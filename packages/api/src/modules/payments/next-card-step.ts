import type { Database, Transaction } from "@pizza/db";
import { badRequest, conflict, notFound, preconditionFailed } from "../../errors.ts";
import { msg } from "../../i18n/message.ts";
import type { OrderForPayment } from "./order-link.ts";
import { paymentEvent } from "./payment-events.ts";
import {
  ATTEMPT_COLUMNS,
  type AttemptRow,
  attemptsOf,
  ensurePayment,
  normalize,
  OPEN,
  PAID,
  PAYMENT_COLUMNS,
  type PaymentRow,
} from "./payment-rows.ts";
import type { TProcessPaymentRequest } from "./payments.schemas.ts";
import type { PaymentsContext } from "./payments-context.ts";

/**
 * One round of a card payment's decision, under the order's and the payment's row locks: replay the
 * answer of the same request, refuse, wait for the attempt in flight, settle an unclear one first, or
 * start a new attempt (which pay-by-card.ts then sends to the gateway outside the transaction).
 */

type Trx = Transaction<Database>;

export type CardSummary = { brand: string; last4: string };

export type Step =
  | { kind: "replay"; payment: PaymentRow; attempt: AttemptRow }
  | { kind: "wait" }
  | { kind: "reconcile"; attemptId: string; supersede: boolean }
  | { kind: "attempt"; payment: PaymentRow; attempt: AttemptRow };

export async function nextCardStep(
  ctx: PaymentsContext,
  trx: Trx,
  input: TProcessPaymentRequest,
  card: CardSummary | null,
): Promise<Step> {
  const order = await ctx.ledger.orders.orderForPayment(trx, input.orderId, { lock: true });
  if (!order) throw notFound(msg("order.notFound"));
  const payment = await ensurePayment(trx, order, "card", ctx.gateway.name);
  const attempts = await attemptsOf(trx, payment.id);

  if (input.clientRequestId) {
    const mine = attempts.find((a) => a.client_request_id === input.clientRequestId);
    // Same request again: the same answer. Still in flight: handled below like any attempt in flight.
    if (mine && !OPEN.includes(mine.status)) return { kind: "replay", payment, attempt: mine };
  }
  assertPayable(order, payment);
  const open = [...attempts].reverse().find((a) => OPEN.includes(a.status));
  if (open) {
    const fresh = Date.now() - new Date(open.updated_at).getTime() < ctx.staleAttemptMs;
    if (open.status === "started" && fresh) return { kind: "wait" };
    // Unknown, or abandoned by a process that died: ask the gateway before anything new.
    return { kind: "reconcile", attemptId: open.id, supersede: false };
  }
  const waiting = attempts.find((a) => a.status === "requires_action");
  if (waiting) return { kind: "reconcile", attemptId: waiting.id, supersede: true };

  const attemptNo = (attempts.at(-1)?.attempt_no ?? 0) + 1;
  const clientRequestId = input.clientRequestId ?? null;
  if (order.total === 0) return payFreeOrder(ctx, trx, order, payment, attemptNo, clientRequestId);
  return startAttempt(trx, order, payment, { attemptNo, clientRequestId, card });
}

function assertPayable(order: OrderForPayment, payment: PaymentRow): void {
  if (PAID.includes(payment.status)) {
    throw conflict(msg("payment.alreadyPaid"), { reason: "already_paid", paymentId: payment.id });
  }
  if (order.status === "cancelled") {
    throw preconditionFailed(msg("payment.orderCancelled"), {
      reason: "order_cancelled",
    });
  }
  if (order.status !== "pending_payment") {
    throw preconditionFailed(
      `This order is not waiting for a payment (it is ${order.status.replace(/_/g, " ")}).`,
      { reason: "not_payable" },
    );
  }
  if (payment.currency !== order.currency) {
    throw badRequest(
      `This order is priced in ${order.currency} but its payment was started in ${payment.currency}.`,
      { reason: "currency_mismatch" },
    );
  }
}

/** Nothing to charge (a promotion covered everything): paid without asking the gateway. */
async function payFreeOrder(
  ctx: PaymentsContext,
  trx: Trx,
  order: OrderForPayment,
  payment: PaymentRow,
  attemptNo: number,
  clientRequestId: string | null,
): Promise<Step> {
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
      client_request_id: clientRequestId,
      status: "succeeded",
      amount: 0,
      order_version: order.version,
      captured_amount: 0,
      updated_at: new Date(),
    })
    .returning(ATTEMPT_COLUMNS)
    .executeTakeFirstOrThrow();
  await paymentEvent(trx, ctx.ledger.orders, "payment.succeeded", paid);
  const placed = await ctx.ledger.orders.markPaid(trx, order.id, { version: order.version, amount: 0 });
  if (!placed.placed) throw conflict(msg("payment.changedMeanwhile"));
  return { kind: "replay", payment: paid, attempt: free };
}

/** A new attempt at the order's current total and version, recorded before the gateway is called. */
async function startAttempt(
  trx: Trx,
  order: OrderForPayment,
  current: PaymentRow,
  opts: { attemptNo: number; clientRequestId: string | null; card: CardSummary | null },
): Promise<Step> {
  let payment = current;
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
      attempt_no: opts.attemptNo,
      idempotency_key: `${payment.id}:${opts.attemptNo}`,
      client_request_id: opts.clientRequestId,
      status: "started",
      // The priced version this attempt charges: it may only place the order at this version (capture-rule.ts).
      amount: order.total,
      order_version: order.version,
      card_brand: opts.card?.brand ?? null,
      card_last4: opts.card?.last4 ?? null,
      updated_at: new Date(),
    })
    .returning(ATTEMPT_COLUMNS)
    .executeTakeFirstOrThrow();
  return { kind: "attempt", payment, attempt };
}
