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

/** Counts rows of a table; tests use it to prove that bad input changed nothing. */
export async function countRows(handle: DbHandle, table: string): Promise<number> {
  const { rows } = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`.execute(
    handle.db,
  );
  return rows[0]?.n ?? 0;
}

export type { DbHandle, DbKind } from "./connect.ts";
export { seed } from "./seed.ts";
