// Consistency over availability for money (issue 18, docs/failover.md): with DATABASE_SYNC_STANDBY the
// transactions that confirm a payment or decide or record a refund commit only once the synchronous
// standby has applied them (`SET LOCAL synchronous_commit = remote_apply`), so a confirmed payment is on
// the standby when the call returns and survives the primary's loss. Every other write keeps the
// server's default (`local` on the CI pair), so ordering and tracking never wait for the standby. While
// the synchronous standby is away these commits wait: that is the choice, not a fault.
import { type Database, type Kysely, sql, type Transaction } from "@pizza/db";
import type { Logger } from "pino";

/** Runs inside a payment transaction, before it commits. */
export type CommitRule = (trx: Transaction<Database>) => Promise<void>;

/** The server's default commit (no standby, or DATABASE_SYNC_STANDBY off). */
export const defaultCommit: CommitRule = async () => {};

/** Commit once the synchronous standby has applied the transaction. */
export const standbyAppliedCommit: CommitRule = async (trx) => {
  await sql`set local synchronous_commit = remote_apply`.execute(trx);
};

export function commitRuleFor(syncStandby: boolean): CommitRule {
  return syncStandby ? standbyAppliedCommit : defaultCommit;
}

/**
 * With DATABASE_SYNC_STANDBY on a primary that names no synchronous standby, remote_apply waits for
 * nothing: said loudly at start, since payments are then not on a second server when they return.
 */
export async function warnWithoutSyncStandby(db: Kysely<Database>, log: Logger): Promise<void> {
  const { rows } = await sql<{
    names: string;
  }>`select current_setting('synchronous_standby_names') as names`.execute(db);
  if (!rows[0]?.names)
    log.warn(
      "DATABASE_SYNC_STANDBY is on but the primary's synchronous_standby_names is empty: payment commits do NOT wait for a standby",
    );
}
