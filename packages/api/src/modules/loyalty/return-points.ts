// A cancelled order gives back the points its reward spent: one `return` credit per order (event key
// `return:<orderId>`), so a replayed or second cancellation event returns nothing more. Returned points do
// not expire (the spent credits' dates are not tracked per redemption). A refund returns no points.
import type { Database, Kysely, Transaction } from "@pizza/db";
import { appendEntry, lockPoints, orderEntries } from "./ledger.ts";

export async function returnRedeemedPoints(trx: Transaction<Database>, orderId: string): Promise<number> {
  const redeemed = (await orderEntries(trx, orderId)).filter((e) => e.kind === "redeem");
  const first = redeemed[0];
  if (!first) return 0;
  const points = -redeemed.reduce((s, e) => s + e.delta, 0);
  await lockPoints(trx, first.userId);
  const written = await appendEntry(trx, {
    userId: first.userId,
    delta: points,
    kind: "return",
    eventKey: `return:${orderId}`,
    orderId,
    regionCode: first.regionCode,
    reason: "order cancelled: reward points returned",
  });
  return written ? points : 0;
}

/** Whether the order spent points on a reward that it has not been given back (it cannot be edited then). */
export async function holdsRewardPoints(db: Kysely<Database>, orderId: string): Promise<boolean> {
  const entries = await orderEntries(db, orderId);
  return entries.some((e) => e.kind === "redeem") && !entries.some((e) => e.kind === "return");
}
