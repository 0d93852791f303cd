// The expiry sweep on real PostgreSQL with two API nodes sweeping at once (issue 21): every expired
// credit's unspent part is written off by exactly one `expire` entry (key `expire:<credit id>`), a credit
// already spent gets none, nothing that has not expired is touched, no balance moves, and afterwards each
// balance is the plain sum of the ledger. A refund after the expiry takes back only what had not expired.
import { randomUUID } from "node:crypto";
import type { Database, Kysely } from "@pizza/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Platform } from "../../platform.ts";
import { createNodeCluster, type NodeCluster } from "../../testing/nodes.ts";
import { balanceOf } from "./balance.ts";
import { sweepExpiredPoints } from "./expire-points.ts";
import { appendEntry, ledgerOf } from "./ledger.ts";
import { reversePoints } from "./reverse-points.ts";

const day = 86_400_000;

describe("the points expiry sweep on two nodes (PostgreSQL)", () => {
  let cluster: NodeCluster;
  let a: Platform;
  let b: Platform;
  const now = new Date();

  beforeAll(async () => {
    cluster = await createNodeCluster();
    a = (await cluster.start("a", { listen: false, events: false })).platform;
    b = (await cluster.start("b", { listen: false, events: false })).platform;
  });
  afterAll(async () => {
    await cluster?.close();
  });

  async function aCustomer(db: Kysely<Database>): Promise<string> {
    const row = await db
      .insertInto("users")
      .values({
        email: `points-${randomUUID()}@example.com`,
        password_hash: "test-only",
        name: "Points Customer",
        role: "customer",
        locale: "en",
        updated_at: now,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    return row.id;
  }
  const credit = (
    db: Kysely<Database>,
    userId: string,
    points: number,
    expiresInDays: number,
    orderId?: string,
  ) =>
    appendEntry(db, {
      userId,
      delta: points,
      kind: orderId ? "earn" : "goodwill",
      eventKey: `${orderId ? "earn" : "goodwill"}:${randomUUID()}`,
      orderId: orderId ?? null,
      regionCode: "us",
      reason: "test credit",
      expiresAt: new Date(now.getTime() + expiresInDays * day),
    });
  const spend = (db: Kysely<Database>, userId: string, points: number) =>
    appendEntry(db, {
      userId,
      delta: -points,
      kind: "redeem",
      eventKey: `redeem:${randomUUID()}`,
      reason: "test",
    });
  const balance = async (db: Kysely<Database>, userId: string) =>
    balanceOf(await ledgerOf(db, userId), now).points;
  const sumOf = async (db: Kysely<Database>, userId: string) =>
    (await ledgerOf(db, userId)).reduce((s, r) => s + r.delta, 0);

  /** One node's rounds until a batch comes back short, as `startPeriodicSweep` drains. */
  async function drain(p: Platform): Promise<number> {
    let claimed = 0;
    for (;;) {
      const n = await sweepExpiredPoints({ db: p.db, batch: 4 }, now);
      claimed += n;
      if (n < 4) return claimed;
    }
  }

  it("writes each expiry once, with two nodes sweeping at once, and moves no balance", async () => {
    const db = a.db;
    const customers: { id: string; expiring: number }[] = [];
    for (let i = 0; i < 12; i++) {
      const id = await aCustomer(db);
      // 3 × 20 expired over the last days, 30 expires next month, 20 spent (from the earliest credit): the
      // other two expired credits have 20 each to write off. Each customer's credits fall in several
      // batches, so both nodes meet on the same customers.
      for (const days of [-3, -2, -1]) await credit(db, id, 20, days);
      await credit(db, id, 30, 30);
      await spend(db, id, 20);
      customers.push({ id, expiring: 40 });
    }
    const spentAll = await aCustomer(db);
    await credit(db, spentAll, 10, -2);
    await credit(db, spentAll, 10, -1);
    await spend(db, spentAll, 25);
    customers.push({ id: spentAll, expiring: 0 });
    const fresh = await aCustomer(db);
    await credit(db, fresh, 40, 10);
    customers.push({ id: fresh, expiring: 0 });

    const before = new Map<string, number>();
    for (const c of customers) before.set(c.id, await balance(db, c.id));
    expect(before.get(customers[0]!.id)).toBe(30);
    expect(before.get(spentAll)).toBe(-5);

    // A node writes off all of a customer's expired credits at once, so the other may find fewer to claim.
    const [onA, onB] = await Promise.all([drain(a), drain(b)]);
    expect(onA + onB).toBeGreaterThan(0);
    expect(onA + onB).toBeLessThanOrEqual(38);

    for (const c of customers) {
      const ledger = await ledgerOf(db, c.id);
      const expires = ledger.filter((r) => r.kind === "expire");
      expect(expires.map((r) => r.delta)).toEqual(c.expiring > 0 ? [-20, -20] : []);
      expect(await balance(db, c.id)).toBe(before.get(c.id));
      expect(await sumOf(db, c.id)).toBe(before.get(c.id));
    }
    const swept = await db.selectFrom("loyalty_expiry_swept").select(["user_id", "expired"]).execute();
    expect(swept).toHaveLength(38);
    expect(swept.filter((s) => s.user_id === spentAll).map((s) => s.expired)).toEqual([0, 0]);

    // Another round on either node finds nothing left.
    expect(await Promise.all([drain(a), drain(b)])).toEqual([0, 0]);
    const expireRows = await db
      .selectFrom("loyalty_ledger")
      .select("id")
      .where("kind", "=", "expire")
      .execute();
    expect(expireRows).toHaveLength(24);
  });

  it("lets a refund after the expiry take back only the points that had not expired", async () => {
    const db = a.db;
    const id = await aCustomer(db);
    const orderId = randomUUID();
    await credit(db, id, 40, -1, orderId);
    await credit(db, id, 25, 60);
    await spend(db, id, 10);
    expect(await balance(db, id)).toBe(25);
    await drain(b);
    expect((await ledgerOf(db, id)).find((r) => r.kind === "expire")).toMatchObject({ delta: -30, orderId });
    // The order is cancelled now: of its 40 points 10 were spent (taken back) and 30 expired (gone already).
    await db
      .transaction()
      .execute((trx) =>
        reversePoints(trx, { orderId, eventKey: randomUUID(), share: 1, reason: "order cancelled" }),
      );
    const reversal = (await ledgerOf(db, id)).find((r) => r.kind === "reverse");
    expect(reversal?.delta).toBe(-10);
    expect(await balance(db, id)).toBe(15);
    expect(await sumOf(db, id)).toBe(15);
  });
});
