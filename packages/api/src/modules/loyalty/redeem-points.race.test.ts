// Concurrent redemptions on real PostgreSQL (issue 21): N attempts racing for the same points, each in its
// own transaction on its own connection, spend only what there is — never overdraw — and a retried
// redemption (same key) spends once.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { backings, createTestPlatform, type TestPlatform } from "../../testing/harness.ts";
import type { AuthUser } from "../auth/tokens.ts";
import { aCustomerWithPoints } from "./loyalty.test-support.ts";
import { redeemPoints } from "./redeem-points.ts";

const postgres = backings.find((b) => b.db === "postgres")!;

describe("redeeming points concurrently on real PostgreSQL", () => {
  let t: TestPlatform;

  beforeAll(async () => {
    t = await createTestPlatform(postgres);
  });
  afterAll(async () => {
    await t?.close();
  });

  const withPoints = (points: number) => aCustomerWithPoints(t, points);
  const redeem = (me: AuthUser, points: number, key: string) =>
    t.platform.db
      .transaction()
      .execute((trx) => redeemPoints(trx, { userId: me.id, points, key, reason: "reward" }));
  const ledgerSum = async (me: AuthUser) =>
    (
      await t.platform.db.selectFrom("loyalty_ledger").select("delta").where("user_id", "=", me.id).execute()
    ).reduce((s, r) => s + r.delta, 0);

  it("lets 3 of 10 racing 30-point redemptions through 100 points and refuses the rest with the balance", async () => {
    const me = await withPoints(100);
    const attempts = await Promise.allSettled(
      Array.from({ length: 10 }, (_, i) => redeem(me, 30, `race-${i}`)),
    );
    const spent = attempts.filter((a) => a.status === "fulfilled");
    const refused = attempts.flatMap((a) => (a.status === "rejected" ? [a.reason as Error] : []));
    expect(spent).toHaveLength(3);
    expect(refused).toHaveLength(7);
    for (const e of refused) expect(e.message).toBe("You have 10 points; this reward needs 30.");
    expect(await ledgerSum(me)).toBe(10);
    expect((await t.caller(me).loyalty.balance()).points).toBe(10);
  });

  it("spends once when the same redemption is retried concurrently", async () => {
    const me = await withPoints(50);
    const results = await Promise.all(Array.from({ length: 5 }, () => redeem(me, 20, "one-reward")));
    expect(results.filter((r) => r.spent)).toHaveLength(1);
    expect(await ledgerSum(me)).toBe(30);
    const history = await t.caller(me).loyalty.history();
    expect(history.map((h) => [h.kind, h.delta])).toEqual([
      ["redeem", -20],
      ["goodwill", 50],
    ]);
  });
});
