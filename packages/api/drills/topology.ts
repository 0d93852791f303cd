// What a drill runs on, started for it alone and stopped after it: a fresh seeded PostgreSQL database, a
// Redis server of its own (a drill may freeze or kill it without touching anyone else's), API nodes as
// separate processes, and HAProxy in front of them.
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { connect, migrateToLatest } from "@pizza/db";
import { startPgPair } from "@pizza/db/pg-pair";
import { createTestDb, seed } from "@pizza/db/testing";
import { haproxyConfig, spawnApiNode, spawnDispatcher, waitReady } from "../scripts/processes.ts";
import { repoRoot } from "../src/env.ts";
import { type OwnRedis, startOwnRedis } from "../src/testing/own-redis.ts";

export interface Proc {
  name: string;
  child: ChildProcess;
  /** Waits for the process to end (at once when it already has). */
  exited(): Promise<void>;
}

function proc(name: string, child: ChildProcess): Proc {
  const done = new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    child.once("exit", () => resolve());
  });
  return { name, child, exited: () => done };
}

export class Topology {
  private readonly procs: Proc[] = [];
  private readonly cleanups: (() => Promise<void>)[] = [];
  private nodeCount = 0;
  readonly jwtSecret = randomBytes(32).toString("hex");
  /** Opens /readyz details and /metrics of the drill's processes. */
  readonly metricsToken = randomBytes(24).toString("hex");
  readonly workDir = mkdtempSync(join(tmpdir(), "pizza-drill-"));

  /** A fresh database on the machine's PostgreSQL (TEST_DATABASE_URL), migrated and seeded; dropped on stop. */
  async database() {
    const handle = await createTestDb("postgres");
    await seed(handle.db);
    this.cleanups.push(() => handle.close());
    return { db: handle.db, url: handle.url!, env: {} as Record<string, string> };
  }

  /**
   * A primary with a synchronous streaming standby of the drill's own (temporary directories, ports
   * from 5451), migrated and seeded; the nodes get the multi-host URL, reads on the standby and payments
   * that wait for it (`env`).
   */
  async databaseWithStandby() {
    const pair = await startPgPair({ fromPort: 5451 });
    this.cleanups.push(() => pair.close());
    await pair.query(pair.primary, "create database pizza");
    const url = pair.multiHostUrl("pizza");
    const handle = connect({ databaseUrl: url, poolSize: 4 });
    this.cleanups.push(() => handle.close());
    await migrateToLatest(handle.db);
    await seed(handle.db);
    const env = { DATABASE_READ_URL: pair.standby.url("pizza"), DATABASE_SYNC_STANDBY: "true" };
    return { db: handle.db, url, env, pair };
  }

  /** `count` stand-alone dispatchers (`npm run dispatcher`), health on basePort, basePort+1, … */
  async dispatchers(
    count: number,
    basePort: number,
    env: Record<string, string>,
  ): Promise<(Proc & { port: number })[]> {
    const started: (Proc & { port: number })[] = [];
    for (let i = 0; i < count; i++) {
      const port = basePort + i;
      const child = spawnDispatcher({
        port,
        env: { ...this.nodeEnv(env) },
        stdio: process.env.DRILL_LOG_LEVEL ? "inherit" : "ignore",
      });
      started.push({ ...this.track(proc(`d${i + 1}`, child)), port });
    }
    await Promise.all(started.map((d) => waitReady(`http://127.0.0.1:${d.port}`, { timeoutMs: 90_000 })));
    return started;
  }

  /** A Redis server of the drill's own on `port` (nothing kept on disk); stopped with the rest. */
  async redis(port: number): Promise<OwnRedis> {
    const redis = await startOwnRedis(port);
    this.track(proc(`redis:${port}`, redis.child));
    return redis;
  }

