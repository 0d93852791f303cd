// How far a streaming standby is behind its primary, in milliseconds, measured rather than guessed:
// `now() - pg_last_xact_replay_timestamp()` grows without bound on an idle primary, so instead the
// primary's flushed WAL position is read and the standby is asked until it has replayed that far.
// The time that took is the lag a read on the standby could see (0 when it is already there).
import { type Database, type Kysely, sql } from "@pizza/db";

export class NotAStandbyError extends Error {}

/** The primary's WAL position, flushed (what a standby can have received), as pg_lsn text. */
export async function primaryPosition(primary: Kysely<Database>): Promise<string> {
  const { rows } = await sql<{ lsn: string }>`select pg_current_wal_flush_lsn()::text as lsn`.execute(
    primary,
  );
  return rows[0]!.lsn;
}

/** Has the standby replayed the WAL up to `lsn`? Throws NotAStandbyError when it is not in recovery. */
export async function replayedUpTo(standby: Kysely<Database>, lsn: string): Promise<boolean> {
  const { rows } = await sql<{ recovery: boolean; replayed: boolean | null }>`
    select pg_is_in_recovery() as recovery, pg_last_wal_replay_lsn() >= ${lsn}::pg_lsn as replayed`.execute(
    standby,
  );
  const row = rows[0]!;
  if (!row.recovery)
    throw new NotAStandbyError("the read database is not a standby (pg_is_in_recovery() is false)");
  return row.replayed === true;
}

/**
 * Milliseconds until the standby replayed what the primary had flushed when the measure began; stops
 * asking once `capMs` have passed (the answer is then at least `capMs`).
 */
export async function measureReplayLag(
  primary: Kysely<Database>,
  standby: Kysely<Database>,
  capMs: number,
  now: () => number = performance.now.bind(performance),
): Promise<number> {
  const target = await primaryPosition(primary);
  const start = now();
  for (let round = 0; ; round++) {
    if (await replayedUpTo(standby, target)) return Math.round(now() - start);
    const waited = now() - start;
    if (waited >= capMs) return Math.round(waited);
    await new Promise((resolve) => setTimeout(resolve, Math.min(5 * 2 ** round, 100, capMs - waited)));
  }
}
