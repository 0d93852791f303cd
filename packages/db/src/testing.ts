import { randomBytes } from "node:crypto";
import { sql } from "kysely";
import pg from "pg";
import { connect, type DbHandle, type DbKind } from "./connect.ts";
import { migrateToLatest } from "./migrate.ts";

/**
 * Test databases. Every suite that touches SQL runs against both the embedded PGlite and the real
 * PostgreSQL named by TEST_DATABASE_URL (default: the local server, database `test`). The real server
 * is never skipped: when it cannot be reached the suite fails with a message naming it.
 */
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";

export const dbKinds: DbKind[] = ["pglite", "postgres"];

/** A fresh, migrated, empty database of the given kind; `close()` drops it. */
export async function createTestDb(kind: DbKind): Promise<DbHandle & { url?: string }> {
  if (kind === "pglite") {
    const handle = connect({ dataDir: "memory://" });
    await migrateToLatest(handle.db);
    return handle;
  }
  const name = `t_${Date.now().toString(36)}_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
  try {
    await admin.connect();
  } catch (error) {
    throw new Error(
      `PostgreSQL is required for the integration tests and is not reachable at ${TEST_DATABASE_URL}: ${String(error)}`,
    );
  }
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(TEST_DATABASE_URL);
  url.pathname = `/${name}`;
  const handle = connect({ databaseUrl: url.toString(), poolSize: 10 });
  await migrateToLatest(handle.db);
  return {
    ...handle,
    url: url.toString(),
    async close() {
      await handle.close();
      const dropper = new pg.Client({ connectionString: TEST_DATABASE_URL });
      await dropper.connect();
      await dropper.query(`drop database if exists ${name} with (force)`);
      await dropper.end();
    },
  };
}

/** The CI pair's standby (.ci/pg-standby.sh): a streaming, synchronous standby of TEST_DATABASE_URL's server. */
export const TEST_DATABASE_READ_URL =
  process.env.TEST_DATABASE_READ_URL ?? "postgres://postgres@127.0.0.1:5433/test";

/**
 * The standby's URL for a test database on the CI pair, once the standby has replayed its creation.
 * Fails loudly (never skips) when TEST_DATABASE_READ_URL does not answer, or answers as a primary.
 */
export async function standbyUrlOf(handle: DbHandle): Promise<string> {
  const { rows } = await sql<{ name: string }>`select current_database() as name`.execute(handle.db);
  const name = rows[0]!.name;
  const hint = "start the CI pair's standby with `bash .ci/pg-standby.sh`";
  const standby = new pg.Client({ connectionString: TEST_DATABASE_READ_URL, connectionTimeoutMillis: 3000 });
  standby.on("error", () => {});
  try {
    await standby.connect();
  } catch (error) {
    throw new Error(
      `A PostgreSQL standby is required and does not answer at ${TEST_DATABASE_READ_URL} (${hint}): ${String(error)}`,
    );
  }
  try {
    const recovery = await standby.query<{ standby: boolean }>("select pg_is_in_recovery() as standby");
    if (!recovery.rows[0]?.standby)
      throw new Error(
        `${TEST_DATABASE_READ_URL} answers but is not a standby (pg_is_in_recovery() is false); ${hint}`,
      );
    const deadline = Date.now() + 20_000;
    while ((await standby.query("select 1 from pg_database where datname = $1", [name])).rowCount === 0) {
      if (Date.now() > deadline)
        throw new Error(`the standby at ${TEST_DATABASE_READ_URL} never showed database ${name}`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  } finally {
    await standby.end().catch(() => {});
  }
  const url = new URL(TEST_DATABASE_READ_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Counts rows of a table; tests use it to prove that bad input changed nothing. */
export async function countRows(handle: DbHandle, table: string): Promise<number> {
  const { rows } = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`.execute(
    handle.db,
  );
  return rows[0]?.n ?? 0;
}

export type { DbHandle, DbKind } from "./connect.ts";
export { seed } from "./seed.ts";
