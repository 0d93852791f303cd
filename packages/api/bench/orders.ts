// npm run bench:orders
//
// Places orders through the real HTTP API (tRPC over HTTP, the API in its own process, real
// PostgreSQL and Redis) from this process as the load generator, at 1, 16 and 64 concurrent clients
// (BENCH_DURATION_S each, default 20). In the same run: pgbench with a custom script of the same
// transaction shape (order, its items, a history row, an outbox row) gives the database's ceiling,
// and cached menu.getMenu is compared with a bare HTTP server serving the same bytes.
// The last line printed is one JSON object; ratio = orders_per_s / pgbench_tps at 64 clients.
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { connect, migrateToLatest, seed } from "@pizza/db";
import pg from "pg";
import { AccessTokens } from "../src/modules/auth/tokens.ts";
import { freePort } from "../src/testing/child-process.ts";
import {
  load,
  loadRaw,
  type RunResult,
  round,
  type Sample,
  stop,
  summarize,
  waitFor,
} from "./orders-load.ts";
import { pgbenchRunner } from "./orders-pgbench.ts";

const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 20);
const MENU_DURATION_S = Number(process.env.BENCH_MENU_DURATION_S ?? Math.min(DURATION_S, 10));
const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";
const REDIS_URL = process.env.BENCH_REDIS_URL ?? "redis://127.0.0.1:6379";
const CLIENTS = [1, 16, 64];
/**
 * Orders are spread over this many always-open stores, as on a busy night across a chain: one
 * store's kitchen takes a few dozen orders per 15 minutes, so hundreds per second only ever happen
 * across many stores (and each store's slot counter is a row every order of that slot locks).
 */
const STORES = Number(process.env.BENCH_STORES ?? 64);
const apiDir = fileURLToPath(new URL("..", import.meta.url));

function log(line: string) {
  process.stdout.write(`${line}\n`);
}

