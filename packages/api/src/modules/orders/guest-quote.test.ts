// Issue 16, finding 1: a stranger sees prices before signing in. `order.quote` is public, limited per IP
// for guests, and prices promo codes only for signed-in customers (a code's rules depend on who asks).
import type { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { aCustomer, storeId } from "../../testing/builders.ts";
import { backings, createTestPlatform, type TestPlatform } from "../../testing/harness.ts";
import { GUEST_QUOTES_PER_IP } from "./order-limits.ts";

describe.each(backings)("prices for guests on $name", (backing) => {
  let t: TestPlatform;
  let midtown: string;

  beforeAll(async () => {
    t = await createTestPlatform(backing, { seed: true });
    midtown = await storeId(t, "nyc-midtown");
  });
  afterAll(async () => {
    await t?.close();
  });

  const cart = (extra: Record<string, unknown> = {}) => ({
    channel: "carryout" as const,
    storeId: midtown,
    items: [{ itemId: "margherita", variant: "medium", quantity: 2 }],
    ...extra,
  });

  it("answers a signed-out quote with the same lines and totals a customer gets", async () => {
    const guest = await t.caller(null, "198.51.100.7").order.quote(cart());
    const customer = await t.caller(await aCustomer(t)).order.quote(cart());
    expect(guest.lines).toEqual(customer.lines);
    expect(guest.total).toBe(customer.total);
    expect(guest.lines[0]!.lineTotal).toBeGreaterThan(0);
  });

  it("prices a guest's cart without the promo code (codes are for signed-in customers)", async () => {
    const plain = await t.caller(null, "198.51.100.8").order.quote(cart());
    const withCode = await t.caller(null, "198.51.100.8").order.quote(cart({ promoCode: "WELCOME10" }));
    expect(withCode.total).toBe(plain.total);
    expect(withCode.promo ?? null).toBeNull();
    // The same code does apply to this cart for a signed-in customer, so the guest's price is not a given.
    const customer = await t.caller(await aCustomer(t)).order.quote(cart({ promoCode: "WELCOME10" }));
    expect(customer.promo).not.toBeNull();
    expect(customer.total).toBeLessThan(plain.total);
  });

  it("limits a stranger's quotes per IP with a readable 429, and other IPs and customers are unaffected", async () => {
    const ip = "203.0.113.99";
    const refused: TRPCError[] = [];
    for (let i = 0; i < GUEST_QUOTES_PER_IP + 3; i++) {
      await t
        .caller(null, ip)
        .order.quote(cart())
        .catch((e: TRPCError) => refused.push(e));
    }
    expect(refused).toHaveLength(3);
    expect(refused[0]!.code).toBe("TOO_MANY_REQUESTS");
    expect(refused[0]!.message).toMatch(/Too many price checks from your network\. Please try again in/);
    expect((await t.caller(null, "203.0.113.100").order.quote(cart())).total).toBeGreaterThan(0);
    expect((await t.caller(await aCustomer(t), ip).order.quote(cart())).total).toBeGreaterThan(0);
  });
});
