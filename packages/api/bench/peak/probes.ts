// Readings taken at the end of every 10-second bucket: each node's event-loop delay (prom-client's
// nodejs_eventloop_lag_p99_seconds / _max_seconds, which it resets at every scrape, so each reading covers
// the bucket), the CPU of the run's PostgreSQL backends (utime + stime from /proc/<pid>/stat of the
// backends connected to the run's database) and of the run's Redis (INFO cpu).
import { readFileSync } from "node:fs";
import { type Database, type Kysely, sql } from "@pizza/db";
import { Redis } from "ioredis";
import { BUCKET_MS, type Recorder, round } from "./recorder.ts";

/** Linux clock ticks per second (USER_HZ), what /proc/<pid>/stat counts CPU time in. */
const TICKS_PER_S = 100;

export interface ProbeTargets {
  /** name → base URL of a node (its /metrics, with the token). */
  nodes: { name: string; url: string }[];
  metricsToken: string;
  db: Kysely<Database>;
  redisUrl?: string;
}

export function startProbes(targets: ProbeTargets, rec: Recorder, t0: number): { stop(): Promise<void> } {
  const redis = targets.redisUrl ? new Redis(targets.redisUrl, { lazyConnect: false }) : undefined;
  redis?.on("error", () => undefined);
  const pgTicks = new Map<number, number>();
  let redisCpu: number | undefined;
  let last = Date.now();
  let primed = false;

  async function read() {
    const now = Date.now();
    const seconds = (now - last) / 1000;
    last = now;
    const bucket = rec.at(now - t0 - 1);
    await Promise.all([
      ...targets.nodes.map(async (n) => {
        const lag = await eventLoopLag(n.url, targets.metricsToken);
        if (lag) bucket.loop[n.name] = lag;
      }),
      (async () => {
        const ticks = await backendTicks(targets.db);
        if (ticks === undefined) return;
        let used = 0;
        for (const [pid, t] of ticks) used += t - (pgTicks.get(pid) ?? 0);
        for (const [pid, t] of ticks) pgTicks.set(pid, t);
        if (!primed) return;
        bucket.pgCpu = round(used / TICKS_PER_S / seconds, 2);
      })(),
      (async () => {
        if (!redis) return;
        const info = await redis.info("cpu").catch(() => "");
        const cpu = ["used_cpu_sys", "used_cpu_user"]
          .map((k) => Number(new RegExp(`^${k}:([\\d.]+)`, "m").exec(info)?.[1] ?? Number.NaN))
          .reduce((a, b) => a + b, 0);
        if (Number.isNaN(cpu)) return;
        if (redisCpu !== undefined) bucket.redisCpu = round((cpu - redisCpu) / seconds, 2);
        redisCpu = cpu;
      })(),
    ]);
    primed = true;
  }

  void read();
  const timer = setInterval(() => void read(), BUCKET_MS);
  return {
    async stop() {
      clearInterval(timer);
      redis?.disconnect();
    },
  };
}

async function eventLoopLag(url: string, token: string): Promise<{ p99: number; max: number } | undefined> {
  try {
    const res = await fetch(`${url}/metrics`, {
      headers: { authorization: `Bearer ${token}` },
      signal: AbortSignal.timeout(5_000),
    });
    const text = await res.text();
    const value = (name: string) =>
      Number(new RegExp(`^${name}(?:\\{[^}]*\\})? ([\\d.e+-]+)`, "m").exec(text)?.[1]);
    const p99 = value("nodejs_eventloop_lag_p99_seconds");
    const max = value("nodejs_eventloop_lag_max_seconds");
    if (Number.isNaN(p99)) return undefined;
    return { p99: round(p99 * 1000), max: round(max * 1000) };
  } catch {
    return undefined;
  }
}

/** CPU ticks so far of each backend connected to the run's database (undefined when /proc is not readable). */
async function backendTicks(db: Kysely<Database>): Promise<Map<number, number> | undefined> {
  const { rows } = await sql<{ pid: number }>`
    select pid from pg_stat_activity where datname = current_database()`.execute(db);
  const ticks = new Map<number, number>();
  for (const { pid } of rows) {
    try {
      // Fields after the command's closing parenthesis; utime and stime are the 14th and 15th.
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      ticks.set(pid, Number(fields[11]) + Number(fields[12]));
    } catch {
      // Gone since, or PostgreSQL runs elsewhere.
    }
  }
  return ticks.size > 0 ? ticks : undefined;
}
