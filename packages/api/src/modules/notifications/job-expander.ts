// Turns due notification jobs into messages, in the sender's sweep (off the order's path): an order's
// moments and the staff failed-delivery digest (render-failed-digest.ts). For each job,
// in one transaction, the user's channels for its kind (`decideChannels`), the message rendered for each,
// one queued delivery per (event, channel, recipient), and the job marked done. A job another node holds
// is skipped (SKIP LOCKED); a job that fails to render is retried with backoff and, after the last
// attempt, marked failed.
import { type Database, type Kysely, type NotificationJob, sql } from "@pizza/db";
import type { Logger } from "pino";
import type { Notification, NotificationKind } from "../../infra/notifier.ts";
import { userContact } from "../auth/user-contact.ts";
import { decideChannels } from "./channel-choice.ts";
import { enqueueNotification } from "./delivery-queue.ts";
import { type DigestPayload, FAILED_DIGEST } from "./failed-digests.ts";
import { type JobPayload, MOMENT_PREFERENCE, type Moment } from "./notification-jobs.ts";
import { renderFailedDigest } from "./render-failed-digest.ts";
import { renderMoment } from "./render-moment.ts";
import { reachOf, storedChoices } from "./stored-choices.ts";

export interface ExpanderOptions {
  maxAttempts: number;
  retryBaseMs: number;
  batch?: number;
  /** Where the apps are served (PUBLIC_URL): receipts link to the order's tracker and a guest's sign-up. */
  publicUrl?: string | undefined;
}

export class JobExpander {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly log: Logger,
    private readonly opts: ExpanderOptions,
  ) {}

  /** Expands the jobs due now; answers how many became messages (or nothing to send). */
  async expandDue(): Promise<number> {
    const due = await this.db
      .selectFrom("notification_jobs")
      .select("id")
      .where("status", "=", "pending")
      .where("next_attempt_at", "<=", sql<Date>`now()`)
      .orderBy("next_attempt_at")
      .limit(this.opts.batch ?? 50)
      .execute();
    let done = 0;
    for (const { id } of due) {
      try {
        if (await this.expandOne(id)) done++;
      } catch (error) {
        await this.retryLater(id, error);
      }
    }
    return done;
  }

  private expandOne(id: string): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      const job = await trx
        .selectFrom("notification_jobs")
        .selectAll()
        .where("id", "=", id)
        .where("status", "=", "pending")
        .forUpdate()
        .skipLocked()
        .executeTakeFirst();
      if (!job) return false;
      await queueMessages(trx, job, this.opts.publicUrl);
      await trx.updateTable("notification_jobs").set({ status: "done" }).where("id", "=", id).execute();
      return true;
    });
  }

  private async retryLater(id: string, error: unknown): Promise<void> {
    const lastError = (error instanceof Error ? error.message : String(error)).slice(0, 1000);
    const row = await this.db
      .updateTable("notification_jobs")
      .set((eb) => ({
        attempts: eb("attempts", "+", 1),
        last_error: lastError,
        status: sql<string>`case when attempts + 1 >= ${this.opts.maxAttempts} then 'failed' else 'pending' end`,
        next_attempt_at: sql<Date>`now() + least(interval '1 hour', ${`${this.opts.retryBaseMs} milliseconds`}::interval * power(2, attempts))`,
      }))
      .where("id", "=", id)
      .returning(["attempts", "kind"])
      .executeTakeFirst();
    this.log.warn(
      { jobId: id, kind: row?.kind, attempts: row?.attempts, err: lastError },
      "notification job failed",
    );
  }
}

/** The job's messages, one per channel the user chose for its kind (none when there is nobody to tell). */
async function queueMessages(
  trx: Kysely<Database>,
  job: NotificationJob,
  publicUrl: string | undefined,
): Promise<void> {
  const digest = job.kind === FAILED_DIGEST;
  const kind = digest ? FAILED_DIGEST : MOMENT_PREFERENCE[job.kind as Moment];
  if (!kind) throw new Error(`unknown notification job kind ${job.kind}`);
  const contact = await userContact(trx, job.user_id);
  if (!contact) return;
  const stored = (await storedChoices(trx, job.user_id)).get(kind);
  // Email and SMS here; order news by push goes from the event stream (push-consumer.ts).
  const targets = decideChannels(kind, reachOf(job.user_id, contact), stored, ["email", "sms"]);
  if (targets.length === 0) return;
  const payload = job.payload as unknown;
  const render = digest
    ? await renderFailedDigest(trx, payload as DigestPayload, contact)
    : await renderMoment(trx, job.kind as Moment, payload as JobPayload, contact, publicUrl);
  if (!render) return;
  for (const t of targets) {
    const m = render(t.channel);
    await enqueueNotification(trx, {
      eventId: job.event_id,
      kind: job.kind as NotificationKind,
      orderId: digest ? undefined : (payload as JobPayload).orderId,
      channel: t.channel as Notification["channel"],
      recipient: t.recipient,
      recipientName: contact.name,
      locale: m.locale,
      subject: m.subject,
      text: m.text,
      html: m.html,
    });
  }
}
