import { type Database, type Kysely, sql } from "@pizza/db";
import type { Logger } from "pino";
import type { Topic } from "../infra/outbox.ts";
import type { BusEvent, EventBus } from "./event-bus.ts";

export interface OutboxRelayOptions {
  batchSize?: number;
  /** How often an idle relay looks for new rows. */
  pollMs?: number;
  /**
   * When the bus reports it lost its data (Redis restarted without persistence, or a fresh in-process
   * bus after a crash), rows published in this window are published again. Consumers are idempotent, so
   * a replayed event that had already been handled changes nothing.
   */
  replayWindowMs?: number;
}

/** A bus that can tell whether it lost what was published to it (both adapters can). */
interface LossAwareBus extends EventBus {
  lostDataSinceLastCheck?(): Promise<boolean>;
}

/**
 * Publishes outbox rows to the bus in `seq` order and marks them published. At-least-once: a row is
 * marked only after the bus accepted it, in the transaction that locked it, so a crash between the two
 * publishes it again. Several nodes run a relay each: `FOR UPDATE SKIP LOCKED` gives each one a different
 * batch, never the same row twice at once (ordering across concurrent batches is restored downstream by
 * the per-order version).
 */
export class OutboxRelay {
  private readonly batchSize: number;
  private readonly pollMs: number;
  private readonly replayWindowMs: number;
  private running = false;
  private loop: Promise<void> | undefined;
  private wake: (() => void) | undefined;
  private lastLossCheck = 0;
  published = 0;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly bus: LossAwareBus,
    private readonly log: Logger,
    options: OutboxRelayOptions = {},
  ) {
    this.batchSize = options.batchSize ?? 200;
    this.pollMs = options.pollMs ?? 100;
    this.replayWindowMs = options.replayWindowMs ?? 15 * 60_000;
  }

  /** Publishes one batch; returns how many rows it published. */
  async publishBatch(): Promise<number> {
    await this.replayIfBusLostData();
    // PGlite has one connection: everything below runs on `trx`, never on `this.db`.
    const count = await this.db.transaction().execute(async (trx) => {
      const rows = await trx
        .selectFrom("outbox")
        .select(["seq", "id", "topic", "aggregate_id", "payload", "created_at"])
        .where("published_at", "is", null)
        .orderBy("seq")
        .limit(this.batchSize)
        .forUpdate()
        .skipLocked()
        .execute();
      if (rows.length === 0) return 0;
      const events: BusEvent[] = rows.map((r) => ({
        id: r.id,
        topic: r.topic as Topic,
        aggregateId: r.aggregate_id,
        payload: (typeof r.payload === "string" ? JSON.parse(r.payload) : r.payload) as Record<
          string,
          unknown
        >,
        createdAt: new Date(r.created_at).toISOString(),
      }));
      await this.bus.publish(events);
      await trx
        .updateTable("outbox")
        .set({ published_at: sql<Date>`now()` })
        .where(
          "seq",
          "in",
          rows.map((r) => r.seq),
        )
        .execute();
      return rows.length;
    });
    this.published += count;
    return count;
  }

  /** Publishes until nothing is left (tests, shutdown). */
  async drain(): Promise<number> {
    let total = 0;
    for (;;) {
      const n = await this.publishBatch();
      total += n;
      if (n === 0) return total;
    }
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  /** Looks for new rows now instead of at the next poll (a writer may call it after committing). */
  kick(): void {
    this.wake?.();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
  }

  private async run() {
    let failures = 0;
    while (this.running) {
      let n = 0;
      try {
        n = await this.publishBatch();
        failures = 0;
      } catch (error) {
        failures++;
        if (failures === 1 || failures % 20 === 0)
          this.log.warn(
            { err: error, failures },
            "outbox relay: publish failed; rows stay unpublished and are retried",
          );
      }
      if (n === this.batchSize && this.running) continue;
      const wait = failures > 0 ? Math.min(2_000, this.pollMs * 2 ** Math.min(failures, 5)) : this.pollMs;
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, wait);
        this.wake = () => {
          clearTimeout(t);
          resolve();
        };
      });
      this.wake = undefined;
    }
  }

  private async replayIfBusLostData() {
    if (!this.bus.lostDataSinceLastCheck) return;
    const now = Date.now();
    if (now - this.lastLossCheck < 1_000) return;
    this.lastLossCheck = now;
    if (!(await this.bus.lostDataSinceLastCheck())) return;
    const since = new Date(now - this.replayWindowMs);
    const result = await this.db
      .updateTable("outbox")
      .set({ published_at: null })
      .where("published_at", ">=", since)
      .executeTakeFirst();
    const replayed = Number(result.numUpdatedRows);
    if (replayed > 0) this.log.warn({ replayed }, "event bus lost its data; republishing recent outbox rows");
  }
}
