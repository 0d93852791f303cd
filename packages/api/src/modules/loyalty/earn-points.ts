// Credits a fulfilled order's points to its customer, once per order: the entry's key is the order's,
// so a replayed event (or a second event for the same order) writes nothing.
import type { Database, Transaction } from "@pizza/db";
import { orderForLoyalty } from "../orders/order-for-loyalty.ts";
import { appendEntry, lockPoints } from "./ledger.ts";
import { expiryOf, loyaltyRule, pointsFor } from "./loyalty-rules.ts";

/** Returns the points credited (0 when none: no rule, nothing earned, or already credited). */
export async function earnPoints(
  trx: Transaction<Database>,
  ref: { orderId: string; regionCode: string; at: Date },
): Promise<number> {
  const order = await orderForLoyalty(trx, ref.orderId, ref.regionCode);
  if (!order || (order.status !== "delivered" && order.status !== "picked_up")) return 0;
  const rule = await loyaltyRule(trx, order.regionCode);
  const points = rule ? pointsFor(rule, order.spend) : 0;
  if (!rule || points <= 0) return 0;
  await lockPoints(trx, order.customerId);
  const credited = await appendEntry(trx, {
    userId: order.customerId,
    delta: points,
    kind: "earn",
    eventKey: `earn:${order.id}`,
    orderId: order.id,
    regionCode: order.regionCode,
    expiresAt: expiryOf(rule, ref.at),
  });
  return credited ? points : 0;
}
