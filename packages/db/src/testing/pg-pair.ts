// A throw-away PostgreSQL primary with a streaming standby in temporary directories, on free loopback
// ports from 5441 up (never the machine's 5432/5433): for the failover test and the drills (issue 18).
// Built with the PostgreSQL 15 binaries (PG_BIN, default /usr/lib/postgresql/15/bin); as root every
// server command runs as user postgres. The standby is synchronous by name for the transactions that
// ask (payments: remote_apply), the default commit stays local, like the CI pair (.ci/pg-standby.sh).
import { execFile, execFileSync } from "node:child_process";
import { chownSync, mkdtempSync, rmSync } from "node:fs";
import { appendFile } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import pg from "pg";

const run = promisify(execFile);
const BIN = process.env.PG_BIN ?? "/usr/lib/postgresql/15/bin";
const STANDBY_NAME = "pair_standby";
const asRoot = process.getuid?.() === 0;

export interface PgNode {
  port: number;
  dataDir: string;
  /** A one-host URL to `database` on this node. */
  url(database?: string): string;
}

export interface PgPair {
  primary: PgNode;
  standby: PgNode;
  /** postgres://postgres@127.0.0.1:<primary>,127.0.0.1:<standby>/<database>?target_session_attrs=read-write */
  multiHostUrl(database: string): string;
  /** `pg_ctl stop -m immediate`: the primary dies as in a crash. */
  stopPrimary(): Promise<void>;
  /** `pg_ctl stop -m immediate` on the standby (the drills' "standby down"), and `startStandby()` to bring it back. */
  stopStandby(): Promise<void>;
  startStandby(): Promise<void>;
  /** `pg_ctl promote`, waiting until the standby accepts writes. */
  promoteStandby(): Promise<void>;
  /** One SQL statement on a node (database `postgres` unless named). */
  query<T extends pg.QueryResultRow>(node: PgNode, text: string, database?: string): Promise<T[]>;
  /** Stops both servers and deletes their directories. */
  close(): Promise<void>;
}

/** Runs a PostgreSQL binary as the postgres user (as root) or as ourselves. */
async function pgBin(name: string, args: string[]): Promise<string> {
  const [cmd, argv] = asRoot
    ? ["runuser", ["-u", "postgres", "--", join(BIN, name), ...args]]
    : [join(BIN, name), args];
  try {
    return (await run(cmd, argv, { timeout: 60_000 })).stdout;
  } catch (error) {
    const e = error as { stderr?: string; message: string };
    throw new Error(`${name} ${args.join(" ")} failed: ${e.stderr || e.message}`);
  }
}

const split = (args: string) => args.split(" ");

function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once("error", () => resolve(false));
    server.listen(port, "127.0.0.1", () => server.close(() => resolve(true)));
  });
}

async function freePorts(from: number, count: number): Promise<number[]> {
  const ports: number[] = [];
  for (let port = from; ports.length < count && port < from + 200; port++) {
    if (port !== 5432 && port !== 5433 && (await portFree(port))) ports.push(port);
  }
  if (ports.length < count) throw new Error(`no ${count} free ports from ${from}`);
  return ports;
}

function node(port: number, dataDir: string): PgNode {
  return {
    port,
    dataDir,
    url: (database = "postgres") => `postgres://postgres@127.0.0.1:${port}/${database}`,
  };
}

async function query<T extends pg.QueryResultRow>(n: PgNode, text: string, database?: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: n.url(database), connectionTimeoutMillis: 3000 });
  client.on("error", () => {});
  await client.connect();
  try {
    return (await client.query<T>(text)).rows;
  } finally {
    await client.end().catch(() => {});
  }
}

async function until(what: string, check: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check().catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`pg pair: still waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Starts a primary and its streaming standby; `close()` removes every trace. */
export async function startPgPair(opts: { fromPort?: number } = {}): Promise<PgPair> {
  const [primaryPort, standbyPort] = (await freePorts(opts.fromPort ?? 5441, 2)) as [number, number];
  const base = mkdtempSync(join(tmpdir(), "pg-pair-"));
  if (asRoot) {
    const uid = Number(execFileSync("id", ["-u", "postgres"]).toString());
    const gid = Number(execFileSync("id", ["-g", "postgres"]).toString());
    chownSync(base, uid, gid);
  }
  const primary = node(primaryPort, join(base, "primary"));
  const standby = node(standbyPort, join(base, "standby"));
  const conf = (n: PgNode) =>
    [
      `port = ${n.port}`,
      "listen_addresses = '127.0.0.1'",
      `unix_socket_directories = '${base}'`,
      "wal_level = replica",
      "max_wal_senders = 5",
      "hot_standby = on",
      "fsync = off",
      "shared_buffers = 16MB",
      "max_connections = 60",
      "autovacuum = off",
      "",
    ].join("\n");
  const started: PgNode[] = [];
  const stop = async (n: PgNode) => {
    await pgBin("pg_ctl", ["-D", n.dataDir, "stop", "-m", "immediate", "-w"]).catch(() => {});
  };
  const start = (n: PgNode, name: string) =>
    pgBin("pg_ctl", ["-D", n.dataDir, "-l", join(base, `${name}.log`), "-w", "start"]);
  const close = async () => {
    for (const n of started.reverse()) await stop(n);
    rmSync(base, { recursive: true, force: true });
  };
  try {
    const boot = async (n: PgNode, name: string) => {
      await appendFile(join(n.dataDir, "postgresql.conf"), conf(n));
      await start(n, name);
      started.push(n);
    };
    await pgBin("initdb", ["-D", primary.dataDir, ...split("-U postgres -A trust --no-sync -E UTF8")]);
    await boot(primary, "primary");
    const source = `host=127.0.0.1 port=${primary.port} user=postgres application_name=${STANDBY_NAME}`;
    await pgBin("pg_basebackup", ["-d", source, "-D", standby.dataDir, ...split("-R -X stream -c fast")]);
    await boot(standby, "standby");
    // Synchronous by name on the primary only (after the copy): the promoted standby starts asynchronous.
    await query(primary, `alter system set synchronous_standby_names = '${STANDBY_NAME}'`);
    await query(primary, "alter system set synchronous_commit = 'local'");
    await query(primary, "select pg_reload_conf()");
    await until("the standby streaming, synchronous", async () => {
      const rows = await query<{ sync_state: string }>(
        primary,
        `select sync_state from pg_stat_replication where application_name = '${STANDBY_NAME}' and state = 'streaming'`,
      );
      return rows[0]?.sync_state === "sync";
    });
  } catch (error) {
    await close();
    throw error;
  }
  return {
    primary,
    standby,
    multiHostUrl: (database) =>
      `postgres://postgres@127.0.0.1:${primary.port},127.0.0.1:${standby.port}/${database}?target_session_attrs=read-write`,
    stopPrimary: () => stop(primary),
    stopStandby: () => stop(standby),
    startStandby: async () => {
      await start(standby, "standby");
    },
    async promoteStandby() {
      await pgBin("pg_ctl", ["-D", standby.dataDir, "promote", "-w"]);
      await until("the promoted standby accepting writes", async () => {
        const rows = await query<{ standby: boolean }>(standby, "select pg_is_in_recovery() as standby");
        return rows[0]?.standby === false;
      });
    },
    query,
    close,
  };
}
