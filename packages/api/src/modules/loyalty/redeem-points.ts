// Spending points (a reward in the cart will call this in its order's transaction): under the customer's
// points lock, the balance is read and the debit written, so concurrent redemptions take turns and the
// second one sees what the first spent; none can overdraw. The key makes a retried redemption a no-op.
import type { Database, Transaction } from "@pizza/db";
import { preconditionFailed } from "../../errors.ts";
import { msg } from "../../i18n/message.ts";
import { balanceOf } from "./balance.ts";
import { appendEntry, ledgerOf, lockPoints } from "./ledger.ts";

export interface Redemption {
  userId: string;
  points: number;
  /** Unique per redemption (e.g. `order:<id>:reward:<id>`): the same key twice spends once. */
  key: string;
  reason: string;
  orderId?: string | null;
  regionCode?: string | null;
}

/** Debits `points`; returns the balance left. Throws a 412 with how many points there are when too few. */
export async function redeemPoints(
  trx: Transaction<Database>,
  r: Redemption,
  now: Date = new Date(),
): Promise<{ spent: boolean; balance: number }> {
  if (!Number.isInteger(r.points) || r.points <= 0) throw new RangeError("points to redeem must be positive");
  await lockPoints(trx, r.userId);
  const before = balanceOf(await ledgerOf(trx, r.userId), now).points;
  const already = await trx
    .selectFrom("loyalty_ledger")
    .select("id")
    .where("event_key", "=", `redeem:${r.key}`)
    .executeTakeFirst();
  if (already) return { spent: false, balance: before };
  if (before < r.points)
    throw preconditionFailed(msg("loyalty.tooFewPoints", { balance: before, needed: r.points }), {
      reason: "points",
      balance: before,
      needed: r.points,
    });
  const spent = await appendEntry(trx, {
    userId: r.userId,
    delta: -r.points,
    kind: "redeem",
    eventKey: `redeem:${r.key}`,
    orderId: r.orderId ?? null,
    regionCode: r.regionCode ?? null,
    reason: r.reason,
  });
  return { spent, balance: spent ? before - r.points : before };
}
