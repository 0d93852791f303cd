import type { Database, Transaction } from "@pizza/db";
import { conflict } from "../../errors.ts";
import { msg } from "../../i18n/message.ts";
import type { GatewayIntent } from "./gateway/payment-gateway.ts";
import type { MarkPaidResult } from "./order-link.ts";
import { paymentEvent } from "./payment-events.ts";
import type { LedgerContext } from "./payment-ledger.ts";
import { type AttemptRow, cardOf, PAID, type PaymentRow, setAttempt, setPayment } from "./payment-rows.ts";
import { queueRefund } from "./refund-ledger.ts";

/**
 * The payment/version rule (issue 13). An attempt charges one priced version of the order
 * (`payment_attempts.order_version`, `amount`). While an attempt is open the order cannot change
 * (`assertNoOpenAttempt`, run by the orders module's update hook). A capture places the order only
 * when it equals the order's total at that version and the order is still at that version
 * (`OrdersService.markPaid` decides); any other capture is refunded automatically, the reason is
 * recorded on the attempt and the order's history, and the order stays payable.
 */

type Trx = Transaction<Database>;

/** Attempts that may still charge the card: at the gateway, outcome unknown, or waiting for 3-D Secure. */
export const IN_FLIGHT: readonly AttemptRow["status"][] = ["started", "unknown", "requires_action"];

export const PAYMENT_IN_PROGRESS = "A payment is in progress for this order; finish or cancel it first.";

/** Inside the order's update transaction: refuses (409) any change while an attempt is open. */
export async function assertNoOpenAttempt(trx: Trx, orderId: string): Promise<void> {
  const open = await trx
    .selectFrom("payment_attempts as a")
    .innerJoin("payments as p", "p.id", "a.payment_id")
    .select(["a.status"])
    .where("p.order_id", "=", orderId)
    .where("a.status", "in", IN_FLIGHT)
    .executeTakeFirst();
  if (open) {
    throw conflict(msg("payment.inProgress"), {
      reason: "payment_in_progress",
      attemptStatus: open.status,
      // 3-D Secure waiting: payment.cancelAttempt lets the customer out.
      cancellable: open.status === "requires_action",
    });
  }
}

const VOID_MESSAGE: Record<Exclude<MarkPaidResult, { placed: true }>["reason"] | "already_paid", string> = {
  version_changed:
    "The order changed while this payment was being made, so it was refunded in full. Please pay the new total.",
  total_differs:
    "The amount charged did not match the order's total, so it was refunded in full. Please pay again.",
  not_pending: "This order was no longer waiting for a payment, so the charge was refunded in full.",
  already_paid: "This order was already paid by another payment, so this charge was refunded in full.",
};

/**
 * Applies a succeeded intent (a capture) under the order's and the payment's row locks. Idempotent:
 * a capture already recorded (the synchronous answer, the webhook and the sweep all come here)
 * changes nothing.
 */
export async function applyCapture(
  trx: Trx,
  ctx: LedgerContext,
  payment: PaymentRow,
  attempts: AttemptRow[],
  named: AttemptRow | undefined,
  intent: GatewayIntent,
): Promise<{ payment: PaymentRow; changed: boolean }> {
  const holder = attempts.find((a) => a.captured_amount !== null && a.gateway_ref === intent.id);
  if (holder) return { payment, changed: false };
  const target =
    named ??
    [...attempts].reverse().find((a) => IN_FLIGHT.includes(a.status)) ??
    [...attempts].reverse().find((a) => a.gateway_ref === intent.id && a.status !== "succeeded");
  if (PAID.includes(payment.status) && payment.gateway_ref === intent.id) {
    // Recorded before migration 0008 (no captured_amount): the same capture again.
    if (target && target.status !== "succeeded") {
      await setAttempt(trx, target.id, {
        status: "succeeded",
        gateway_ref: intent.id,
        captured_amount: intent.amount,
      });
      return { payment, changed: true };
    }
    return { payment, changed: false };
  }

  const order = await ctx.orders.orderForPayment(trx, payment.order_id);
  if (order?.status === "cancelled" && !PAID.includes(payment.status)) {
    // Paid after the order was cancelled (the customer cancelled while the bank was answering): give it back.
    const paid = await recordCapture(trx, ctx, payment, attempts, target, intent);
    await queueRefund(
      trx,
      ctx,
      paid,
      paid.amount,
      "order cancelled before the payment completed",
      `${paid.id}:refund:cancel`,
    );
    return { payment: paid, changed: true };
  }
  const verdict: MarkPaidResult | { placed: false; reason: "already_paid" } = PAID.includes(payment.status)
    ? { placed: false, reason: "already_paid" }
    : await ctx.orders.markPaid(trx, payment.order_id, {
        // An attempt from before migration 0008 knows no version: then only the amount is checked.
        version: target?.order_version ?? order?.version ?? -1,
        amount: intent.amount,
      });
  if (verdict.placed)
    return { payment: await recordCapture(trx, ctx, payment, attempts, target, intent), changed: true };

  return {
    payment: await refundMismatch(trx, ctx, payment, attempts, target, intent, verdict.reason),
    changed: true,
  };
}