  /**
   * A Redis Cluster of the drill's own (3 primaries, 3 replicas on basePort..basePort+5, started by
   * .ci/redis-cluster.sh), shut down on stop. `killPrimaryOf(key)` kills -9 the primary serving `key`'s slot.
   */
  async redisCluster(basePort: number) {
    const env = {
      ...process.env,
      REDIS_CLUSTER_BASE_PORT: String(basePort),
      REDIS_CLUSTER_DIR: join(this.workDir, "cluster"),
    };
    const script = join(repoRoot, ".ci/redis-cluster.sh");
    execFileSync("bash", [script], { env, stdio: "ignore" });
    this.cleanups.push(async () => {
      execFileSync("bash", [script, "stop"], { env, stdio: "ignore" });
    });
    const ports = Array.from({ length: 6 }, (_, i) => basePort + i);
    const cli = (port: number, ...args: string[]) =>
      execFileSync("redis-cli", ["-h", "127.0.0.1", "-p", String(port), ...args], {
        stdio: ["ignore", "pipe", "ignore"],
      }).toString();
    return {
      nodes: ports.map((p) => `127.0.0.1:${p}`).join(","),
      /** Kills (-9) the primary serving `key`'s slot; returns its port. */
      killPrimaryOf(key: string): number {
        const slot = Number(cli(basePort, "cluster", "keyslot", key).trim());
        const owner = cli(basePort, "cluster", "nodes")
          .split("\n")
          .map((line) => line.split(" "))
          .find((f) => f[2]?.includes("master") && f.slice(8).some((r) => inRange(r, slot)));
        if (!owner) throw new Error(`no primary serves slot ${slot}`);
        const port = Number(owner[1]!.split(":")[1]!.split("@")[0]);
        const pid = Number(/process_id:(\d+)/.exec(cli(port, "info", "server"))?.[1]);
        process.kill(pid, "SIGKILL");
        return port;
      },
      /** Waits until every live node says cluster_state:ok again (a replica took over). */
      async healed(deadlineMs = 30_000): Promise<void> {
        const until = Date.now() + deadlineMs;
        while (Date.now() < until) {
          const ok = ports.every((p) => {
            try {
              return cli(p, "cluster", "info").includes("cluster_state:ok");
            } catch {
              return true; // the killed one
            }
          });
          if (ok) return;
          await new Promise((r) => setTimeout(r, 200));
        }
        throw new Error("the Redis Cluster did not heal");
      },
    };
  }

  /** `count` API nodes on basePort, basePort+1, … sharing `env` (and this drill's JWT secret). */
  async apiNodes(
    count: number,
    basePort: number,
    env: Record<string, string>,
  ): Promise<(Proc & { port: number })[]> {
    const nodes: (Proc & { port: number })[] = [];
    const nodeEnv = this.nodeEnv(env);
    for (let i = 0; i < count; i++) {
      const name = `n${this.nodeCount + 1}`;
      this.nodeCount++;
      const port = basePort + i;
      const child = spawnApiNode({
        port,
        name,
        env: nodeEnv,
        stdio: process.env.DRILL_LOG_LEVEL ? "inherit" : "ignore",
      });
      nodes.push({ ...this.track(proc(name, child)), port });
    }
    await Promise.all(nodes.map((n) => waitReady(`http://127.0.0.1:${n.port}`, { timeoutMs: 90_000 })));
    return nodes;
  }

  /** What every process of the drill runs with: development mode on real services, quiet, no demo parts. */
  private nodeEnv(env: Record<string, string>): NodeJS.ProcessEnv {
    return {
      ...process.env,
      NODE_ENV: "development",
      JWT_SECRET: this.jwtSecret,
      METRICS_TOKEN: this.metricsToken,
      HOST: "127.0.0.1",
      TRUST_PROXY: "127.0.0.1,::1",
      SERVE_APPS: "false",
      SEED_DEMO: "false",
      SIM_DRIVERS: "0",
      KITCHEN_AUTOPILOT: "false",
      PAYMENTS: "simulated",
      NOTIFIER: "log",
      LOG_LEVEL: process.env.DRILL_LOG_LEVEL ?? "error",
      PLACE_ORDER_LIMIT_PER_CUSTOMER: "1000000",
      PLACE_ORDER_LIMIT_PER_IP: "1000000",
      ...env,
    };
  }

  /** HAProxy on `port` in front of `nodes`; resolves when it answers. */
  async loadBalancer(port: number, nodes: { name: string; port: number }[]): Promise<string> {
    const file = join(this.workDir, "haproxy.cfg");
    writeFileSync(file, haproxyConfig({ port, scheme: "http", backends: nodes }));
    this.track(proc("haproxy", spawn("haproxy", ["-db", "-f", file], { stdio: "ignore" })));
    const url = `http://127.0.0.1:${port}`;
    await waitReady(url);
    return url;
  }

  private track<T extends Proc>(p: T): T {
    this.procs.push(p);
    return p;
  }

  async stop(): Promise<void> {
    for (const p of this.procs.reverse()) {
      if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill("SIGCONT");
      p.child.kill("SIGTERM");
    }
    await Promise.race([
      Promise.all(this.procs.map((p) => p.exited())),
      // Nodes writing a CPU profile (CPU_PROFILE_DIR) need longer than a clean stop does.
      new Promise((r) => setTimeout(r, process.env.CPU_PROFILE_DIR ? 60_000 : 10_000)),
    ]);
    for (const p of this.procs) p.child.kill("SIGKILL");
    for (const c of this.cleanups.reverse()) await c().catch(() => undefined);
  }
}

/** A `cluster nodes` slot field ("0-5460", "42", or a migration "[…]") covers `slot`. */
function inRange(field: string, slot: number): boolean {
  const m = /^(\d+)(?:-(\d+))?$/.exec(field.trim());
  if (!m) return false;
  const from = Number(m[1]);
  const to = m[2] === undefined ? from : Number(m[2]);
  return slot >= from && slot <= to;
}
