import type { Database, Transaction } from "@pizza/db";
import { preconditionFailed } from "../../errors.ts";
import { GatewayError } from "./gateway/payment-gateway.ts";
import { lockPayment, PAID, type PaymentRow, paymentRow, type RefundRow } from "./payment-rows.ts";
import { type PaymentsContext, sleep } from "./payments-context.ts";
import { queueRefund, raiseRefunded } from "./refund-ledger.ts";

type Trx = Transaction<Database>;
/** The gateway's answer to a refund: its id there (the row's gateway_ref) and the row's new status. */
type RefundAnswer = { id: RefundRow["gateway_ref"]; status: RefundRow["status"] };

/**
 * Refunds: queued as a `refunds` row inside the transaction that decides them (an order's cancel or
 * re-pricing, a settled charge on a cancelled order), sent to the gateway once that transaction has
 * committed, under the row's own idempotency key on every try, and counted once (refund-ledger.ts
 * `raiseRefunded`) whether the gateway's answer or its `charge.refunded` webhook arrives first.
 */
export class Refunds {
  private readonly runs = new Set<Promise<unknown>>();

  constructor(private readonly ctx: PaymentsContext) {}

  /** Called by the ledger when a refund row was queued: send it once its transaction has committed. */
  schedule(paymentId: string, refundId: string): void {
    const run = this.sendAfterCommit(paymentId, refundId).catch((error: unknown) =>
      this.ctx.log.warn({ err: error, paymentId }, "refund not sent yet; the sweep will retry"),
    );
    this.runs.add(run);
    void run.finally(() => this.runs.delete(run));
  }

  /** Waits for refunds being sent in the background (tests, graceful shutdown). */
  async settled(): Promise<void> {
    while (this.runs.size > 0) await Promise.allSettled([...this.runs]);
  }

