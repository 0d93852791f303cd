// The sender sweep: claims due queued messages (FOR UPDATE SKIP LOCKED, so several nodes never take the same
// row), sends them through the notifier outside any transaction, and records the outcome. A failure is
// retried with exponential backoff; after `maxAttempts`, or at once when retrying cannot help (the adapter
// says `retryable: false`: an invalid number, a text over the SMS quota, a push subscription that is gone), the row is `failed` and shown to
// admins with the reason (`notifications.failed`). A node that dies mid-send leaves its claim to expire (`leaseMs`): the message is
// sent late, never lost.
import { type Database, type Kysely, type NotificationDelivery, sql } from "@pizza/db";
import type { Logger } from "pino";
import {
  isPermanentFailure,
  type Notification,
  type NotificationKind,
  type Notifier,
} from "../../infra/notifier.ts";

export interface SenderOptions {
  /** Attempts before a message is marked failed. */
  maxAttempts: number;
  /** Delay before the first retry; each further retry waits twice as long, up to `maxDelayMs`. */
  retryBaseMs: number;
  maxDelayMs?: number;
  /** How long a claimed row is kept from other nodes while it is being sent. */
  leaseMs?: number;
  batch?: number;
  /** Runs at the start of every sweep, before due messages are claimed (jobs become messages here). */
  prepare?: () => Promise<unknown>;
}

export interface SweepResult {
  sent: number;
  retried: number;
  failed: number;
}

type Row = NotificationDelivery;

/** The delay before retry number `attempt` (1 = the first retry). */
export function retryDelayMs(attempt: number, baseMs: number, maxMs: number): number {
  return Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
}

export class NotificationSender {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<SweepResult> | undefined;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly notifier: Notifier,
    private readonly log: Logger,
    private readonly opts: SenderOptions,
  ) {}

  /** Sends what is due now; concurrent calls share one run. */
  sweep(): Promise<SweepResult> {
    this.running ??= this.sendDue().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  start(everyMs: number): void {
    if (this.timer || everyMs <= 0) return;
    this.timer = setInterval(() => {
      this.sweep().catch((error: unknown) => this.log.error({ err: error }, "notification sweep failed"));
    }, everyMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running?.catch(() => undefined);
  }

  private async claim(): Promise<Row[]> {
    const leaseMs = this.opts.leaseMs ?? 60_000;
    return this.db.transaction().execute(async (trx) => {
      const due = await trx
        .selectFrom("notification_deliveries")
        .select("id")
        .where("status", "=", "pending")
        .where("next_attempt_at", "<=", sql<Date>`now()`)
        .orderBy("next_attempt_at")
        .limit(this.opts.batch ?? 20)
        .forUpdate()
        .skipLocked()
        .execute();
      if (due.length === 0) return [];
      return trx
        .updateTable("notification_deliveries")
        .set({ next_attempt_at: sql<Date>`now() + ${`${leaseMs} milliseconds`}::interval` })
        .where(
          "id",
          "in",
          due.map((d) => d.id),
        )
        .returningAll()
        .execute();
    });
  }

  private async sendDue(): Promise<SweepResult> {
    const result: SweepResult = { sent: 0, retried: 0, failed: 0 };
    await this.opts.prepare?.();
    const rows = await this.claim();
    for (const row of rows) result[await this.sendOne(row)]++;
    return result;
  }

  private async sendOne(row: Row): Promise<keyof SweepResult> {
    const message: Notification = {
      id: row.id,
      channel: row.channel as Notification["channel"],
      kind: row.kind as NotificationKind,
      locale: row.locale,
      to: row.recipient,
      ...(row.recipient_name ? { toName: row.recipient_name } : {}),
      subject: row.subject,
      text: row.body_text,
      ...(row.body_html ? { html: row.body_html } : {}),
    };
    const attempts = row.attempts + 1;
    try {
      await this.notifier.send(message);
    } catch (error) {
      const permanent = isPermanentFailure(error);
      const reason = error instanceof Error ? error.message : String(error);
      const lastError = (permanent ? `not retried: ${reason}` : reason).slice(0, 1000);
      const failed = permanent || attempts >= this.opts.maxAttempts;
      const delay = retryDelayMs(attempts, this.opts.retryBaseMs, this.opts.maxDelayMs ?? 3_600_000);
      await this.db
        .updateTable("notification_deliveries")
        .set({
          attempts,
          last_error: lastError,
          status: failed ? "failed" : "pending",
          failed_at: failed ? sql<Date>`now()` : null,
          next_attempt_at: sql<Date>`now() + ${`${delay} milliseconds`}::interval`,
        })
        .where("id", "=", row.id)
        .execute();
      this.log.warn(
        { deliveryId: row.id, kind: row.kind, channel: row.channel, attempts, err: lastError },
        failed ? "notification failed for good" : "notification failed, will retry",
      );
      return failed ? "failed" : "retried";
    }
    await this.db
      .updateTable("notification_deliveries")
      .set({ attempts, status: "sent", sent_at: new Date(), last_error: null })
      .where("id", "=", row.id)
      .execute();
    return "sent";
  }
}
