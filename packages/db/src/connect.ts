import { mkdirSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { Kysely, PostgresDialect } from "kysely";
import { PGliteDialect } from "kysely-pglite-dialect";
import pg from "pg";
import { multiHostClient, parseMultiHostUrl } from "./multi-host.ts";
import type { Database } from "./schema.ts";

export type DbKind = "postgres" | "pglite";

export interface DbHandle {
  db: Kysely<Database>;
  kind: DbKind;
  /** PostgreSQL's pool (the read routing of the API borrows it for reads that fall back to the primary). */
  pool?: pg.Pool;
  close(): Promise<void>;
}

export interface ConnectOptions {
  /** PostgreSQL connection string; when absent the embedded PGlite is used. */
  databaseUrl?: string | undefined;
  /** Where PGlite keeps its files; `memory://` for a throw-away database. */
  dataDir?: string;
  /** pg pool size. */
  poolSize?: number;
}

const INT8_OID = 20;
const DATE_OID = 1082;

// What both drivers hand the code, and what `generated/database.ts` says they do (db-types.ts generates
// it with the matching `dateParser: "string"`): int8 (counts, bigserial) fits in a JS number for every
// value this platform stores, so it is read as one; a date is a calendar day ("2026-03-14"), kept as
// that text because a JS Date would put it at a midnight in some time zone. timestamptz stays a Date.
const parsers = {
  [INT8_OID]: (value: string) => Number(value),
  [DATE_OID]: (value: string) => value,
};
for (const [oid, parse] of Object.entries(parsers)) pg.types.setTypeParser(Number(oid), parse);

/**
 * The one place that picks the SQL dialect: DATABASE_URL → PostgreSQL via pg, otherwise PGlite. A
 * DATABASE_URL with several hosts (`h1:5432,h2:5432/db?target_session_attrs=read-write`) connects each
 * new pool connection to the first host that qualifies (multi-host.ts), as libpq would.
 */
export function connect(options: ConnectOptions = {}): DbHandle {
  if (options.databaseUrl) {
    const pool = new pg.Pool(poolConfig(options.databaseUrl, options.poolSize ?? 20));
    survivesServerLoss(pool);
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return { db, kind: "postgres", pool, close: () => db.destroy() };
  }
  const dataDir = options.dataDir ?? ".data/pglite";
  if (!dataDir.startsWith("memory://")) mkdirSync(dataDir, { recursive: true });
  const pglite = new PGlite(dataDir, { parsers });
  const db = new Kysely<Database>({ dialect: new PGliteDialect(pglite) });
  return { db, kind: "pglite", close: () => db.destroy() };
}

function poolConfig(url: string, max: number): pg.PoolConfig {
  const multi = parseMultiHostUrl(url);
  if (!multi) return { connectionString: url, max };
  return { connectionString: multi.urlFor(multi.hosts[0]!), max, Client: multiHostClient(multi) };
}

/**
 * A client that loses its server (a failover, a restart) must not crash the process: idle ones are
 * dropped by the pool, and one checked out at that moment (which the pool leaves without an error
 * listener) fails only its own query. The next connection finds the server again.
 */
export function survivesServerLoss(pool: pg.Pool): void {
  pool.on("error", () => {});
  pool.on("connect", (client) => client.on("error", () => {}));
}
