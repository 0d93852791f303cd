// The expiry sweep's arithmetic (balance.ts `expiredLeftovers`), on any ledger: writing off the unspent
// part of every expired credit leaves the balance where it was, after that the balance is the plain sum
// of the ledger, and a second round at the same moment finds nothing more to write off.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { balanceOf, expiredLeftovers } from "./balance.ts";
import type { LedgerKind } from "./ledger.ts";

const day = 86_400_000;
const start = Date.UTC(2026, 0, 1);

type Row = { id: string; kind: LedgerKind; delta: number; orderId: string | null; expiresAt: Date | null };

const credit = fc.record({
  kind: fc.constantFrom<LedgerKind>("earn", "goodwill", "return"),
  delta: fc.integer({ min: 1, max: 200 }),
  orderId: fc.option(fc.constantFrom("o1", "o2", "o3"), { nil: null }),
  expiresInDays: fc.option(fc.integer({ min: 1, max: 400 }), { nil: null }),
});
const debit = fc.record({
  kind: fc.constantFrom<LedgerKind>("redeem", "reverse"),
  delta: fc.integer({ min: -200, max: -1 }),
  orderId: fc.option(fc.constantFrom("o1", "o2", "o3"), { nil: null }),
  expiresInDays: fc.constant(null),
});
const ledger = fc.array(fc.oneof(credit, credit, debit), { maxLength: 30 }).map((entries) =>
  entries.map(
    (e, i): Row => ({
      id: `r${i}`,
      kind: e.kind,
      delta: e.delta,
      orderId: e.orderId,
      expiresAt:
        e.kind === "return" || e.expiresInDays === null ? null : new Date(start + e.expiresInDays * day),
    }),
  ),
);
const sum = (rows: readonly Row[]) => rows.reduce((s, r) => s + r.delta, 0);

/** What one sweep at `now` appends: an `expire` row per expired credit with points left and none yet. */
function sweep(rows: Row[], now: Date): Row[] {
  const done = new Set(rows.filter((r) => r.kind === "expire").map((r) => r.id.slice("x:".length)));
  const expires = expiredLeftovers(rows, now)
    .filter((c) => c.points > 0 && !done.has(c.creditId))
    .map(
      (c): Row => ({
        id: `x:${c.creditId}`,
        kind: "expire",
        delta: -c.points,
        orderId: null,
        expiresAt: null,
      }),
    );
  return [...rows, ...expires];
}

describe("the expiry sweep's arithmetic", () => {
  it("never moves the balance, and leaves it equal to the sum of the ledger", () => {
    fc.assert(
      fc.property(
        ledger,
        fc.array(fc.integer({ min: 0, max: 420 }), { minLength: 1, maxLength: 4 }),
        (rows, days) => {
          let current = rows;
          for (const d of [...days].sort((a, b) => a - b)) {
            const now = new Date(start + d * day);
            const before = balanceOf(current, now).points;
            current = sweep(current, now);
            expect(balanceOf(current, now).points).toBe(before);
            // Every expired credit written off: the ledger alone is the balance.
            expect(sum(current)).toBe(before);
            // Nothing is left to write off at the same moment.
            expect(expiredLeftovers(current, now).filter((c) => c.points > 0)).toEqual([]);
          }
        },
      ),
      { numRuns: 500 },
    );
  });

  it("writes off only the unspent part of an expired credit, the earliest spent first", () => {
    const rows: Row[] = [
      { id: "a", kind: "earn", delta: 50, orderId: "o1", expiresAt: new Date(start + 10 * day) },
      { id: "b", kind: "goodwill", delta: 30, orderId: null, expiresAt: new Date(start + 90 * day) },
      { id: "c", kind: "redeem", delta: -20, orderId: "o2", expiresAt: null },
    ];
    const now = new Date(start + 30 * day);
    expect(expiredLeftovers(rows, now)).toEqual([{ creditId: "a", kind: "earn", orderId: "o1", points: 30 }]);
    expect(balanceOf(rows, now).points).toBe(30);
  });
});
