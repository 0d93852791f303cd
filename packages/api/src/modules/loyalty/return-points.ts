// A cancelled order (or an edited one whose cart lost its reward) gives back the points its reward spent: one
// `return` credit per order (event key `return:<orderId>`), so a replayed or second cancellation event, or a
// cancel after the edit, returns nothing more. Returned points do
// not expire (the spent credits' dates are not tracked per redemption). A refund returns no points.
import type { Database, Transaction } from "@pizza/db";
import { appendEntry, lockPoints, orderEntries } from "./ledger.ts";

export async function returnRedeemedPoints(
  trx: Transaction<Database>,
  orderId: string,
  reason = "order cancelled: reward points returned",
): Promise<number> {
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
    reason,
  });
  return written ? points : 0;
}
