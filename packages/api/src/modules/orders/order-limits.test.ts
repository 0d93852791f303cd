import type { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { failure } from "../../testing/assertions.ts";
import { aCarryoutOrder, aCustomer, aStaff, storeId } from "../../testing/builders.ts";
import { backings, createTestPlatform, startTestServer, type TestPlatform } from "../../testing/harness.ts";

const cardOrder = (store: string) =>
  aCarryoutOrder(store, { paymentMethod: "card", items: [{ itemId: "margherita", variant: "medium" }] });

describe.each(backings)("nobody holds a kitchen hostage on $name", (backing) => {
  let t: TestPlatform;
  let midtown: string;

  beforeAll(async () => {
    t = await createTestPlatform(backing, { seed: true });
    midtown = await storeId(t, "nyc-midtown");
  });
  afterAll(async () => {
    await t?.close();
  });

  const pending = (customerId: string) =>
    t.platform.db
      .selectFrom("orders")
      .select("id")
      .where("customer_id", "=", customerId)
      .where("status", "=", "pending_payment")
      .execute();
  const slotTotal = async (store: string) =>
    (
      await t.platform.db
        .selectFrom("kitchen_slots")
        .select((eb) => eb.fn.coalesce(eb.fn.sum<number>("orders"), eb.lit(0)).as("n"))
        .where("store_id", "=", store)
        .executeTakeFirstOrThrow()
    ).n;

  it("one customer looping card placeOrder without paying cannot fill a store's kitchen: the 4th unpaid order is refused", async () => {
    const staff = await aStaff(t, "nyc-midtown");
    await t.caller(staff).store.setKitchenCapacity({ storeId: midtown, capacity: 2 });
    const attacker = await aCustomer(t);
    const before = Number(await slotTotal(midtown));
    const refusals: TRPCError[] = [];
    for (let i = 0; i < 8; i++) {
      await t
        .caller(attacker)
        .order.placeOrder(cardOrder(midtown))
        .catch((e: TRPCError) => refusals.push(e));
    }
    expect(await pending(attacker.id)).toHaveLength(3);
    expect(Number(await slotTotal(midtown)) - before).toBe(3);
    expect(refusals).toHaveLength(5);
    for (const e of refusals) {
      expect(e.code).toBe("CONFLICT");
      expect(e.message).toMatch(/already have 3 orders waiting for payment/);
    }
    // A real customer still gets a slot; a cash order by the same customer is not an unpaid hold.
    const real = await aCustomer(t);
    expect((await t.caller(real).order.placeOrder(cardOrder(midtown))).status).toBe("pending_payment");
    expect((await t.caller(attacker).order.placeOrder(aCarryoutOrder(midtown))).status).toBe("placed");
    // Cancelling one frees a place; a retry of the order that took it is answered as a replay, not refused.
    const [one] = await pending(attacker.id);
    await t.caller(attacker).order.cancelOrder({ orderId: one!.id });
    const retried = { ...cardOrder(midtown), idempotencyKey: `again-${attacker.id}` };
    const again = await t.caller(attacker).order.placeOrder(retried);
    expect(again.status).toBe("pending_payment");
    expect(await t.caller(attacker).order.placeOrder(retried)).toMatchObject({
      id: again.id,
      replayed: true,
    });
    await t.caller(staff).store.setKitchenCapacity({ storeId: midtown, capacity: 1000 });
  });

  it("holds for a guest checkout too", async () => {
    const session = await t
      .caller()
      .auth.guest({ name: "Gus Guest", email: `gus-${backing.db}@example.com` });
    const guest = await t.platform.tokens.verify(session.accessToken);
    for (let i = 0; i < 3; i++) await t.caller(guest).order.placeOrder(cardOrder(midtown));
    const e = await failure(t.caller(guest).order.placeOrder(cardOrder(midtown)));
    expect(e.code).toBe("CONFLICT");
    expect(e.message).toMatch(/already have 3 orders waiting for payment/);
    expect(await pending(guest!.id)).toHaveLength(3);
  });

  it("holds under concurrency: 20 simultaneous card orders by one customer leave at most 3 unpaid", async () => {
    const me = await aCustomer(t);
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, () => t.caller(me).order.placeOrder(cardOrder(midtown))),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(3);
    for (const r of results)
      if (r.status === "rejected") expect((r.reason as TRPCError).code).toBe("CONFLICT");
    expect(await pending(me.id)).toHaveLength(3);
  });
});

describe("placeOrder rate limits (PostgreSQL, Redis)", () => {
  let t: TestPlatform;
  let midtown: string;

  beforeAll(async () => {
    t = await createTestPlatform(backings[1]!, {
      seed: true,
      env: { PLACE_ORDER_LIMIT_PER_CUSTOMER: "4", PLACE_ORDER_LIMIT_PER_IP: "6" },
    });
    midtown = await storeId(t, "nyc-midtown");
  });
  afterAll(async () => {
    await t?.close();
  });

  it("refuses a customer's 5th placeOrder in a minute with 429 and how long to wait", async () => {
    const me = await aCustomer(t);
    for (let i = 0; i < 4; i++) await t.caller(me, "10.0.0.1").order.placeOrder(aCarryoutOrder(midtown));
    const e = await failure(t.caller(me, "10.0.0.2").order.placeOrder(aCarryoutOrder(midtown)));
    expect(e.code).toBe("TOO_MANY_REQUESTS");
    expect(e.message).toMatch(/placing orders too quickly\. Please try again in \d+ (seconds?|minute)/);
    const seconds = (e.cause as { details?: { retryAfterSeconds?: number } }).details?.retryAfterSeconds;
    expect(seconds).toBeGreaterThan(0);
    expect(seconds).toBeLessThanOrEqual(60);
    // Someone else is not affected.
    const other = await aCustomer(t);
    expect((await t.caller(other, "10.0.0.3").order.placeOrder(aCarryoutOrder(midtown))).status).toBe(
      "placed",
    );
  });

  it("refuses the 7th placeOrder from one IP in a minute, whoever signs in, with a Retry-After header over HTTP", async () => {
    const server = await startTestServer(t.platform);
    try {
      const place = async () => {
        const me = await aCustomer(t);
        const token = await t.platform.tokens.sign(me);
        return fetch(`${server.url}/trpc/order.placeOrder`, {
          method: "POST",
          headers: {
            "content-type": "application/json",
            authorization: `Bearer ${token}`,
            "x-forwarded-for": "203.0.113.9",
          },
          body: JSON.stringify(aCarryoutOrder(midtown)),
        });
      };
      for (let i = 0; i < 6; i++) expect((await place()).status).toBe(200);
      const res = await place();
      expect(res.status).toBe(429);
      const retryAfter = Number(res.headers.get("retry-after"));
      expect(retryAfter).toBeGreaterThan(0);
      expect(retryAfter).toBeLessThanOrEqual(60);
      const body = (await res.json()) as { error: { message: string } };
      expect(body.error.message).toMatch(/Too many orders from your network/);
    } finally {
      await server.close();
    }
  });
});
