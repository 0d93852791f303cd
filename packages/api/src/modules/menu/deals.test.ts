// Deals end to end through the API (issue 22), on both backings: an admin creates a region's deal, the
// region's menus list it at once, a quote, a placed order and an edit of it are priced with it (one function,
// orders/order-pricing.ts), deactivating it takes it off at once, and every refusal names its field and
// changes nothing. On real PostgreSQL, two admins creating the same deal at once: one wins, one is told.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectCode, failure } from "../../testing/assertions.ts";
import {
  aCarryoutOrder,
  aCustomer,
  anAdmin,
  aPizza,
  aSide,
  aStaff,
  storeId,
} from "../../testing/builders.ts";
import { backings, createTestPlatform, type TestPlatform } from "../../testing/harness.ts";
import type { AuthUser } from "../auth/tokens.ts";
import type { TCreateDeal } from "./deal-admin.schemas.ts";

const twoMediums = (overrides: Partial<TCreateDeal> = {}): TCreateDeal => ({
  regionCode: "us",
  id: "us-two-mediums",
  nameEn: "Any 2 medium pizzas",
  nameDe: "2 mittlere Pizzen",
  nameJa: "M ピザ 2 枚",
  price: 1800,
  slots: [{ kind: "pizza", variant: "medium", quantity: 2 }],
  active: true,
  ...overrides,
});
const medium = (itemId = "pepperoni") => aPizza({ itemId, variant: "medium" });

