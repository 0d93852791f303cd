// A store manager's goodwill points (issue 21): for the customer of one of their store's orders, with a
// reason the customer sees in their history. Crew are refused; another store's order is "not found".
// The credit expires like earned points (the region's rule); the same idempotency key grants once.
import type { Database, Kysely } from "@pizza/db";
import { notFound } from "../../errors.ts";
import type { AuthUser } from "../auth/tokens.ts";
import { orderForLoyalty } from "../orders/order-for-loyalty.ts";
import { assertMayGrantGoodwill } from "./goodwill-lookup.ts";
import { appendEntry } from "./ledger.ts";
import type { TGrantGoodwill } from "./loyalty.schemas.ts";
import { expiryOf, loyaltyRule } from "./loyalty-rules.ts";

const DEFAULT_EXPIRY = { expiryMonths: 12 };

export async function grantGoodwill(
  db: Kysely<Database>,
  actor: AuthUser,
  storeId: string,
  input: TGrantGoodwill,
  now: Date,
): Promise<{ granted: boolean; points: number }> {
  await assertMayGrantGoodwill(db, actor);
  const order = await orderForLoyalty(db, input.orderId);
  if (!order || order.storeId !== storeId) throw notFound("There is no such order at this store.");
  const rule = await loyaltyRule(db, order.regionCode);
  const granted = await appendEntry(db, {
    userId: order.customerId,
    delta: input.points,
    kind: "goodwill",
    eventKey: `goodwill:${order.id}:${input.idempotencyKey}`,
    orderId: order.id,
    regionCode: order.regionCode,
    reason: input.reason,
    expiresAt: expiryOf(rule ?? DEFAULT_EXPIRY, now),
  });
  return { granted, points: input.points };
}
