// The points ledger: append-only rows, one per change, each with a unique event key so a replayed event,
// a retried request or a second node writes nothing. Every write that depends on the balance runs after
// `lockPoints` in its transaction, so two writers for one customer take turns.
import type { Database, Kysely, Transaction } from "@pizza/db";
import { sql } from "kysely";

export const LEDGER_KINDS = ["earn", "reverse", "redeem", "expire", "goodwill", "return"] as const;
export type LedgerKind = (typeof LEDGER_KINDS)[number];

export interface LedgerEntry {
  userId: string;
  delta: number;
  kind: LedgerKind;
  eventKey: string;
  orderId?: string | null;
  regionCode?: string | null;
  reason?: string | null;
  expiresAt?: Date | null;
}

export interface LedgerRow {
  id: string;
  delta: number;
  kind: LedgerKind;
  orderId: string | null;
  regionCode: string | null;
  reason: string | null;
  createdAt: Date;
  expiresAt: Date | null;
}

/** Holds a transaction-scoped lock on `userId`'s points until the transaction ends. */
export async function lockPoints(trx: Transaction<Database>, userId: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(21, hashtext(${`loyalty:${userId}`}))`.execute(trx);
}

/** Appends `entry`; false when its event key is already in the ledger (nothing written). */
export async function appendEntry(db: Kysely<Database>, entry: LedgerEntry): Promise<boolean> {
  const row = await db
    .insertInto("loyalty_ledger")
    .values({
      user_id: entry.userId,
      delta: entry.delta,
      kind: entry.kind,
      event_key: entry.eventKey,
      order_id: entry.orderId ?? null,
      region_code: entry.regionCode ?? null,
      reason: entry.reason ?? null,
      expires_at: entry.expiresAt ?? null,
    })
    .onConflict((oc) => oc.column("event_key").doNothing())
    .returning("id")
    .executeTakeFirst();
  return row !== undefined;
}

/** A customer's ledger, oldest first (at most `limit` rows when given, newest first then). */
export async function ledgerOf(db: Kysely<Database>, userId: string, limit?: number): Promise<LedgerRow[]> {
  let q = db
    .selectFrom("loyalty_ledger")
    .select(["id", "delta", "kind", "order_id", "region_code", "reason", "created_at", "expires_at"])
    .where("user_id", "=", userId);
  q = limit ? q.orderBy("created_at", "desc").orderBy("id", "desc").limit(limit) : q.orderBy("created_at");
  const rows = await q.execute();
  return rows.map((r) => ({
    id: r.id,
    delta: r.delta,
    kind: r.kind as LedgerKind,
    orderId: r.order_id,
    regionCode: r.region_code,
    reason: r.reason,
    createdAt: new Date(r.created_at),
    expiresAt: r.expires_at ? new Date(r.expires_at) : null,
  }));
}

/** The rows about one order (its credit and reversals), with whose points they are. */
export async function orderEntries(
  db: Kysely<Database>,
  orderId: string,
): Promise<{ userId: string; kind: LedgerKind; delta: number; regionCode: string | null }[]> {
  const rows = await db
    .selectFrom("loyalty_ledger")
    .select(["user_id", "kind", "delta", "region_code"])
    .where("order_id", "=", orderId)
    .execute();
  return rows.map((r) => ({
    userId: r.user_id,
    kind: r.kind as LedgerKind,
    delta: r.delta,
    regionCode: r.region_code,
  }));
}