/** Not this order's price: refund the capture, record why on the attempt and the order, keep the order payable. */
async function refundMismatch(
  trx: Trx,
  ctx: LedgerContext,
  payment: PaymentRow,
  attempts: AttemptRow[],
  target: AttemptRow | undefined,
  intent: GatewayIntent,
  reason: keyof typeof VOID_MESSAGE,
): Promise<PaymentRow> {
  const message = VOID_MESSAGE[reason];
  ctx.log.warn(
    { paymentId: payment.id, intentId: intent.id, amount: intent.amount, reason },
    "capture does not match the order; refunding it",
  );
  const attemptId = target?.id ?? (await captureRow(trx, payment, attempts, intent, "failed"));
  const code = reason === "version_changed" || reason === "total_differs" ? "order_changed" : reason;
  await setAttempt(trx, attemptId, {
    status: "failed",
    gateway_ref: intent.id,
    captured_amount: intent.amount,
    error_code: code,
    error_message: message,
    ...cardOf(intent),
  });
  let after = payment;
  if (!PAID.includes(payment.status) && payment.status !== "cancelled") {
    // The intent has succeeded once and cannot be charged again: the next attempt gets a new one.
    after = await setPayment(trx, payment, {
      status: "failed",
      ...(payment.gateway_ref === intent.id ? { gateway_ref: null } : {}),
    });
    await paymentEvent(trx, ctx.orders, "payment.failed", after, {
      reason: message,
      attemptNo: target?.attempt_no ?? null,
    });
  }
  await queueRefund(
    trx,
    ctx,
    after,
    intent.amount,
    `capture refunded: ${code}`,
    `${payment.id}:refund:capture:${intent.id}`,
    {
      intentRef: intent.id,
    },
  );
  await ctx.orders.notePayment(
    trx,
    payment.order_id,
    `payment of ${intent.amount} ${payment.currency} refunded: ${message}`,
  );
  return after;
}

/** The capture that pays the order: payment succeeded, its attempt succeeded, other open attempts closed. */
async function recordCapture(
  trx: Trx,
  ctx: LedgerContext,
  payment: PaymentRow,
  attempts: AttemptRow[],
  target: AttemptRow | undefined,
  intent: GatewayIntent,
): Promise<PaymentRow> {
  const paid = await setPayment(trx, payment, {
    status: "succeeded",
    gateway_ref: intent.id,
    amount: intent.amount,
  });
  for (const other of attempts) {
    if (other.id !== target?.id && IN_FLIGHT.includes(other.status)) {
      await setAttempt(trx, other.id, {
        status: "failed",
        error_code: "superseded",
        error_message: "Replaced by a later attempt.",
      });
    }
  }
  const attemptId = target?.id ?? (await captureRow(trx, payment, attempts, intent, "succeeded"));
  await setAttempt(trx, attemptId, {
    status: "succeeded",
    gateway_ref: intent.id,
    captured_amount: intent.amount,
    error_code: null,
    error_message: null,
    ...cardOf(intent),
  });
  await paymentEvent(trx, ctx.orders, "payment.succeeded", paid);
  return paid;
}

/** A capture no attempt of ours is waiting for (e.g. a webhook for an attempt already closed): recorded on a row of its own. */
async function captureRow(
  trx: Trx,
  payment: PaymentRow,
  attempts: AttemptRow[],
  intent: GatewayIntent,
  status: "succeeded" | "failed",
): Promise<string> {
  const row = await trx
    .insertInto("payment_attempts")
    .values({
      payment_id: payment.id,
      attempt_no: (attempts.at(-1)?.attempt_no ?? 0) + 1,
      idempotency_key: `${payment.id}:capture:${intent.id}`,
      status,
      amount: intent.amount,
      updated_at: new Date(),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}
