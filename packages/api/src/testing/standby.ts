// The CI pair's standby in tests (.ci/pg-standby.sh): which server a database answers from, and the
// standby's WAL replay paused for a while (the whole standby: every database on it falls behind).
import { type Database, type Kysely, sql } from "@pizza/db";
import { TEST_DATABASE_URL } from "@pizza/db/testing";
import pg from "pg";
import { until } from "./signals.ts";

export async function answersFrom(db: Kysely<Database>): Promise<"standby" | "primary"> {
  const { rows } = await sql<{ standby: boolean }>`select pg_is_in_recovery() as standby`.execute(db);
  return rows[0]!.standby ? "standby" : "primary";
}

/** Test files that pause the standby take turns (one resume must not end another file's pause). */
const PAUSE_LOCK = 18_5433;

/** Runs `work` with the standby's replay paused, and resumes it whatever happens. */
export async function withReplayPaused<T>(standbyUrl: string, work: () => Promise<T>): Promise<T> {
  const turn = new pg.Client({ connectionString: TEST_DATABASE_URL });
  turn.on("error", () => {});
  await turn.connect();
  await turn.query("select pg_advisory_lock($1)", [PAUSE_LOCK]);
  const client = new pg.Client({ connectionString: standbyUrl });
  client.on("error", () => {});
  await client.connect();
  try {
    await client.query("select pg_wal_replay_pause()");
    await until("replay paused", async () => {
      const { rows } = await client.query<{ state: string }>(
        "select pg_get_wal_replay_pause_state() as state",
      );
      return rows[0]!.state === "paused";
    });
    return await work();
  } finally {
    await client.query("select pg_wal_replay_resume()");
    await client.end();
    await turn.end();
  }
}
