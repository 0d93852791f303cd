import { type ChildProcess, spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { createServer } from "node:net";
import type { EventPayload, OrderTopic } from "@pizza/contracts";
import { connect, type Database, type Kysely, migrateToLatest, sql } from "@pizza/db";
import { type OutboxMessage, writeOutbox } from "../infra/outbox.ts";

/**
 * The `i`-th order of a test run, with every field any order topic carries, so one payload is valid
 * for each of them (consumers parse with the topic's schema and ignore what it does not name).
 */
export function sampleOrderPayload(
  i: number,
): EventPayload<"order.status_changed"> & Record<string, unknown> {
  const at = new Date(1_700_000_000_000 + i * 1000).toISOString();
  return {
    orderId: randomUUID(),
    orderNumber: i + 1,
    regionCode: "US",
    storeId: randomUUID(),
    customerId: randomUUID(),
    channel: "delivery",
    status: "placed",
    previousStatus: null,
    version: 1,
    at,
    paymentMethod: "cash",
    total: 1500 + i,
    previousTotal: 1500 + i,
    currency: "USD",
    promisedAt: at,
    readyEstimateAt: at,
    scheduledFor: null,
    lat: 40.75,
    lng: -73.99,
    reason: null,
    note: null,
  };
}

/** Writes `n` order events in one transaction, as a module's state change would; `extra` adds fields (a test marker). */
export async function writeEvents(
  db: Kysely<Database>,
  n: number,
  topic: OrderTopic = "order.status_changed",
  extra: (i: number) => Record<string, unknown> = () => ({}),
): Promise<OutboxMessage<OrderTopic>[]> {
  const messages = Array.from({ length: n }, (_, i) => {
    const payload = { ...sampleOrderPayload(i), ...extra(i) };
    return { topic, aggregateId: payload.orderId, payload } as OutboxMessage<OrderTopic>;
  });
  await db.transaction().execute((trx) => writeOutbox(trx, ...messages));
  return messages;
}

/** A table where test consumers record their effects, to count them. */
export async function createEffectsTable(db: Kysely<Database>): Promise<void> {
  await sql`create table if not exists test_effects (consumer text not null, event_id uuid not null, at timestamptz not null default now())`.execute(
    db,
  );
}

export async function countEffects(db: Kysely<Database>): Promise<{ total: number; distinct: number }> {
  const { rows } = await sql<{
    total: number;
    distinct: number;
  }>`select count(*)::int as total, count(distinct event_id)::int as distinct from test_effects`.execute(db);
  return rows[0]!;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const address = srv.address();
      const port = typeof address === "object" && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/**
 * A throw-away redis-server of our own (never the shared one), without persistence, that a test may kill
 * and start again on the same port.
 */
export class OwnRedisServer {
  private child: ChildProcess | undefined;
  constructor(readonly port: number) {}

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  static async start(): Promise<OwnRedisServer> {
    const server = new OwnRedisServer(await freePort());
    await server.start();
    return server;
  }

  async start(): Promise<void> {
    const child = spawn(
      "redis-server",
      ["--port", String(this.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
      { stdio: ["ignore", "pipe", "pipe"] },
    );
    this.child = child;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error("redis-server did not start")), 10_000);
      child.once("error", reject);
      child.stdout?.on("data", (chunk: Buffer) => {
        if (chunk.toString().includes("Ready to accept connections")) {
          clearTimeout(timer);
          resolve();
        }
      });
    });
  }

  /** SIGKILL: no goodbye, nothing saved. */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      child.once("exit", () => resolve());
      child.kill("SIGKILL");
    });
    this.child = undefined;
  }
}

/** A migrated PostgreSQL database of its own whose URL child processes can use; `drop()` removes it. */
export async function createDatabaseWithUrl(): Promise<{ url: string; drop(): Promise<void> }> {
  const { TEST_DATABASE_URL } = await import("@pizza/db/testing");
  const name = `t_${Date.now().toString(36)}_${Math.random().toString(16).slice(2, 10)}`;
  const admin = connect({ databaseUrl: TEST_DATABASE_URL, poolSize: 1 });
  try {
    await sql.raw(`create database ${name}`).execute(admin.db);
  } catch (error) {
    await admin.close();
    throw new Error(`PostgreSQL is required and is not reachable at ${TEST_DATABASE_URL}: ${String(error)}`);
  }
  await admin.close();
  const url = new URL(TEST_DATABASE_URL);
  url.pathname = `/${name}`;
  const handle = connect({ databaseUrl: url.toString(), poolSize: 10 });
  await migrateToLatest(handle.db);
  await handle.close();
  return {
    url: url.toString(),
    async drop() {
      const dropper = connect({ databaseUrl: TEST_DATABASE_URL, poolSize: 1 });
      await sql.raw(`drop database if exists ${name} with (force)`).execute(dropper.db);
      await dropper.close();
    },
  };
}

/** Two consecutive free ports (cluster nodes listen on base-port + i). */
export async function freePortRange(count: number): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const base = 20_000 + Math.floor(Math.random() * 20_000);
    const ok = await Promise.all(
      Array.from(
        { length: count },
        (_, i) =>
          new Promise<boolean>((resolve) => {
            const srv = createServer();
            srv.once("error", () => resolve(false));
            srv.listen(base + i, "127.0.0.1", () => srv.close(() => resolve(true)));
          }),
      ),
    );
    if (ok.every(Boolean)) return base;
  }
  throw new Error("no free port range");
}
