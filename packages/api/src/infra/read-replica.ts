// Reads that tolerate a little lag (menu building, store lists, review lists, order history) go through
// this port; every other read and every write stays on `db`, the primary. With DATABASE_READ_URL they
// go to the standby while it answers and its measured replay lag is within DATABASE_READ_MAX_LAG_MS;
// otherwise, and always without a standby (PGlite, one PostgreSQL), to the primary.
import { type Database, type DbHandle, type Kysely, routeReads } from "@pizza/db";
import type { Logger } from "pino";
import type { ReplicationConfig } from "../env-db.ts";
import { measureReplayLag, primaryPosition, replayedUpTo } from "./replication-lag.ts";

export interface ReadReplica {
  /** The standby while it is up and close enough, else the primary. */
  db: Kysely<Database>;
  /** The primary's WAL position now, after a commit: a mark a later read can ask to see ("" without a standby). */
  mark(): Promise<string>;
  /** A database that has everything up to `mark`: the standby if it replayed that far, else the primary. */
  after(mark: string): Promise<Kysely<Database>>;
}

/** What `/readyz` reports: the last measured lag (null: the standby does not answer) and where reads go. */
export interface ReplicationStatus {
  lag_ms: number | null;
  reads: "standby" | "primary";
}

/** No standby: every read is a primary read. */
export function primaryReads(db: Kysely<Database>): ReadReplica {
  return { db, mark: async () => "", after: async () => db };
}

export class StandbyReads implements ReadReplica {
  readonly db: Kysely<Database>;
  private readonly standby: Kysely<Database>;
  private readonly closeRouting: () => Promise<void>;
  private lagMs: number | null = null;
  private checkedAt = Number.NEGATIVE_INFINITY;
  private timer: NodeJS.Timeout | undefined;
  private lastReads: ReplicationStatus["reads"] = "primary";
  private running: Promise<ReplicationStatus> | undefined;

  constructor(
    private readonly primary: DbHandle,
    standbyUrl: string,
    private readonly settings: Pick<ReplicationConfig, "maxLagMs" | "checkMs">,
    private readonly log: Logger,
    poolSize = 10,
  ) {
    const routing = routeReads({
      primary,
      standbyUrl,
      poolSize,
      useStandby: () => this.onStandby(),
      onStandbyError: (error) => this.standbyDown(error),
    });
    this.db = routing.routed;
    this.standby = routing.standby;
    this.closeRouting = routing.close;
  }

  /** Reads use the standby only on a recent measure within the limit (a silent watch counts as down). */
  private onStandby(): boolean {
    const fresh = performance.now() - this.checkedAt <= 3 * this.settings.checkMs;
    return fresh && this.lagMs !== null && this.lagMs <= this.settings.maxLagMs;
  }

  private standbyDown(error: unknown) {
    if (this.lagMs !== null)
      this.log.warn({ err: error }, "standby down: lag-tolerant reads go to the primary");
    this.lagMs = null;
  }

  /** Measures the lag once (the watch calls it every DATABASE_READ_CHECK_MS; tests call it directly). */
  check(): Promise<ReplicationStatus> {
    this.running ??= this.measure().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async measure(): Promise<ReplicationStatus> {
    try {
      this.lagMs = await measureReplayLag(this.primary.db, this.standby, this.settings.maxLagMs + 1);
    } catch (error) {
      this.standbyDown(error);
    }
    this.checkedAt = performance.now();
    const now = this.status();
    if (now.reads !== this.lastReads) this.log.info(now, `lag-tolerant reads now go to the ${now.reads}`);
    this.lastReads = now.reads;
    return now;
  }

  status(): ReplicationStatus {
    return { lag_ms: this.lagMs, reads: this.onStandby() ? "standby" : "primary" };
  }

  /** Starts the lag watch (the first measure right away). */
  start(): this {
    void this.check();
    this.timer = setInterval(() => void this.check(), this.settings.checkMs);
    this.timer.unref();
    return this;
  }

  mark(): Promise<string> {
    return primaryPosition(this.primary.db);
  }

  async after(mark: string): Promise<Kysely<Database>> {
    if (!mark || !this.onStandby()) return this.primary.db;
    const caughtUp = await replayedUpTo(this.standby, mark).catch(() => false);
    return caughtUp ? this.standby : this.primary.db;
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.closeRouting();
  }
}

/** The platform's read routing: the standby of DATABASE_READ_URL with its lag watch running, else the primary. */
export function openReadReplica(
  config: Pick<ReplicationConfig, "readUrl" | "maxLagMs" | "checkMs">,
  primary: DbHandle,
  log: Logger,
): { reads: ReadReplica; status?: () => ReplicationStatus; close(): Promise<void> } {
  if (!config.readUrl || primary.kind !== "postgres")
    return { reads: primaryReads(primary.db), close: async () => {} };
  const standby = new StandbyReads(primary, config.readUrl, config, log).start();
  return { reads: standby, status: () => standby.status(), close: () => standby.close() };
}
