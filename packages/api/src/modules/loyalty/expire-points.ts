// The expiry sweep (issue 21): every node, on a timer, writes an `expire` entry for the unspent part of each
// credit (earn, goodwill) whose date has passed, so the ledger alone tells the story. Exactly once per
// credit: the entry's key is `expire:<credit id>` and each credit looked at is recorded in
// `loyalty_expiry_swept` (points 0 when it was all spent), so the next round skips it. Credits are claimed
// FOR NO KEY UPDATE SKIP LOCKED, a batch at a time; each customer's are written off under their points lock
// (customers in id order, so two nodes never wait on each other in a circle), from the balance as
// `balanceOf` computes it: the balance does not move, and afterwards it is the plain sum of the ledger.
import type { Database, Kysely, Transaction } from "@pizza/db";
import type { Logger } from "pino";
import { expiredLeftovers } from "./balance.ts";
import { appendEntry, ledgerOf, lockPoints } from "./ledger.ts";

export interface ExpirySweepOptions {
  db: Kysely<Database>;
  /** Credits claimed per transaction (default 100). */
  batch?: number;
  log?: Logger | undefined;
}

/** One batch: claims up to `batch` expired credits not yet swept; answers how many it claimed. */
export async function sweepExpiredPoints(opts: ExpirySweepOptions, now = new Date()): Promise<number> {
  return opts.db.transaction().execute(async (trx) => {
    const due = await trx
      .selectFrom("loyalty_ledger as l")
      .select(["l.id", "l.user_id"])
      .where("l.expires_at", "<=", now)
      .where("l.delta", ">", 0)
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom("loyalty_expiry_swept as s")
              .select("s.credit_id")
              .whereRef("s.credit_id", "=", "l.id"),
          ),
        ),
      )
      .orderBy("l.expires_at")
      .limit(opts.batch ?? 100)
      // Not FOR UPDATE: the other node's `loyalty_expiry_swept` insert checks its foreign key to a credit
      // claimed here (FOR KEY SHARE), and must not wait for this claim while holding the customer's lock.
      .forNoKeyUpdate()
      .skipLocked()
      .execute();
    const users = [...new Set(due.map((r) => r.user_id))].sort();
    for (const userId of users) await expireFor(trx, userId, now);
    return due.length;
  });
}

/** Writes off the unspent part of each of the customer's expired credits; answers the points written off. */
export async function expireFor(trx: Transaction<Database>, userId: string, now: Date): Promise<number> {
  await lockPoints(trx, userId);
  const rows = await ledgerOf(trx, userId);
  const swept = new Set(
    (
      await trx.selectFrom("loyalty_expiry_swept").select("credit_id").where("user_id", "=", userId).execute()
    ).map((r) => r.credit_id),
  );
  const regionOf = new Map(rows.map((r) => [r.id, r.regionCode]));
  const fresh = expiredLeftovers(rows, now).filter((c) => !swept.has(c.creditId));
  let total = 0;
  for (const c of fresh) {
    if (c.points <= 0) continue;
    const written = await appendEntry(trx, {
      userId,
      delta: -c.points,
      kind: "expire",
      eventKey: `expire:${c.creditId}`,
      // An earned credit's expiry names its order (reverse-points.ts does not take those points again).
      orderId: c.kind === "earn" ? c.orderId : null,
      regionCode: regionOf.get(c.creditId) ?? null,
      reason: "points expired",
    });
    if (written) total += c.points;
  }
  if (fresh.length > 0)
    await trx
      .insertInto("loyalty_expiry_swept")
      .values(fresh.map((c) => ({ credit_id: c.creditId, user_id: userId, expired: Math.max(0, c.points) })))
      .onConflict((oc) => oc.column("credit_id").doNothing())
      .execute();
  return total;
}
