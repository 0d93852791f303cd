/**
 * npm run bench:realtime [-- --sockets 5000 --deliveries 1000 --warmup 5 --measure 60]
 *
 * Live tracking under load, against real PostgreSQL and a real Redis (a redis-server of its own, so the
 * shared one is untouched; `--redis-url` to use another): `sockets` customer sockets follow `deliveries`
 * orders that are out for delivery, whose drivers send a position every second, from a load generator in
 * another process. Measured: latency from a driver's emit to a customer's receipt (p50, p99), position
 * messages delivered per second, and the server's memory per connection. In the same run, the same load
 * on a bare Socket.IO relay (no auth, no database, no bus) gives the baseline; then the platform again on
 * two nodes, every customer on the other node than its driver (every message crosses Redis).
 * The last line is one JSON object; `ratio = p99_ms / baseline_p99_ms`.
 */
import { type ChildProcess, fork } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { connect, migrateToLatest, seed } from "@pizza/db";
import { createDatabaseWithUrl, OwnRedisServer } from "../src/events/testing.ts";
import { AccessTokens } from "../src/modules/auth/tokens.ts";
import type { PositionStage, StageFigures } from "../src/realtime/position-stages.ts";
import type { LoadPlan } from "./realtime-load.ts";

const { values } = parseArgs({
  options: {
    sockets: { type: "string", default: "5000" },
    deliveries: { type: "string", default: "1000" },
    warmup: { type: "string", default: "5" },
    measure: { type: "string", default: "60" },
    "redis-url": { type: "string" },
    "skip-two-nodes": { type: "boolean", default: false },
    /** Node.js flags for the API nodes: by default those `npm start` and `npm run cluster` use. */
    "node-flags": { type: "string", default: "--max-semi-space-size=32" },
    /** Write V8 CPU profiles of the server processes to this directory. */
    "cpu-prof": { type: "string" },
  },
});
const SOCKETS = Number(values.sockets);
const DELIVERIES = Number(values.deliveries);
const WARMUP_MS = Number(values.warmup) * 1000;
const MEASURE_MS = Number(values.measure) * 1000;
const here = (f: string) => fileURLToPath(new URL(f, import.meta.url));
const say = (s: string) => process.stdout.write(`${s}\n`);

interface Result {
  cpuPct: number;
  loopP99Ms: number;
  loopMaxMs: number;
  received: number;
  sent: number;
  seconds: number;
  p50: number;
  p99: number;
  max: number;
  mean: number;
  worstPerSecond: number[];
}

interface ServerStats {
  cpuPct: number;
  loopP99Ms: number;
  loopMaxMs: number;
  stages?: Partial<Record<PositionStage, StageFigures>>;
  gc?: { count: number; totalMs: number; maxMs: number };
}

/**
 * Where the latency went: each stage's mean and p99 on the server, and the share of the mean end-to-end
 * latency it accounts for; what is left ("outbound") is writing to the customer's socket, the network and
 * the load generator reading it.
 */
function stageLines(r: Result, stats: ServerStats[]): string[] {
  const lines: string[] = [];
  stats.forEach((s, i) => {
    if (!s.stages) return;
    const parts = Object.entries(s.stages).map(
      ([k, f]) => `${k} mean ${f.meanMs} ms / p99 ${f.p99Ms} ms / max ${f.maxMs} ms (${f.count})`,
    );
    const g = s.gc;
    lines.push(`  node ${i + 1} stages: ${parts.join("; ")}`);
    if (g) lines.push(`  node ${i + 1} GC: ${g.count} pauses, ${g.totalMs} ms in all, longest ${g.maxMs} ms`);
  });
  const first = stats[0]?.stages;
  if (first && r.mean > 0) {
    const path: PositionStage[] = stats.length > 1 ? ["cross_node"] : ["inbound", "orders", "throttle"];
    const node = stats.length > 1 ? stats[1]!.stages! : first;
    const accounted = path.map((k) => [k, node[k]?.meanMs ?? 0] as const);
    const fan = node.fanout?.meanMs ?? 0;
    const out = Math.max(0, r.mean - accounted.reduce((a, [, v]) => a + v, 0) - fan);
    const share = (v: number) => `${Math.round((v / r.mean) * 100)}%`;
    lines.push(
      `  share of the mean latency (${r.mean} ms): ${[
        ...accounted,
        ["fanout", fan] as const,
        ["outbound", out] as const,
      ]
        .map(([k, v]) => `${k} ${share(v)}`)
        .join(", ")}`,
    );
  }
  return lines;
}

