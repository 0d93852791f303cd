// The caller's own points: the balance (expired credits left out) and the history, newest first, each
// order's entries named with its order number.
import type { Database, Kysely } from "@pizza/db";
import type { AuthUser } from "../auth/tokens.ts";
import { orderLabels } from "../orders/order-for-promos.ts";
import { balanceOf } from "./balance.ts";
import { ledgerOf } from "./ledger.ts";
import type { TLoyaltyBalance, TLoyaltyEntry } from "./loyalty.schemas.ts";

export async function myBalance(db: Kysely<Database>, user: AuthUser, now: Date): Promise<TLoyaltyBalance> {
  const b = balanceOf(await ledgerOf(db, user.id), now);
  return {
    points: b.points,
    nextExpiry: b.nextExpiry ? { points: b.nextExpiry.points, at: b.nextExpiry.at.toISOString() } : null,
  };
}

export async function myHistory(db: Kysely<Database>, user: AuthUser, limit = 50): Promise<TLoyaltyEntry[]> {
  const rows = await ledgerOf(db, user.id, limit);
  const labels = await orderLabels(
    db,
    rows.flatMap((r) =>
      r.orderId && r.regionCode ? [{ orderId: r.orderId, regionCode: r.regionCode }] : [],
    ),
  );
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    delta: r.delta,
    orderId: r.orderId,
    orderNumber: r.orderId ? (labels.get(r.orderId)?.orderNumber ?? null) : null,
    reason: r.reason,
    createdAt: r.createdAt.toISOString(),
    expiresAt: r.expiresAt?.toISOString() ?? null,
  }));
}
