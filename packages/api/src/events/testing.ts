import { type ChildProcess, spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { createServer } from "node:net";
import { type Database, type Kysely, sql } from "@pizza/db";
import { type OutboxMessage, type Topic, writeOutbox } from "../infra/outbox.ts";

/** Writes `n` outbox rows in one transaction, as a module's state change would. */
export async function writeEvents(
  db: Kysely<Database>,
  n: number,
  topic: Topic = "order.status_changed",
  payload: (i: number) => Record<string, unknown> = (i) => ({ n: i }),
): Promise<OutboxMessage[]> {
  const messages = Array.from({ length: n }, (_, i) => ({
    topic,
    aggregateId: randomUUID(),
    payload: payload(i),
  }));
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
