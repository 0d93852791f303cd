// Issue 13, item 5 (orders side): who may change an order's lines and tip, idempotency keys bound to
// one request, and payment.applyPromoCode applying a code to the caller's own pending order.
import { countRows } from "@pizza/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectCode, failure } from "../../testing/assertions.ts";
import {
  aCarryoutOrder,
  aCustomer,
  aDeliveryOrder,
  aPizza,
  aSide,
  aStaff,
  storeId,
} from "../../testing/builders.ts";
import { backings, createTestPlatform, type TestPlatform } from "../../testing/harness.ts";
import type { AuthUser } from "../auth/tokens.ts";

describe.each(backings)("order integrity on $name", (backing) => {
  let t: TestPlatform;
  let midtown: string;
  let crew: AuthUser;
  let manager: AuthUser;
  let otherStaff: AuthUser;

  beforeAll(async () => {
    t = await createTestPlatform(backing, { seed: true });
    midtown = await storeId(t, "nyc-midtown");
    crew = await aStaff(t, "nyc-midtown");
    otherStaff = await aStaff(t, "ber-mitte");
    const m = await t.platform.db
      .selectFrom("users")
      .select(["id", "name", "store_id", "staff_role"])
      .where("email", "=", "manager.nyc-midtown@pizza.example")
      .executeTakeFirstOrThrow();
    expect(m.staff_role).toBe("manager");
    manager = { id: m.id, role: "staff", storeId: m.store_id, name: m.name };
    await t.caller(crew).store.setKitchenCapacity({ storeId: midtown, capacity: 10_000 });
  });
  afterAll(async () => {
    await t?.close();
  });

  const notes = async (orderId: string) =>
    (
      await t.platform.db
        .selectFrom("order_status_history")
        .select(["note", "actor_id"])
        .where("order_id", "=", orderId)
        .orderBy("version")
        .execute()
    ).map((r) => r.note);

  describe("changing an order's lines and tip", () => {
    it("refuses kitchen crew (FORBIDDEN, saying who may) and staff of another store (NOT_FOUND)", async () => {
      const me = await aCustomer(t);
      const order = await t.caller(me).order.placeOrder(aCarryoutOrder(midtown, { tip: 200 }));
      const byCrew = await failure(
        t.caller(crew).order.updateOrder({ orderId: order.id, items: [aPizza({ quantity: 3 })], tip: 0 }),
      );
      expect(byCrew.code).toBe("FORBIDDEN");
      expect(byCrew.message).toMatch(/only the customer or the store's manager/i);
      await expectCode(
        t
          .caller(otherStaff)
          .order.updateOrder({ orderId: order.id, items: [aPizza()], tip: 0, reason: "wrong store" }),
        "NOT_FOUND",
      );
      const still = await t.caller(me).order.getOrder({ orderId: order.id });
      expect(still).toMatchObject({ version: 1, tip: 200, total: order.total });
    });

    it("lets the store's manager change it only with a reason, recorded in the history", async () => {
      const me = await aCustomer(t);
      const order = await t.caller(me).order.placeOrder(aCarryoutOrder(midtown));
      const noReason = await failure(
        t.caller(manager).order.updateOrder({ orderId: order.id, items: [aPizza(), aSide()] }),
      );
      expect(noReason.code).toBe("BAD_REQUEST");
      expect(noReason.message).toMatch(/reason/i);
      const changed = await t.caller(manager).order.updateOrder({
        orderId: order.id,
        items: [aPizza(), aSide()],
        reason: "customer phoned to add garlic bread",
      });
      expect(changed.version).toBe(2);
      expect((await notes(order.id)).at(-1)).toMatch(
        /by the store's manager: customer phoned to add garlic bread/,
      );
    });

    it("still lets the customer change their own order without a reason", async () => {
      const me = await aCustomer(t);
      const order = await t.caller(me).order.placeOrder(aCarryoutOrder(midtown));
      const changed = await t
        .caller(me)
        .order.updateOrder({ orderId: order.id, items: [aPizza()], tip: 300 });
      expect(changed).toMatchObject({ version: 2, tip: 300 });
    });
  });

  describe("idempotency keys bind one request", () => {
    it("refuses the same key with a different cart (422), and still replays the same request", async () => {
      const me = await aCustomer(t);
      const first = aCarryoutOrder(midtown);
      const order = await t.caller(me).order.placeOrder(first);
      // The same request, its fields written in another order: the first order again.
      const reordered = Object.fromEntries(Object.entries(first).reverse()) as typeof first;
      expect(await t.caller(me).order.placeOrder(reordered)).toMatchObject({ id: order.id, replayed: true });
      const before = await countRows(t.db, "orders");
      const other = await failure(
        t.caller(me).order.placeOrder({ ...first, items: [aPizza({ quantity: 2 })] }),
      );
      expect(other.code).toBe("UNPROCESSABLE_CONTENT");
      expect(other.message).toMatch(/idempotency key was already used for a different order/);
      await expectCode(t.caller(me).order.placeOrder({ ...first, tip: 500 }), "UNPROCESSABLE_CONTENT");
      expect(await countRows(t.db, "orders")).toBe(before);
    });

    it("refuses the different twin of a concurrent pair too (the unique-index path)", async () => {
      const me = await aCustomer(t);
      const a = aCarryoutOrder(midtown);
      const b = { ...a, items: [aPizza({ itemId: "margherita" })] };
      const settled = await Promise.allSettled(
        Array.from({ length: 8 }, (_, i) => t.caller(me).order.placeOrder(i % 2 ? b : a)),
      );
      const ok = settled.filter((s) => s.status === "fulfilled").map((s) => s.value);
      const refused = settled.filter((s) => s.status === "rejected").map((s) => s.reason);
      expect(new Set(ok.map((o) => o.id)).size).toBe(1);
      expect(ok).toHaveLength(4);
      expect(refused).toHaveLength(4);
      for (const e of refused) expect(e.code).toBe("UNPROCESSABLE_CONTENT");
    });
  });

  describe("payment.applyPromoCode", () => {
    it("applies the code to the caller's pending order: re-priced, a new version, the code redeemed", async () => {
      const me = await aCustomer(t);
      const order = await t
        .caller(me)
        .order.placeOrder(aDeliveryOrder(midtown, { items: [aPizza(), aPizza({ itemId: "margherita" })] }));
      expect(order.status).toBe("pending_payment");
      const used = async () =>
        (
          await t.platform.db
            .selectFrom("promo_redemptions")
            .select("order_id")
            .where("order_id", "=", order.id)
            .execute()
        ).length;
      expect(await used()).toBe(0);
      const applied = await t.caller(me).payment.applyPromoCode({ orderId: order.id, code: "nyc5" });
      expect(applied).toMatchObject({ id: order.id, version: 2, promoCode: "NYC5", discount: 500 });
      expect(applied.total).toBeLessThan(order.total);
      expect(await used()).toBe(1);
      expect((await t.caller(me).order.getOrder({ orderId: order.id })).total).toBe(applied.total);
    });

    it("answers NOT_FOUND for someone else's order and the reason for a code that does not apply", async () => {
      const me = await aCustomer(t);
      const order = await t.caller(me).order.placeOrder(aCarryoutOrder(midtown, { paymentMethod: "card" }));
      const stranger = await aCustomer(t);
      await expectCode(
        t.caller(stranger).payment.applyPromoCode({ orderId: order.id, code: "NYC5" }),
        "NOT_FOUND",
      );
      const small = await failure(t.caller(me).payment.applyPromoCode({ orderId: order.id, code: "NYC5" }));
      expect(small.code).toBe("PRECONDITION_FAILED");
      expect(small.message).toMatch(/\$25/);
      expect((await t.caller(me).order.getOrder({ orderId: order.id })).version).toBe(1);
    });
  });
});