describe.each(backings)("deals on $name", (backing) => {
  let t: TestPlatform;
  let midtown: string;
  let admin: AuthUser;
  let me: AuthUser;

  beforeAll(async () => {
    t = await createTestPlatform(backing, { seed: true });
    midtown = await storeId(t, "nyc-midtown");
    admin = await anAdmin(t);
    me = await aCustomer(t);
  }, 180_000);
  afterAll(async () => {
    await t?.close();
  });

  const quote = (items: ReturnType<typeof aPizza>[]) =>
    t.caller(me).order.quote({ channel: "carryout", storeId: midtown, tip: 0, items });
  const menuDeals = async (locale = "en") =>
    (await t.caller().menu.getMenu({ storeId: midtown, locale })).deals.map((d) => [d.id, d.name, d.price]);

  it("lists a new deal on the region's menus at once, named in the reader's language", async () => {
    expect(await menuDeals()).toEqual([]);
    // Without a deal the "two mediums" code applies to two mediums (the refusal below is the deal's doing).
    const withCode = await t.caller(me).order.quote({
      channel: "carryout",
      storeId: midtown,
      tip: 0,
      items: [medium(), medium("margherita")],
      promoCode: "TWOMEDIUMS",
    });
    expect(withCode.promo).toMatchObject({ applied: true });
    const created = await t.caller(admin).deal.create(twoMediums());
    expect(created).toMatchObject({ id: "us-two-mediums", currency: "USD", price: 1800, active: true });
    expect(created.slots).toEqual([{ kind: "pizza", variant: "medium", itemId: null, quantity: 2 }]);
    expect(await menuDeals()).toEqual([["us-two-mediums", "Any 2 medium pizzas", 1800]]);
    expect(await menuDeals("de")).toEqual([["us-two-mediums", "2 mittlere Pizzen", 1800]]);
    const berlin = await storeId(t, "ber-mitte");
    expect((await t.caller().menu.getMenu({ storeId: berlin })).deals).toEqual([]);
  });

  it("prices a quote and the placed order at the deal's price, and an edit by the same rule", async () => {
    const items = [medium(), medium("margherita")];
    const q = await quote(items);
    expect(q.deals).toEqual([
      { id: "us-two-mediums", name: "Any 2 medium pizzas", times: 1, price: 1800, saving: q.subtotal - 1800 },
    ]);
    expect(q.subtotal - q.discount).toBe(1800);
    expect(q.total).toBe(1800 + q.tax);

    const order = await t.caller(me).order.placeOrder(aCarryoutOrder(midtown, { items }));
    expect(order).toMatchObject({ subtotal: q.subtotal, discount: q.discount, tax: q.tax, total: q.total });

    // Three mediums and a side: one deal, the dearest two pizzas in it, the rest at list price.
    const more = [medium(), medium("margherita"), medium("meat_lovers"), aSide()];
    const edited = await t
      .caller(me)
      .order.updateOrder({ orderId: order.id, expectedVersion: order.version, items: more });
    const q2 = await quote(more);
    expect(q2.deals[0]).toMatchObject({ times: 1 });
    expect(edited).toMatchObject({ subtotal: q2.subtotal, discount: q2.discount, total: q2.total });

    // One medium left: no deal, no discount.
    const fewer = [medium(), aSide()];
    const again = await t
      .caller(me)
      .order.updateOrder({ orderId: order.id, expectedVersion: edited.version, items: fewer });
    expect(again.discount).toBe(0);
    expect(again.total).toBe((await quote(fewer)).total);
  });

  it("records each part of a discount where the reports read it: the deals' saving on the order, the code's on its redemption", async () => {
    const items = [medium(), medium("margherita"), aSide()];
    const q = await t
      .caller(me)
      .order.quote({ channel: "carryout", storeId: midtown, tip: 0, items, promoCode: "MIDTOWN20" });
    expect(q.promo).toMatchObject({ code: "MIDTOWN20", applied: true });
    const saving = q.deals[0]!.saving;
    const promoDiscount = q.promo?.applied ? q.promo.discount : -1;
    expect(saving).toBeGreaterThan(0);
    expect(promoDiscount).toBeGreaterThan(0);
    expect(q.discount).toBe(saving + promoDiscount);
    const order = await t
      .caller(me)
      .order.placeOrder(aCarryoutOrder(midtown, { items, promoCode: "MIDTOWN20" }));
    const stored = () =>
      t.platform.db
        .selectFrom("orders")
        .leftJoin("promo_redemptions as pr", (j) =>
          j.onRef("pr.order_id", "=", "orders.id").on("pr.released_at", "is", null),
        )
        .select(["orders.discount", "orders.deal_discount", "pr.discount as promo"])
        .where("orders.id", "=", order.id)
        .executeTakeFirstOrThrow();
    expect(await stored()).toEqual({ discount: q.discount, deal_discount: saving, promo: promoDiscount });
    // The order names its deals for the tracker and receipts, as the quote did.
    expect(order.deals).toEqual(q.deals);
    expect((await t.caller(me).order.getOrder({ orderId: order.id })).deals).toEqual(q.deals);
    // An edit down to one medium: no deal left, the code's part re-recorded alone.
    const fewer = [medium(), aSide()];
    const edited = await t
      .caller(me)
      .order.updateOrder({ orderId: order.id, expectedVersion: order.version, items: fewer });
    const after = await stored();
    expect(edited.deals).toEqual([]);
    expect(after.deal_discount).toBe(0);
    expect(after.discount).toBe(edited.discount);
    expect(after.promo).toBe(edited.discount);
  });

  it("gives a promo code only the units no deal took: a 'two mediums' code on a deal's two mediums is refused", async () => {
    const items = [medium(), medium("margherita")];
    const q = await t
      .caller(me)
      .order.quote({ channel: "carryout", storeId: midtown, tip: 0, items, promoCode: "TWOMEDIUMS" });
    expect(q.deals).toHaveLength(1);
    expect(q.promo).toMatchObject({ code: "TWOMEDIUMS", applied: false });
    expect(q.subtotal - q.discount).toBe(1800);
    const orders = () =>
      t.platform.db.selectFrom("orders").select("id").where("customer_id", "=", me.id).execute();
    const before = (await orders()).length;
    await expectCode(
      t.caller(me).order.placeOrder(aCarryoutOrder(midtown, { items, promoCode: "TWOMEDIUMS" })),
      "PRECONDITION_FAILED",
    );
    expect(await orders()).toHaveLength(before);
    // Four mediums: the deal applies twice, and leaves nothing to bundle.
    const four = [medium("meat_lovers"), medium("meat_lovers"), medium(), medium("margherita")];
    const both = await t
      .caller(me)
      .order.quote({ channel: "carryout", storeId: midtown, tip: 0, items: four, promoCode: "TWOMEDIUMS" });
    expect(both.deals[0]).toMatchObject({ times: 2 });
    expect(both.promo).toMatchObject({ applied: false });
  });

  it("refuses what is not an admin's and what does not validate, naming the field, and changes nothing", async () => {
    const before = await t.caller(admin).deal.list({ regionCode: "us" });
    await expectCode(t.caller(me).deal.create(twoMediums({ id: "us-mine" })), "FORBIDDEN");
    await expectCode(t.caller(await aStaff(t, "nyc-midtown")).deal.list({ regionCode: "us" }), "FORBIDDEN");
    await expectCode(
      t.caller(admin).deal.create(twoMediums()),
      "CONFLICT",
      /already a deal with the id us-two-mediums/,
    );
    await expectCode(
      t
        .caller(admin)
        .deal.create(
          twoMediums({ id: "us-bad-size", slots: [{ kind: "pizza", variant: "huge", quantity: 2 }] }),
        ),
      "BAD_REQUEST",
      /Slot 1: the us menu has no huge pizza/,
    );
    await expectCode(
      t
        .caller(admin)
        .deal.create(
          twoMediums({ id: "us-bad-item", slots: [{ kind: "drink", itemId: "pepperoni", quantity: 1 }] }),
        ),
      "BAD_REQUEST",
      /Slot 1/,
    );
    const window = await failure(
      t
        .caller(admin)
        .deal.create(
          twoMediums({ id: "us-window", startsAt: "2026-12-24T18:00:00Z", endsAt: "2026-12-24T17:00:00Z" }),
        ),
    );
    expect(window.code).toBe("BAD_REQUEST");
    expect(window.message).toMatch(/end after it starts/);
    await expectCode(
      t.caller(admin).deal.create(twoMediums({ id: "us-free", price: 0 })),
      "BAD_REQUEST",
      /more than zero/,
    );
    await expectCode(
      t.caller(admin).deal.create(twoMediums({ id: "us-none", slots: [] })),
      "BAD_REQUEST",
      /at least one slot/,
    );
    await expectCode(
      t.caller(admin).deal.create(twoMediums({ id: "us-nowhere", regionCode: "zz" })),
      "NOT_FOUND",
      /no region zz/,
    );
    await expectCode(
      t.caller(admin).deal.update({ ...twoMediums(), id: "no-such-deal" }),
      "NOT_FOUND",
      /no such deal/,
    );
    expect(await t.caller(admin).deal.list({ regionCode: "us" })).toEqual(before);
  });

  it("takes a deal off the menu and out of prices when deactivated, and until its window opens", async () => {
    const items = [medium(), medium("margherita")];
    await t.caller(admin).deal.deactivate({ id: "us-two-mediums" });
    expect(await menuDeals()).toEqual([]);
    expect((await quote(items)).deals).toEqual([]);

    const later = new Date(Date.now() + 3_600_000).toISOString();
    await t.caller(admin).deal.update({ ...twoMediums(), id: "us-two-mediums", startsAt: later });
    expect(await menuDeals()).toEqual([]);
    expect((await quote(items)).discount).toBe(0);

    const edited = await t
      .caller(admin)
      .deal.update({ ...twoMediums(), id: "us-two-mediums", price: 1700, startsAt: null });
    expect(edited).toMatchObject({ price: 1700, active: true, startsAt: null });
    const q = await quote(items);
    expect(q.subtotal - q.discount).toBe(1700);
  });

  it.runIf(backing.db === "postgres")(
    "lets one of two admins creating the same deal at once win",
    async () => {
      const deal = twoMediums({ id: "us-race", price: 1900 });
      const results = await Promise.allSettled([
        t.caller(admin).deal.create(deal),
        t.caller(admin).deal.create(deal),
      ]);
      expect(results.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
      const refused = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
      expect(refused.reason.code).toBe("CONFLICT");
      const slots = await t.platform.db
        .selectFrom("deal_slots")
        .selectAll()
        .where("deal_id", "=", "us-race")
        .execute();
      expect(slots).toHaveLength(1);
    },
  );
});
