// Issue 13, item 5: WELCOME10 was described as "up to 10" but had no cap. A percent code whose text
// promises a cap must have one — refused at creation, and true of every seeded code.
import { demoPromos } from "@pizza/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { failure } from "../../testing/assertions.ts";
import { aCustomer, anAdmin, aPizza, storeId } from "../../testing/builders.ts";
import { backings, createTestPlatform, type TestPlatform } from "../../testing/harness.ts";
import { capPromiseProblem } from "./promos.schemas.ts";

describe("a percent code's description and its cap agree", () => {
  it("holds for every seeded promo code", () => {
    for (const p of demoPromos) {
      const problem = capPromiseProblem({
        kind: p.kind,
        description: p.description ?? undefined,
        maxDiscount: p.max_discount ?? undefined,
      });
      expect(problem, p.code).toBeNull();
    }
  });

  it("flags a text that promises a cap the code does not have", () => {
    for (const description of ["10% off (up to 10)", "15% off, at most $5", "20% off, max. 8 €"]) {
      expect(capPromiseProblem({ kind: "percent", description }), description).toMatch(/cap/);
      expect(capPromiseProblem({ kind: "percent", description, maxDiscount: 500 })).toBeNull();
    }
    expect(capPromiseProblem({ kind: "percent", description: "10% off everything" })).toBeNull();
    expect(capPromiseProblem({ kind: "fixed", description: "Up to $5 off" })).toBeNull();
  });
});

describe.each(backings)("promo creation and the seeded WELCOME10 on $name", (backing) => {
  let t: TestPlatform;
  beforeAll(async () => {
    t = await createTestPlatform(backing, { seed: true });
  });
  afterAll(async () => {
    await t?.close();
  });

  it("refuses a percent promo whose text promises a cap it lacks, with a clear message", async () => {
    const admin = await anAdmin(t);
    const bad = await failure(
      t.caller(admin).promo.create({
        code: "UPTO-NOCAP",
        kind: "percent",
        percent: 10,
        description: "10% off (up to 10 in local currency)",
      }),
    );
    expect(bad.code).toBe("BAD_REQUEST");
    expect(bad.message).toMatch(/promises a cap/);
    const ok = await t.caller(admin).promo.create({
      code: "UPTO-CAP",
      kind: "percent",
      percent: 10,
      maxDiscount: 1000,
      description: "10% off (up to $10)",
    });
    expect(ok.maxDiscount).toBe(1000);
  });

  it("caps WELCOME10 at 1000 minor units, as its description says", async () => {
    const me = await aCustomer(t);
    const midtown = await storeId(t, "nyc-midtown");
    const big = await t.caller(me).promo.check({
      code: "WELCOME10",
      storeId: midtown,
      channel: "carryout",
      items: [aPizza({ quantity: 20 })],
    });
    expect(big.applies).toBe(true);
    expect(big.breakdown?.discount).toBe(1000);
  });
});
