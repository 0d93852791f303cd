import { describe, expect, it } from "vitest";
import { balanceOf } from "./balance.ts";
import type { LedgerKind } from "./ledger.ts";
import { expiryOf, pointsFor } from "./loyalty-rules.ts";

const now = new Date("2026-06-01T00:00:00Z");
const past = new Date("2026-05-01T00:00:00Z");
const later = new Date("2027-01-01T00:00:00Z");
const row = (
  kind: LedgerKind,
  delta: number,
  orderId: string | null = null,
  expiresAt: Date | null = null,
) => ({
  kind,
  delta,
  orderId,
  expiresAt,
});

describe("balanceOf", () => {
  it("sums the ledger", () => {
    expect(balanceOf([row("earn", 30, "a", later), row("redeem", -10)], now)).toEqual({
      points: 20,
      nextExpiry: { points: 20, at: later },
    });
  });

  it("leaves out the unspent part of an expired credit, spending the credit that expires first", () => {
    const rows = [row("earn", 30, "a", past), row("earn", 20, "b", later), row("redeem", -25)];
    expect(balanceOf(rows, now).points).toBe(20);
    expect(balanceOf([...rows, row("redeem", -10)], now).points).toBe(15);
  });

  it("takes a reversal from its own order's credit, not from the one expiring first", () => {
    const rows = [row("earn", 30, "a", past), row("earn", 20, "b", later), row("reverse", -20, "b")];
    expect(balanceOf(rows, now).points).toBe(0);
  });

  it("goes below zero when points already spent are reversed", () => {
    const rows = [row("earn", 20, "a", later), row("redeem", -20), row("reverse", -20, "a")];
    expect(balanceOf(rows, now).points).toBe(-20);
  });

  it("reverses an order's earned points even when a goodwill credit names the order first", () => {
    const rows = [row("goodwill", 5, "a", later), row("earn", 10, "a", later), row("reverse", -10, "a")];
    expect(balanceOf(rows, now).points).toBe(5);
  });
});

describe("pointsFor", () => {
  const rule = {
    regionCode: "us",
    orderPoints: 10,
    orderMinSubtotal: 1500,
    unitPoints: 1,
    unitMinor: 100,
    expiryMonths: 12,
  };
  it("gives the order's points from the minimum subtotal on, plus points per whole unit", () => {
    expect(pointsFor(rule, 1499)).toBe(14);
    expect(pointsFor(rule, 1500)).toBe(25);
    expect(pointsFor(rule, 0)).toBe(0);
    expect(expiryOf(rule, now).toISOString()).toBe("2027-06-01T00:00:00.000Z");
  });
});
