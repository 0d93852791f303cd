// Balance = sum of the ledger, with the unspent part of expired credits left out. Spending (redeem,
// expire) uses the credits that expire first; a reversal takes back its own order's credit.
import type { LedgerRow } from "./ledger.ts";

export interface PointsBalance {
  points: number;
  /** The next credit to expire with points left in it, if any. */
  nextExpiry: { points: number; at: Date } | null;
}

type Row = Pick<LedgerRow, "delta" | "kind" | "orderId" | "expiresAt">;

export function balanceOf(rows: readonly Row[], now: Date): PointsBalance {
  const reversed = new Map<string, number>();
  for (const r of rows)
    if (r.kind === "reverse" && r.orderId) reversed.set(r.orderId, (reversed.get(r.orderId) ?? 0) - r.delta);
  let owed = 0;
  const credits: { left: number; expiresAt: Date | null }[] = [];
  for (const r of rows) {
    if (r.delta > 0) {
      const back = r.kind === "earn" && r.orderId ? (reversed.get(r.orderId) ?? 0) : 0;
      const taken = Math.min(back, r.delta);
      if (r.orderId) reversed.set(r.orderId, back - taken);
      credits.push({ left: r.delta - taken, expiresAt: r.expiresAt });
    } else if (r.kind !== "reverse" || !r.orderId) owed -= r.delta;
  }
  // A reversal with no credit of its order left to take back is owed like a spend.
  for (const left of reversed.values()) owed += left;
  credits.sort((a, b) => (a.expiresAt?.getTime() ?? Infinity) - (b.expiresAt?.getTime() ?? Infinity));
  let points = 0;
  let nextExpiry: PointsBalance["nextExpiry"] = null;
  for (const c of credits) {
    const used = Math.min(c.left, owed);
    owed -= used;
    const left = c.left - used;
    if (left === 0 || (c.expiresAt && c.expiresAt <= now)) continue;
    points += left;
    if (c.expiresAt && !nextExpiry) nextExpiry = { points: left, at: c.expiresAt };
  }
  return { points: points - owed, nextExpiry };
}
