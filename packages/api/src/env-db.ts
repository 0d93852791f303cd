// Replication settings (issue 18, docs/failover.md): a standby for reads that tolerate a little lag
// (infra/read-replica.ts) and payments that wait for the synchronous standby. Read by loadConfig with
// the rest of the configuration.
import { z } from "zod";

const bool = z
  .enum(["true", "false", "1", "0", "yes", "no", "on", "off"], "must be true or false")
  .transform((v) => ["true", "1", "yes", "on"].includes(v));

const dbSchema = z.object({
  /** A streaming standby of DATABASE_URL's database: menus, store lists, review lists and order history read there. */
  DATABASE_READ_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\/[^,]+$/, "must be one postgres:// connection string (one host)")
    .optional(),
  /** Beyond this replay lag (or with the standby down) those reads go to the primary. */
  DATABASE_READ_MAX_LAG_MS: z.coerce.number().int().min(10).max(600_000).default(2000),
  /** How often the lag is measured. */
  DATABASE_READ_CHECK_MS: z.coerce.number().int().min(100).max(60_000).default(2000),
  /** Payment confirmations and refunds commit with synchronous_commit = remote_apply. */
  DATABASE_SYNC_STANDBY: bool.default(false),
  DATABASE_URL: z.string().optional(),
});

export interface ReplicationConfig {
  /** The standby for lag-tolerant reads; undefined: every read goes to the primary. */
  readUrl: string | undefined;
  maxLagMs: number;
  checkMs: number;
  /** Payments wait until the synchronous standby has applied their commit (consistency over availability). */
  syncStandby: boolean;
}

/** The replication settings of `source`; `fail` turns a bad setting into the caller's error. */
export function replicationSettings(
  source: NodeJS.ProcessEnv,
  fail: (message: string) => Error,
): ReplicationConfig {
  const parsed = dbSchema.safeParse(source);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const name = String(issue.path[0]);
    throw fail(`Invalid configuration: ${name} ${issue.message} (got ${JSON.stringify(source[name])})`);
  }
  const e = parsed.data;
  if (e.DATABASE_READ_URL && !e.DATABASE_URL)
    throw fail(
      "Invalid configuration: DATABASE_READ_URL needs DATABASE_URL (the primary it is a standby of)",
    );
  if (e.DATABASE_SYNC_STANDBY && !e.DATABASE_URL)
    throw fail("Invalid configuration: DATABASE_SYNC_STANDBY needs DATABASE_URL (PostgreSQL with a standby)");
  return {
    readUrl: e.DATABASE_READ_URL,
    maxLagMs: e.DATABASE_READ_MAX_LAG_MS,
    checkMs: e.DATABASE_READ_CHECK_MS,
    syncStandby: e.DATABASE_SYNC_STANDBY,
  };
}