function child(file: string, env: Record<string, string> = {}, profile = false): ChildProcess {
  const prof = profile && values["cpu-prof"] ? ["--cpu-prof", `--cpu-prof-dir=${values["cpu-prof"]}`] : [];
  const flags = file === "./realtime-node.ts" ? values["node-flags"].split(" ").filter(Boolean) : [];
  return fork(here(file), [], {
    execArgv: ["--import", "tsx", "--expose-gc", ...flags, ...prof],
    env: { ...process.env, ...env },
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
}

function next<T>(proc: ChildProcess, type: string, timeoutMs = 180_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out waiting for ${type}`)), timeoutMs);
    const onMessage = (m: { type: string }) => {
      if (m.type !== type) return;
      clearTimeout(timer);
      proc.off("message", onMessage);
      resolve(m as T);
    };
    proc.on("message", onMessage);
    proc.once("exit", (code) => reject(new Error(`child exited (${code}) before ${type}`)));
  });
}

function memoryOf(proc: ChildProcess): Promise<{ rss: number; heapUsed: number }> {
  const reply = next<{ rss: number; heapUsed: number }>(proc, "mem");
  proc.send({ type: "mem" });
  return reply;
}

async function stop(proc: ChildProcess) {
  if (proc.exitCode !== null) return;
  const exited = new Promise((r) => proc.once("exit", r));
  proc.send({ type: "stop" });
  await Promise.race([exited, new Promise((r) => setTimeout(r, 5_000))]);
  if (proc.exitCode === null) proc.kill("SIGKILL");
}

// ── data: a database of our own with `DELIVERIES` orders out for delivery, each with its driver ─────────
const database = await createDatabaseWithUrl();
const DATABASE_URL = database.url;
const redisServer = values["redis-url"] ? undefined : await OwnRedisServer.start();
const REDIS_URL = values["redis-url"] ?? redisServer!.url;
const JWT_SECRET = randomBytes(32).toString("hex");
const tokens = new AccessTokens(JWT_SECRET);

const handle = connect({ databaseUrl: DATABASE_URL });
const children: ChildProcess[] = [];
try {
  const t0 = Date.now();
  await migrateToLatest(handle.db);
  await seed(handle.db);
  const store = await handle.db
    .selectFrom("stores")
    .select(["id", "region_code"])
    .where("slug", "=", "nyc-midtown")
    .executeTakeFirstOrThrow();
  const people = (role: "driver" | "customer") =>
    Array.from({ length: DELIVERIES }, (_, i) => ({
      id: randomUUID(),
      email: `${role}${i}.${randomUUID().slice(0, 6)}@bench.test`,
      password_hash: "x",
      name: `${role} ${i}`,
      role,
    }));
  const driverRows = people("driver");
  const customerRows = people("customer");
  for (const rows of [driverRows, customerRows]) await handle.db.insertInto("users").values(rows).execute();
  await handle.db
    .insertInto("drivers")
    .values(driverRows.map((d) => ({ user_id: d.id, home_store_id: store.id })))
    .execute();
  const orders = await handle.db
    .insertInto("orders")
    .values(
      customerRows.map((c) => ({
        region_code: store.region_code,
        store_id: store.id,
        customer_id: c.id,
        channel: "delivery" as const,
        status: "out_for_delivery" as const,
        version: 7,
        lat: 40.75,
        lng: -73.99,
        currency: "USD",
        subtotal: 1500,
        total: 1500,
        tax_included: false,
        idempotency_key: randomUUID(),
        promised_at: new Date(Date.now() + 30 * 60_000),
      })),
    )
    .returning(["id", "customer_id"])
    .execute();
  const orderOf = new Map(orders.map((o) => [o.customer_id, o.id]));
  await handle.db
    .insertInto("deliveries")
    .values(
      customerRows.map((c, i) => ({
        order_id: orderOf.get(c.id)!,
        region_code: store.region_code,
        store_id: store.id,
        driver_id: driverRows[i]!.id,
        status: "picked_up" as const,
        picked_up_at: new Date(),
      })),
    )
    .execute();
  const driverTokens = await Promise.all(
    driverRows.map((d) => tokens.sign({ id: d.id, role: "driver", storeId: null, name: d.name })),
  );
  const customerTokens = await Promise.all(
    customerRows.map((c) => tokens.sign({ id: c.id, role: "customer", storeId: null, name: c.name })),
  );
  say(
    `setup: ${DELIVERIES} deliveries out for delivery, ${SOCKETS} customer sockets (${(SOCKETS / DELIVERIES).toFixed(1)} per order) in ${Date.now() - t0} ms; 2-core machine shared by other work, so figures are indicative`,
  );

  const nodeEnv = {
    DATABASE_URL,
    REDIS_URL,
    JWT_SECRET,
    NODE_ENV: "test",
    SEED_DEMO: "false",
    KITCHEN_AUTOPILOT: "false",
    SIM_DRIVERS: "0",
    DB_POOL_SIZE: "20",
  };

  function plan(mode: LoadPlan["mode"], urls: string[]): LoadPlan {
    const n = urls.length;
    return {
      mode,
      drivers: driverRows.map((_, i) => ({
        url: urls[i % n]!,
        token: driverTokens[i]!,
        orderId: orderOf.get(customerRows[i]!.id)!,
      })),
      customers: Array.from({ length: SOCKETS }, (_, k) => {
        const i = k % DELIVERIES;
        // With several nodes, each customer sits on another node than its driver: every position crosses Redis.
        return {
          url: urls[(i + 1) % n]!,
          token: customerTokens[i]!,
          orderId: orderOf.get(customerRows[i]!.id)!,
        };
      }),
    };
  }

  async function phase(name: string, mode: LoadPlan["mode"], nodeCount: number) {
    const servers = Array.from({ length: nodeCount }, () =>
      child(mode === "platform" ? "./realtime-node.ts" : "./relay-node.ts", nodeEnv, true),
    );
    children.push(...servers);
    const ports = await Promise.all(
      servers.map((s) => next<{ port: number }>(s, "ready").then((m) => m.port)),
    );
    const memBefore = await Promise.all(servers.map(memoryOf));
    const load = child("./realtime-load.ts");
    children.push(load);
    await next(load, "ready");
    const t = Date.now();
    load.send({
      type: "connect",
      plan: plan(
        mode,
        ports.map((p) => `http://127.0.0.1:${p}`),
      ),
    });
    const connected = await next<{ customers: number; drivers: number; failures: number }>(load, "connected");
    const memAfter = await Promise.all(servers.map(memoryOf));
    const sockets = connected.customers + connected.drivers;
    const rss = memAfter.reduce((a, m, i) => a + m.rss - memBefore[i]!.rss, 0);
    const heap = memAfter.reduce((a, m, i) => a + m.heapUsed - memBefore[i]!.heapUsed, 0);
    load.send({ type: "run", warmupMs: WARMUP_MS, measureMs: MEASURE_MS });
    await next(load, "measuring", WARMUP_MS + 60_000);
    await Promise.all(
      servers.map((s) => {
        const marked = next(s, "marked");
        s.send({ type: "mark" });
        return marked;
      }),
    );
    const r = await next<Result>(load, "result", WARMUP_MS + MEASURE_MS + 60_000);
    const serverStats = await Promise.all(
      servers.map((s) => {
        const reply = next<ServerStats>(s, "stats");
        s.send({ type: "stats" });
        return reply;
      }),
    );
    await stop(load);
    await Promise.all(servers.map(stop));
    const out = {
      name,
      sockets,
      customers: connected.customers,
      failures: connected.failures,
      msgs_per_s: Math.round(r.received / r.seconds),
      sent_per_s: Math.round(r.sent / r.seconds),
      p50_ms: r.p50,
      p99_ms: r.p99,
      max_ms: r.max,
      mem_per_socket_kb: Math.round((rss / 1024 / Math.max(1, sockets)) * 10) / 10,
      heap_per_socket_kb: Math.round((heap / 1024 / Math.max(1, sockets)) * 10) / 10,
    };
    say(
      `${name}: ${connected.customers} customers + ${connected.drivers} drivers connected in ${((Date.now() - t) / 1000 - (WARMUP_MS + MEASURE_MS) / 1000).toFixed(0)} s (${connected.failures} failures); ` +
        `${out.msgs_per_s} positions/s delivered (${out.sent_per_s}/s sent); latency p50 ${r.p50} ms, p99 ${r.p99} ms, max ${r.max} ms; ` +
        `server memory ${out.mem_per_socket_kb} KB RSS (${out.heap_per_socket_kb} KB heap) per socket; ` +
        `server CPU ${serverStats.map((x) => `${x.cpuPct}%`).join("+")} (event-loop delay p99 ${serverStats.map((x) => x.loopP99Ms).join("/")} ms, max ${serverStats.map((x) => x.loopMaxMs).join("/")} ms), ` +
        `load generator CPU ${r.cpuPct}% (event-loop delay p99 ${r.loopP99Ms} ms, max ${r.loopMaxMs} ms)`,
    );
    for (const line of stageLines(r, serverStats)) say(line);
    say(`  worst latency of each second (ms): ${r.worstPerSecond.join(" ")}`);
    return out;
  }

  const baseline = await phase("baseline (bare Socket.IO relay, 1 node)", "baseline", 1);
  const one = await phase("platform, 1 node", "platform", 1);
  const two = values["skip-two-nodes"]
    ? undefined
    : await phase("platform, 2 nodes (customers on the other node)", "platform", 2);
  if (two) {
    say(
      JSON.stringify({
        bench: "realtime-2-nodes",
        sockets: two.customers,
        msgs_per_s: two.msgs_per_s,
        p50_ms: two.p50_ms,
        p99_ms: two.p99_ms,
        baseline_p99_ms: baseline.p99_ms,
        ratio: Math.round((two.p99_ms / baseline.p99_ms) * 100) / 100,
        mem_per_socket_kb: two.mem_per_socket_kb,
      }),
    );
  }
  say(
    JSON.stringify({
      bench: "realtime",
      sockets: one.customers,
      msgs_per_s: one.msgs_per_s,
      p50_ms: one.p50_ms,
      p99_ms: one.p99_ms,
      baseline_p99_ms: baseline.p99_ms,
      ratio: Math.round((one.p99_ms / baseline.p99_ms) * 100) / 100,
      mem_per_socket_kb: one.mem_per_socket_kb,
    }),
  );
} finally {
  for (const c of children) if (c.exitCode === null) c.kill("SIGKILL");
  await handle.close();
  await redisServer?.kill();
  await database.drop();
}