async function main() {
  const dbName = `bench_orders_${Date.now().toString(36)}_${randomBytes(3).toString("hex")}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`create database ${dbName}`);
  await admin.end();
  const url = new URL(ADMIN_URL);
  url.pathname = `/${dbName}`;
  const databaseUrl = url.toString();
  const children: ChildProcess[] = [];
  const tmp = mkdtempSync(join(tmpdir(), "bench-orders-"));

  try {
    // ── data: the demo chain, 64 customers with tokens, kitchens that take the load ──────────
    const handle = connect({ databaseUrl, poolSize: 4 });
    await migrateToLatest(handle.db);
    await seed(handle.db);
    const templates = await handle.db
      .selectFrom("stores")
      .select(["region_code", "lat", "lng", "h3_cell", "timezone", "hours", "address"])
      .where("slug", "in", ["nyc-midtown", "ber-mitte", "tyo-shibuya"])
      .orderBy("slug")
      .execute();
    await handle.db
      .insertInto("stores")
      .values(
        Array.from({ length: Math.max(0, STORES - 3) }, (_, i) => {
          const t = templates[i % templates.length]!;
          return {
            ...t,
            hours: JSON.stringify(t.hours),
            slug: `bench-${i}`,
            name: `Bench store ${i}`,
            lat: t.lat + (i % 7) * 0.003,
            lng: t.lng,
          };
        }),
      )
      .execute();
    const stores = await handle.db
      .selectFrom("stores")
      .select(["id", "slug", "region_code"])
      .where((eb) =>
        eb.or([eb("slug", "like", "bench-%"), eb("slug", "in", ["nyc-midtown", "ber-mitte", "tyo-shibuya"])]),
      )
      .orderBy("slug")
      .limit(STORES)
      .execute();
    await handle.db.updateTable("stores").set({ kitchen_capacity: 1_000_000 }).execute();
    const customers = await handle.db
      .insertInto("users")
      .values(
        Array.from({ length: 64 }, (_, i) => ({
          email: `bench-${i}@example.com`,
          phone: null,
          password_hash: "bench",
          name: `Bench ${i}`,
          role: "customer" as const,
          store_id: null,
          locale: "en",
          updated_at: new Date(),
        })),
      )
      .returning(["id", "name"])
      .execute();
    await handle.close();
    const secret = randomBytes(32).toString("hex");
    const tokens = new AccessTokens(secret);
    const bearer = await Promise.all(
      customers.map((c) => tokens.sign({ id: c.id, role: "customer", storeId: null, name: c.name })),
    );

    // ── the API in its own process ─────────────────────────────────────────────────────────
    const port = await freePort();
    const nodeArgs = process.env.BENCH_API_NODE_ARGS ? process.env.BENCH_API_NODE_ARGS.split(" ") : [];
    const api = spawn(process.execPath, [...nodeArgs, "--import", "tsx", "src/main.ts"], {
      cwd: apiDir,
      env: {
        ...process.env,
        NODE_ENV: "production",
        // No messages are sent in the bench; the operator's explicit choice, as production requires.
        NOTIFIER: "log",
        // The benchmark pays nothing: the simulation, chosen explicitly (production refuses it otherwise).
        PAYMENTS: "simulated",
        PORT: String(port),
        HOST: "127.0.0.1",
        DATABASE_URL: databaseUrl,
        REDIS_URL,
        JWT_SECRET: secret,
        DB_POOL_SIZE: process.env.BENCH_DB_POOL ?? "24",
        SERVE_APPS: "false",
        SEED_DEMO: "false",
        KITCHEN_AUTOPILOT: "false",
        SIM_DRIVERS: "0",
        LOG_LEVEL: "warn",
        // The load comes from one address and 64 customers at ~300 orders/s: far over the
        // production limits, which are still checked (same Redis round trip) with these ceilings.
        PLACE_ORDER_LIMIT_PER_CUSTOMER: "1000000",
        PLACE_ORDER_LIMIT_PER_IP: "1000000",
      },
      stdio: ["ignore", "inherit", "inherit"],
    });
    children.push(api);
    const base = `http://127.0.0.1:${port}`;
    await waitFor(`${base}/readyz`);
    log(
      `API up at ${base} (PostgreSQL ${dbName}, Redis), ${DURATION_S} s per run, orders spread over ${stores.length} stores`,
    );

    const items = [
      { itemId: "pepperoni", variant: "large", quantity: 1 },
      {
        itemId: "margherita",
        variant: "medium",
        quantity: 1,
        toppings: [{ id: "mushrooms", placement: "left" }],
      },
      { itemId: "cola", variant: "500ml", quantity: 2 },
    ];
    const placeOrder = async (w: number) => {
      const store = stores[w % stores.length]!;
      const res = await fetch(`${base}/trpc/order.placeOrder`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${bearer[w % bearer.length]}` },
        body: JSON.stringify({
          idempotencyKey: randomUUID(),
          channel: "carryout",
          paymentMethod: "cash",
          storeId: store.id,
          items,
        }),
      });
      const body = await res.text();
      if (!res.ok) throw new Error(`${res.status} ${body.slice(0, 300)}`);
      return true;
    };

    // Warm-up: every store's menu into the cache, then JIT and pool connections.
    for (const st of stores) {
      await fetch(
        `${base}/trpc/menu.getMenu?input=${encodeURIComponent(JSON.stringify({ storeId: st.id, locale: "en" }))}`,
      ).then((r) => r.arrayBuffer());
    }
    await load(8, Math.min(3, DURATION_S), placeOrder);
    // The database's ceiling: pgbench with a transaction of the same shape, run in turns with the
    // 64-client API runs (and after the outbox relay caught up) so machine load hits both alike.
    const store = stores.find((s) => s.region_code === "us")!;
    const runPgbench = pgbenchRunner({ url, dbName, tmp, store, customers, log });
    const probe = connect({ databaseUrl, poolSize: 1 });
    const outboxDrained = async () => {
      const deadline = Date.now() + 15_000;
      while (Date.now() < deadline) {
        const { n } = await probe.db
          .selectFrom("outbox")
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .where("published_at", "is", null)
          .executeTakeFirstOrThrow();
        if (Number(n) < 50) return;
        await new Promise((r) => setTimeout(r, 250));
      }
    };

    const runs: RunResult[] = [];
    for (const c of CLIENTS.filter((c) => c !== 64)) {
      runs.push(await load(c, DURATION_S, placeOrder));
    }
    const rounds = 2;
    const samples64: Sample[] = [];
    const pgRounds: { tps: number; latencyMs: number }[] = [];
    for (let r = 0; r < rounds; r++) {
      await outboxDrained();
      samples64.push(await loadRaw(64, DURATION_S / rounds, placeOrder));
      await outboxDrained();
      pgRounds.push(await runPgbench(Math.max(1, Math.round(DURATION_S / rounds))));
    }
    // The menu turns start once the order events have been relayed, so they measure menus only.
    await outboxDrained();
    await probe.close();
    runs.push(summarize(64, samples64));
    for (const r of runs) {
      log(
        `placeOrder  ${String(r.clients).padStart(2)} clients: ${r.per_s} orders/s  p50 ${r.p50_ms} ms  p99 ${r.p99_ms} ms  (${r.ok} ok, ${r.errors} errors)`,
      );
    }
    const pgbenchTps = pgRounds.reduce((t, x) => t + x.tps, 0) / pgRounds.length;
    log(
      `pgbench (same transaction shape) 64 clients: ${round(pgbenchTps, 1)} tps, latency avg ${round(pgRounds.reduce((t, x) => t + x.latencyMs, 0) / pgRounds.length)} ms (${rounds} turns with the 64-client runs)`,
    );

    // ── cached getMenu vs a bare HTTP server serving the same bytes, in alternating turns ───────
    const menuUrl = `${base}/trpc/menu.getMenu?input=${encodeURIComponent(JSON.stringify({ storeId: stores[0]!.id, locale: "en" }))}`;
    const menuBytes = Buffer.from(await (await fetch(menuUrl)).arrayBuffer());
    const bytesFile = join(tmp, "menu.json");
    writeFileSync(bytesFile, menuBytes);
    const barePort = await freePort();
    const bare = spawn(
      process.execPath,
      [
        "-e",
        `const b=require("fs").readFileSync(${JSON.stringify(bytesFile)});require("http").createServer((q,s)=>{s.writeHead(200,{"content-type":"application/json","content-length":b.length});s.end(b)}).listen(${barePort},"127.0.0.1")`,
      ],
      { stdio: "ignore" },
    );
    children.push(bare);
    await waitFor(`http://127.0.0.1:${barePort}/`);
    const get = (u: string) => async () => {
      const r = await fetch(u);
      await r.arrayBuffer();
      return r.ok;
    };
    const bareUrl = `http://127.0.0.1:${barePort}/menu`;
    await load(16, 1, get(menuUrl));
    await load(16, 1, get(bareUrl));
    const menuSamples: Sample[] = [];
    const bareSamples: Sample[] = [];
    const turns = 4;
    for (let r = 0; r < turns; r++) {
      menuSamples.push(await loadRaw(16, MENU_DURATION_S / turns, get(menuUrl)));
      bareSamples.push(await loadRaw(16, MENU_DURATION_S / turns, get(bareUrl)));
    }
    const menu = summarize(16, menuSamples);
    const bareRun = summarize(16, bareSamples);
    log(
      `getMenu (cached, ${menuBytes.length} bytes) 16 clients: ${menu.per_s} req/s  p50 ${menu.p50_ms} ms  p99 ${menu.p99_ms} ms`,
    );
    log(
      `bare HTTP (same bytes)         16 clients: ${bareRun.per_s} req/s  p50 ${bareRun.p50_ms} ms  p99 ${bareRun.p99_ms} ms`,
    );

    const at64 = runs.find((r) => r.clients === 64)!;
    const at16 = runs.find((r) => r.clients === 16)!;
    const result = {
      bench: "orders",
      orders_per_s: at64.per_s,
      p50_ms: at64.p50_ms,
      p99_ms: at64.p99_ms,
      pgbench_tps: round(pgbenchTps, 1),
      ratio: round(at64.per_s / pgbenchTps, 3),
      p99_ms_at_16: at16.p99_ms,
      runs: runs.map((r) => ({
        clients: r.clients,
        orders_per_s: r.per_s,
        p50_ms: r.p50_ms,
        p99_ms: r.p99_ms,
        errors: r.errors,
      })),
      menu_rps: menu.per_s,
      bare_rps: bareRun.per_s,
      menu_ratio: round(menu.per_s / bareRun.per_s, 3),
      duration_s: DURATION_S,
      stores: stores.length,
    };
    log(JSON.stringify(result));
  } finally {
    for (const c of children) await stop(c);
    rmSync(tmp, { recursive: true, force: true });
    const dropper = new pg.Client({ connectionString: ADMIN_URL });
    await dropper.connect();
    await dropper.query(`drop database if exists ${dbName} with (force)`);
    await dropper.end();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
