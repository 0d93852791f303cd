// Issue 16, finding 7: every order has a tracking link that works without an account (read-only, an
// unguessable token, expiring a day after the order finished), and "Find my order" turns an order number
// plus the email or phone given with it into that link, rate-limited, with one answer for every miss.
import type { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { aCarryoutOrder, aCustomer, storeId } from "../../testing/builders.ts";
import { backings, createTestPlatform, type TestPlatform } from "../../testing/harness.ts";
import type { AuthUser } from "../auth/tokens.ts";
import { NOT_FOUND_SENTENCE } from "./find-order.ts";
import { FIND_ORDER_LIMITS } from "./order-limits.ts";
import { TRACK_LINK_TTL_MS } from "./track-links.ts";

const refusal = (p: Promise<unknown>) =>
  p.then(
    () => {
      throw new Error("expected a refusal");
    },
    (e: TRPCError) => e,
  );

describe.each(backings)("tracking links and order lookup on $name", (backing) => {
  let t: TestPlatform;
  let midtown: string;
  let ipN = 0;
  const anIp = () => `198.51.${100 + Math.floor(++ipN / 250)}.${ipN % 250}`;

  beforeAll(async () => {
    t = await createTestPlatform(backing, { seed: true });
    midtown = await storeId(t, "nyc-midtown");
  });
  afterAll(async () => {
    await t?.close();
  });

  async function aGuestOrder() {
    const email = `gia-${Date.now()}-${ipN}@example.com`;
    const auth = await t.caller(null, anIp()).auth.guest({
      name: "Gia Guest",
      email,
      phone: "+1 212 555 0142",
      country: "US",
    });
    const guest: AuthUser = { id: auth.user.id, role: "customer", storeId: null, name: auth.user.name };
    const order = await t
      .caller(guest)
      .order.placeOrder(aCarryoutOrder(midtown, { notes: "Gate code 1234", tip: 150 }));
    return { guest, order, email };
  }

  it("gives the owner one 256-bit link that a stranger opens read-only, with the full breakdown", async () => {
    const { guest, order } = await aGuestOrder();
    const link = await t.caller(guest).order.trackLink({ orderId: order.id });
    expect(link.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(link.expiresAt).toBeNull();
    expect((await t.caller(guest).order.trackLink({ orderId: order.id })).token).toBe(link.token);

    const seen = await t.caller(null, anIp()).order.linkedOrder({ token: link.token });
    expect(seen.order.orderNumber).toBe(order.orderNumber);
    expect(seen.tracking.status).toBe("placed");
    expect(seen.order).not.toHaveProperty("customerId");
    expect(seen.order).not.toHaveProperty("notes");
    expect(seen.order).not.toHaveProperty("address");
    const o = seen.order;
    expect(o.tip).toBe(150);
    expect(o.subtotal - o.discount + o.deliveryFee + (o.taxIncluded ? 0 : o.tax) + o.tip).toBe(o.total);
    expect(seen.tracking.taxRatePpm).toBeGreaterThan(0);
  });

  it("answers an unknown, malformed or someone else's link like a missing order", async () => {
    const { order } = await aGuestOrder();
    const stranger = await aCustomer(t);
    for (const token of ["A".repeat(43), "not-a-token", `${"b".repeat(42)}!`]) {
      const e = await refusal(t.caller(null, anIp()).order.linkedOrder({ token }));
      expect(e.code).toBe("NOT_FOUND");
      expect(e.message).toMatch(/This tracking link does not work/);
    }
    expect((await refusal(t.caller(stranger).order.trackLink({ orderId: order.id }))).code).toBe("NOT_FOUND");
  });

  it("keeps working a day after the order finished, then stops", async () => {
    const { guest, order } = await aGuestOrder();
    const { token } = await t.caller(guest).order.trackLink({ orderId: order.id });
    await t.caller(guest).order.cancelOrder({ orderId: order.id, reason: "changed my mind" });
    const finishedAgo = async (ms: number) =>
      t.platform.db
        .updateTable("orders")
        .set({ updated_at: new Date(Date.now() - ms) })
        .where("id", "=", order.id)
        .execute();
    await finishedAgo(TRACK_LINK_TTL_MS - 60_000);
    const late = await t.caller(null, anIp()).order.linkedOrder({ token });
    expect(late.tracking.status).toBe("cancelled");
    expect(new Date(late.expiresAt!).getTime()).toBeGreaterThan(Date.now());
    await finishedAgo(TRACK_LINK_TTL_MS + 60_000);
    expect((await refusal(t.caller(null, anIp()).order.linkedOrder({ token }))).code).toBe("NOT_FOUND");
    expect(await t.platform.services.orders.orderOfTrackToken(token)).toBeUndefined();
  });

  it("finds an order by its number and the email or phone given with it; every miss reads the same", async () => {
    const { guest, order, email } = await aGuestOrder();
    const { token } = await t.caller(guest).order.trackLink({ orderId: order.id });
    const find = (orderNumber: number, contact: string) =>
      t.caller(null, anIp()).order.findOrder({ orderNumber, contact });
    expect((await find(order.orderNumber, ` ${email.toUpperCase()} `)).token).toBe(token);
    expect((await find(order.orderNumber, "+1 (212) 555-0142")).token).toBe(token);
    expect((await find(order.orderNumber, "212 555 0142")).token).toBe(token);

    // Six tries on one order number fit its limit (three found it above, three misses here).
    const other = await aGuestOrder();
    const misses = [
      find(order.orderNumber, "someone-else@example.com"),
      find(order.orderNumber, other.email),
      find(order.orderNumber, "212 555 0199"),
      find(order.orderNumber + 1_000_000, email),
      find(other.order.orderNumber, "hello"),
    ];
    for (const e of await Promise.all(misses.map(refusal))) {
      expect(e.code).toBe("NOT_FOUND");
      expect(e.message).toBe(NOT_FOUND_SENTENCE);
    }
  });

  it("limits lookups per order number (from any IP) and per IP (over any numbers)", async () => {
    const { order, email } = await aGuestOrder();
    for (let i = 0; i < FIND_ORDER_LIMITS.perOrderNumber; i++)
      await refusal(
        t.caller(null, anIp()).order.findOrder({ orderNumber: order.orderNumber, contact: "x@example.com" }),
      );
    const limited = await refusal(
      t.caller(null, anIp()).order.findOrder({ orderNumber: order.orderNumber, contact: email }),
    );
    expect(limited.code).toBe("TOO_MANY_REQUESTS");
    expect(limited.message).toMatch(/Too many tries to find an order\. Please try again in \d+ minutes?\./);

    const ip = anIp();
    for (let i = 0; i < FIND_ORDER_LIMITS.perIp; i++)
      await refusal(t.caller(null, ip).order.findOrder({ orderNumber: 900_000 + i, contact: email }));
    const byIp = await refusal(t.caller(null, ip).order.findOrder({ orderNumber: 990_000, contact: email }));
    expect(byIp.code).toBe("TOO_MANY_REQUESTS");
    // Another network is not held up by that one.
    const fresh = await aGuestOrder();
    expect(
      (
        await t
          .caller(null, anIp())
          .order.findOrder({ orderNumber: fresh.order.orderNumber, contact: fresh.email })
      ).token,
    ).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });
});
