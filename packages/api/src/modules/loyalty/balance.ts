// Balance = sum of the ledger, with the unspent part of expired credits left out. Spending (redeem,
// expire) uses the credits that expire first; a reversal takes back its own order's credit. The expiry
// sweep writes off exactly the unspent part this leaves out (`expiredLeftovers`), so the balance does not
// move when it runs and, once it has, the balance is the plain sum of the ledger.
import type { LedgerRow } from "./ledger.ts";

export interface PointsBalance {
  points: number;
  /** The next credit to expire with points left in it, if any. */
  nextExpiry: { points: number; at: Date } | null;
}

type Row = Pick<LedgerRow, "delta" | "kind" | "orderId" | "expiresAt"> & { id?: string };

interface Credit {
  id: string | undefined;
  kind: Row["kind"];
  orderId: string | null;
  /** What is left of it once reversals and spending have taken their part. */
  left: number;
  expiresAt: Date | null;
}

/** Each credit with what spending left of it (earliest expiry spent first), and what is owed beyond them. */
function allocate(rows: readonly Row[]): { credits: Credit[]; owed: number } {
  const reversed = new Map<string, number>();
  for (const r of rows)
    if (r.kind === "reverse" && r.orderId) reversed.set(r.orderId, (reversed.get(r.orderId) ?? 0) - r.delta);
  let owed = 0;
  const credits: Credit[] = [];
  for (const r of rows) {
    if (r.delta > 0) {
      // Only an earned credit is taken back by its order's reversals (a goodwill credit naming the order is not).
      const back = r.kind === "earn" && r.orderId ? (reversed.get(r.orderId) ?? 0) : 0;
      const taken = Math.min(back, r.delta);
      if (r.kind === "earn" && r.orderId) reversed.set(r.orderId, back - taken);
      credits.push({
        id: r.id,
        kind: r.kind,
        orderId: r.orderId,
        left: r.delta - taken,
        expiresAt: r.expiresAt,
      });
    } else if (r.kind !== "reverse" || !r.orderId) owed -= r.delta;
  }
  // A reversal with no credit of its order left to take back is owed like a spend.
  for (const left of reversed.values()) owed += left;
  credits.sort((a, b) => (a.expiresAt?.getTime() ?? Infinity) - (b.expiresAt?.getTime() ?? Infinity));
  for (const c of credits) {
    const used = Math.min(c.left, owed);
    owed -= used;
    c.left -= used;
  }
  return { credits, owed };
}

const expired = (c: Credit, now: Date) => c.expiresAt !== null && c.expiresAt <= now;

export function balanceOf(rows: readonly Row[], now: Date): PointsBalance {
  const { credits, owed } = allocate(rows);
  let points = 0;
  let nextExpiry: PointsBalance["nextExpiry"] = null;
  for (const c of credits) {
    if (c.left === 0 || expired(c, now)) continue;
    points += c.left;
    if (c.expiresAt && !nextExpiry) nextExpiry = { points: c.left, at: c.expiresAt };
  }
  return { points: points - owed, nextExpiry };
}

export interface ExpiredCredit {
  creditId: string;
  kind: Row["kind"];
  orderId: string | null;
  /** The unspent part, written off by an `expire` entry (0: nothing to write). */
  points: number;
}

/** Every credit expired by `now` (rows read with their ids), with its unspent part. */
export function expiredLeftovers(rows: readonly Row[], now: Date): ExpiredCredit[] {
  return allocate(rows).credits.flatMap((c) =>
    c.id && expired(c, now) ? [{ creditId: c.id, kind: c.kind, orderId: c.orderId, points: c.left }] : [],
  );
}