  /**
   * The orders module's cancel hook, inside its transaction: a paid order gets a full refund queued
   * (sent after commit); an unpaid payment is closed. Idempotent: cancelling twice queues one refund.
   */
  async onOrderCancelled(trx: Trx, orderId: string, reason: string): Promise<void> {
    const payment = await this.lockedPaymentOf(trx, orderId);
    if (!payment) return;
    if (PAID.includes(payment.status)) {
      await queueRefund(trx, this.ctx.ledger, payment, payment.amount, reason, `${payment.id}:refund:cancel`);
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
   * simply charges the new total. A paid card order cannot grow: we never charge a card again without
   * the customer confirming a payment, so the change is refused (and the order's transaction rolls back).
   */
  async onOrderRepriced(
    trx: Trx,
    orderId: string,
    total: number,
    orderVersion: number,
  ): Promise<{ refunded: number }> {
    const payment = await this.lockedPaymentOf(trx, orderId);
    if (!payment) return { refunded: 0 };
    if (!PAID.includes(payment.status)) {
      if (payment.method === "cash" && payment.amount !== total) {
        await trx
          .updateTable("payments")
          .set({ amount: total, updated_at: new Date() })
          .where("id", "=", payment.id)
          .execute();
      }
      return { refunded: 0 };
    }
    const { committed } = await trx
      .selectFrom("refunds")
      .select((eb) => eb.fn.coalesce(eb.fn.sum<number>("amount"), eb.val(0)).as("committed"))
      .where("payment_id", "=", payment.id)
      .where("status", "in", ["pending", "succeeded"])
      .where("intent_ref", "is", null)
      .executeTakeFirstOrThrow();
    const kept = payment.amount - Math.max(Number(committed), payment.amount_refunded);
    if (total > kept) {
      throw preconditionFailed(
        "This order is already paid by card, so a change cannot make it cost more. Remove or downsize something, or place another order for the extras.",
        { reason: "paid_order_would_cost_more", paid: kept, total },
      );
    }
    if (total === kept) return { refunded: 0 };
    const queued = await queueRefund(
      trx,
      this.ctx.ledger,
      payment,
      kept - total,
      "order total reduced",
      `${payment.id}:refund:v${orderVersion}`,
    );
    return { refunded: queued?.amount ?? 0 };
  }

  /** Refunds (part of) a paid order now, e.g. by staff; idempotent on `key`. */
  async refundOrder(
    orderId: string,
    opts: { amount?: number; reason: string; key: string },
  ): Promise<PaymentRow> {
    const paymentId = await this.ctx.db.transaction().execute(async (trx) => {
      const payment = await this.lockedPaymentOf(trx, orderId);
      if (!payment || !PAID.includes(payment.status))
        throw preconditionFailed("This order has no payment to refund.");
      await queueRefund(
        trx,
        this.ctx.ledger,
        payment,
        opts.amount ?? payment.amount,
        opts.reason,
        `${payment.id}:refund:${opts.key}`,
      );
      return payment.id;
    });
    await this.settled();
    await this.sendPending(paymentId);
    return (await paymentRow(this.ctx.db, paymentId))!;
  }

  /** Sends every pending refund of a payment to the gateway (same key on every retry), then records it. */
  async sendPending(paymentId: string): Promise<void> {
    const { db, gateway, calls } = this.ctx;
    const payment = await paymentRow(db, paymentId);
    if (!payment) return;
    const pending = await db
      .selectFrom("refunds")
      .select(["id", "amount", "idempotency_key", "reason", "intent_ref"])
      .where("payment_id", "=", paymentId)
      .where("status", "=", "pending")
      .orderBy("created_at")
      .execute();
    for (const refund of pending) {
      // A refunded capture that did not match the order names its own intent.
      const intentId = refund.intent_ref ?? payment.gateway_ref;
      if (payment.gateway === "cash" || !intentId) {
        // Cash is handed back at the store: recorded, nothing to send.
        await this.record(paymentId, refund.id, { id: null, status: "succeeded" });
        continue;
      }
      let answer: RefundAnswer;
      try {
        answer = await calls.retrying("refund", () =>
          gateway.refund({
            intentId,
            amount: refund.amount,
            idempotencyKey: refund.idempotency_key,
            reason: "requested_by_customer",
            metadata: { payment_id: paymentId, order_id: payment.order_id, refund_id: refund.id },
          }),
        );
      } catch (error) {
        if (error instanceof GatewayError && error.kind === "invalid") {
          this.ctx.log.error({ err: error, refundId: refund.id }, "gateway refused a refund");
          await this.record(paymentId, refund.id, { id: null, status: "failed" });
          continue;
        }
        throw error;
      }
      await this.ctx.faults.reached("after_refund_answer");
      await this.record(paymentId, refund.id, answer);
    }
  }

  /**
   * A refund is queued inside someone else's transaction (the order's cancel): it is sent once that
   * transaction has committed, i.e. once its row is visible. A rolled-back one never appears; the sweep
   * covers a process that dies before sending.
   */
  private async sendAfterCommit(paymentId: string, refundId: string): Promise<void> {
    for (let i = 0; i < 14; i++) {
      await sleep(Math.min(1_000, 2 * 2 ** i));
      const row = await this.ctx.db
        .selectFrom("refunds")
        .select(["status"])
        .where("id", "=", refundId)
        .executeTakeFirst();
      if (row) {
        if (row.status === "pending") await this.sendPending(paymentId);
        return;
      }
    }
  }

  private async record(paymentId: string, refundId: string, answer: RefundAnswer) {
    await this.ctx.db.transaction().execute(async (trx) => {
      const payment = await lockPayment(trx, paymentId);
      if (!payment) return;
      await trx
        .updateTable("refunds")
        .set({ status: answer.status, gateway_ref: answer.id })
        .where("id", "=", refundId)
        .where("status", "=", "pending")
        .execute();
      await raiseRefunded(trx, this.ctx.ledger, payment, 0);
    });
  }

  private async lockedPaymentOf(trx: Trx, orderId: string): Promise<PaymentRow | undefined> {
    const found = await trx
      .selectFrom("payments")
      .select(["id"])
      .where("order_id", "=", orderId)
      .executeTakeFirst();
    return found ? lockPayment(trx, found.id) : undefined;
  }
}
