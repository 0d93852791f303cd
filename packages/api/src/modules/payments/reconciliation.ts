import { abandonedIntent, applyIntent } from "./apply-intent.ts";
import type { GatewayIntent } from "./gateway/payment-gateway.ts";
import { inRetriedTransaction } from "./payment-ledger.ts";
import type { PaymentsContext } from "./payments-context.ts";
import type { Refunds } from "./refunds.ts";

/**
 * Settles what nobody is settling: attempts whose outcome we do not know (left `started` by a process
 * that died, or `unknown` after a timeout) are settled by asking the gateway, never by charging again;
 * refunds still `pending` are sent again under their key. Runs at start and every minute (the sweep),
 * and on demand when a request meets such an attempt. Safe on several nodes at once: every outcome is
 * applied under the row locks, idempotently.
 */
export class Reconciler {
  constructor(
    private readonly ctx: PaymentsContext,
    private readonly refunds: Refunds,
  ) {}

  /** Applies the gateway's view of an intent to our rows (order lock, then payment lock), retried on races. */
  apply(paymentId: string, attemptId: string | null, intent: GatewayIntent) {
    return inRetriedTransaction(
      this.ctx.db,
      (trx) => applyIntent(trx, this.ctx.ledger, paymentId, attemptId, intent),
      this.ctx.random,
    );
  }

  /**
   * With `supersedeAction`, an attempt waiting for 3-D Secure is closed so that a new card can be
   * tried on the same intent.
   */
  async settleAttempt(attemptId: string, opts: { supersedeAction?: boolean } = {}): Promise<void> {
    const { db, gateway, calls, log } = this.ctx;
    const row = await db
      .selectFrom("payment_attempts as a")
      .innerJoin("payments as p", "p.id", "a.payment_id")
      .select(["a.id", "a.status", "a.payment_id", "a.amount", "p.gateway_ref", "p.currency"])
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
      intent = await calls.retrying("retrieve", () => gateway.retrieve(intentId));
    } catch (error) {
      log.warn({ err: error, attemptId }, "gateway unreachable while reconciling; will try again");
      return;
    }
    if (intent.status === "requires_action" && opts.supersedeAction) {
      // The customer moved on to another card: close the challenge quietly (no payment.failed event;
      // nothing failed that the customer needs telling about). The new attempt re-confirms the same intent.
      await db
        .updateTable("payment_attempts")
        .set({
          status: "failed",
          error_code: "superseded",
          error_message: "Replaced by a new attempt before authentication finished.",
          updated_at: new Date(),
        })
        .where("id", "=", row.id)
        .where("status", "=", "requires_action")
        .execute();
      return;
    }
    await this.apply(row.payment_id, row.id, intent);
  }

  /** The sweep: attempts and refunds left over for longer than `olderThanMs`. */
  async sweep(opts: { olderThanMs?: number } = {}): Promise<{ attempts: number; refunds: number }> {
    const { db, log, metrics } = this.ctx;
    const cutoff = new Date(Date.now() - (opts.olderThanMs ?? this.ctx.staleAttemptMs));
    const stale = await db
      .selectFrom("payment_attempts")
      .select(["id"])
      .where("status", "in", ["started", "unknown"])
      .where("updated_at", "<=", cutoff)
      .orderBy("updated_at")
      .limit(500)
      .execute();
    metrics.reconciled(stale.length);
    for (const a of stale) {
      await this.settleAttempt(a.id).catch((error: unknown) =>
        log.warn({ err: error, attemptId: a.id }, "reconcile failed"),
      );
    }
    const pending = await db
      .selectFrom("refunds")
      .select(["payment_id"])
      .distinct()
      .where("status", "=", "pending")
      .where("created_at", "<=", cutoff)
      .limit(500)
      .execute();
    for (const r of pending) {
      await this.refunds
        .sendPending(r.payment_id)
        .catch((error: unknown) => log.warn({ err: error, paymentId: r.payment_id }, "refund retry failed"));
    }
    return { attempts: stale.length, refunds: pending.length };
  }
}
