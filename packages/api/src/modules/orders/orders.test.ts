import { countRows } from "@pizza/db/testing";
import type { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { failure } from "../../testing/assertions.ts";
import {
  aCarryoutOrder,
  aCustomer,
  aDeliveryOrder,
  anAdmin,
  aPizza,
  aSide,
  aStaff,
  storeId,
} from "../../testing/builders.ts";
import { backings, createTestPlatform, type TestPlatform } from "../../testing/harness.ts";
import type { AuthUser } from "../auth/tokens.ts";

describe.each(backings)("orders on $name", (backing) => {
  let t: TestPlatform;
  let midtown: string;
  let mitte: string;
  let shibuya: string;
  let staff: AuthUser;
  let admin: AuthUser;

  beforeAll(async () => {
    t = await createTestPlatform(backing, { seed: true });
    midtown = await storeId(t, "nyc-midtown");
    mitte = await storeId(t, "ber-mitte");
    shibuya = await storeId(t, "tyo-shibuya");
    staff = await aStaff(t, "nyc-midtown");
    admin = await anAdmin(t);
    // Tests place many orders at Midtown; capacity is tested on its own store below.
    await t.caller(staff).store.setKitchenCapacity({ storeId: midtown, capacity: 10_000 });
  });
  afterAll(async () => {
    await t?.close();
  });

  const outbox = async (orderId: string) =>
    t.platform.db
      .selectFrom("outbox")
      .select(["topic", "payload"])
      .where("aggregate_id", "=", orderId)
      .orderBy("seq")
      .execute();

  it("places a cash carryout order straight into 'placed', priced by the server, with history and an outbox event", async () => {
    const me = await aCustomer(t);
    const quote = await t
      .caller(me)
      .order.quote({ channel: "carryout", storeId: midtown, items: [aPizza()] });
    const order = await t.caller(me).order.placeOrder(aCarryoutOrder(midtown));
    expect(order.status).toBe("placed");
    expect(order.version).toBe(1);
    expect(order.total).toBe(quote.total);
    expect(order.currency).toBe("USD");
    expect(order.taxIncluded).toBe(false);
    expect(order.total).toBe(order.subtotal + order.tax);
    expect(order.items[0]).toMatchObject({
      itemId: "pepperoni",
      variant: "large",
      name: 'Large 14" Pepperoni',
    });
    const events = await outbox(order.id);
    expect(events.map((e) => e.topic)).toEqual(["order.placed"]);
    expect(events[0]!.payload).toMatchObject({
      orderId: order.id,
      storeId: midtown,
      customerId: me.id,
      status: "placed",
      version: 1,
      regionCode: "us",
    });
    const track = await t.caller(me).order.trackOrder({ orderId: order.id });
    expect(track.timeline.find((s) => s.status === "placed")?.reached).toBe(true);
  });

  it("creates a card order in 'pending_payment' and finds the delivering store from the location", async () => {
    const me = await aCustomer(t);
    const order = await t.caller(me).order.placeOrder(aDeliveryOrder(undefined));
    expect(order.status).toBe("pending_payment");
    expect(order.storeId).toBe(midtown);
    expect(order.deliveryFee).toBe(399);
    expect(new Date(order.promisedAt).getTime()).toBeGreaterThan(new Date(order.readyEstimateAt!).getTime());
  });

  it("prices in the region: EUR tax-inclusive in Berlin, whole yen in Tokyo", async () => {
    const me = await aCustomer(t);
    const de = await t
      .caller(me)
      .order.placeOrder(
        aCarryoutOrder(mitte, { items: [aPizza({ itemId: "margherita", variant: "medium" })] }),
      );
    expect(de.currency).toBe("EUR");
    expect(de.taxIncluded).toBe(true);
    expect(de.total).toBe(de.subtotal);
    expect(de.tax).toBeGreaterThan(0);
    const jp = await t.caller(me).order.placeOrder(
      aCarryoutOrder(shibuya, {
        items: [
          aPizza({
            itemId: "margherita",
            variant: "medium",
            toppings: [
              { id: "tomatoes", placement: "whole", portion: "normal" },
              { id: "bacon", placement: "left", portion: "normal" },
            ],
          }),
        ],
      }),
    );
    expect(jp.currency).toBe("JPY");
    expect(Number.isInteger(jp.total)).toBe(true);
    // Half a 300-yen medium topping: 150 yen on top of the recipe price.
    const menu = await t.caller(me).menu.getMenu({ storeId: shibuya, locale: "ja" });
    const base = menu.items
      .find((i) => i.id === "margherita")!
      .variants.find((v) => v.id === "medium")!.price;
    const bacon = menu.toppings.find((x) => x.id === "bacon")!.prices.medium!;
    expect(jp.items[0]!.unitPrice).toBe(base + Math.ceil(bacon / 2));
  });

  it("refuses a client total that differs from the server's and writes nothing", async () => {
    const me = await aCustomer(t);
    const before = await countRows(t.db, "orders");
    const e = await failure(t.caller(me).order.placeOrder(aCarryoutOrder(midtown, { expectedTotal: 1 })));
    expect(e.code).toBe("PRECONDITION_FAILED");
    expect(e.message).toMatch(/price of your order has changed/);
    expect(await countRows(t.db, "orders")).toBe(before);
  });

  it.each([
    [{ items: [] }, /cart is empty/],
    [{ items: [{ itemId: "pepperoni", variant: "large", quantity: 0 }] }, /Quantity must be at least 1/],
    [{ tip: -5 }, /Tip cannot be negative/],
    [{ idempotencyKey: "x" }, /Idempotency key/],
  ])("rejects bad input with a readable 400 and changes nothing (%#)", async (patch, message) => {
    const me = await aCustomer(t);
    const before = await countRows(t.db, "orders");
    const e = await failure(
      t.caller(me).order.placeOrder({ ...aCarryoutOrder(midtown), ...(patch as object) }),
    );
    expect(e.code).toBe("BAD_REQUEST");
    expect(e.message).toMatch(message);
    expect(await countRows(t.db, "orders")).toBe(before);
  });

  it.each([
    [aPizza({ crust: "stuffed", variant: "small" }), /Cheese Stuffed crust does not come in Small.*Large/],
    [
      aPizza({
        variant: "small",
        toppings: Array.from({ length: 7 }, (_, i) => ({
          id: ["ham", "bacon", "beef", "onions", "feta", "spinach", "garlic"][i]!,
          placement: "whole" as const,
          portion: "normal" as const,
        })),
      }),
      /at most 6 toppings/,
    ],
    [aPizza({ variant: "gigantic" }), /does not come in "gigantic"/],
    [
      aPizza({
        toppings: [
          { id: "ham", placement: "left", portion: "normal" },
          { id: "ham", placement: "right", portion: "normal" },
        ],
      }),
      /listed twice/,
    ],
    [{ itemId: "chicken_wings", variant: "6pc" }, /Choose a sauce for Chicken Wings/],
    [
      { itemId: "cola", variant: "500ml", toppings: [{ id: "ham", placement: "whole", portion: "normal" }] },
      /not a pizza/,
    ],
  ])("enforces the builder rules on the server with a clear reason (%#)", async (line, reason) => {
    const me = await aCustomer(t);
    const e = await failure(
      t.caller(me).order.placeOrder(aCarryoutOrder(midtown, { items: [line as never] })),
    );
    expect(e.code).toBe("BAD_REQUEST");
    expect(e.message).toMatch(reason);
  });

  it("returns the same order for a double submit with one idempotency key, even concurrently", async () => {
    const me = await aCustomer(t);
    const input = aCarryoutOrder(midtown);
    const before = await countRows(t.db, "orders");
    const results = await Promise.all(Array.from({ length: 8 }, () => t.caller(me).order.placeOrder(input)));
    expect(new Set(results.map((r) => r.id)).size).toBe(1);
    expect(results.filter((r) => !r.replayed).length).toBe(1);
    expect(await countRows(t.db, "orders")).toBe(before + 1);
    const again = await t.caller(me).order.placeOrder(input);
    expect(again).toMatchObject({ id: results[0]!.id, replayed: true });
  });

  it("never sells stock it does not have: concurrent orders for the last units, the rest refused by name", async () => {
    await t.caller(staff).store.setAvailability({
      storeId: midtown,
      entity: "item",
      entityId: "tiramisu",
      available: true,
      stock: 3,
    });
    const buyers = await Promise.all(Array.from({ length: 10 }, () => aCustomer(t)));
    const results = await Promise.allSettled(
      buyers.map((b) =>
        t
          .caller(b)
          .order.placeOrder(aCarryoutOrder(midtown, { items: [aPizza(), aSide("tiramisu", "", 1)] })),
      ),
    );
    const ok = results.filter((r) => r.status === "fulfilled");
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(ok).toHaveLength(3);
    expect(refused).toHaveLength(7);
    for (const r of refused) {
      expect((r.reason as TRPCError).code).toBe("CONFLICT");
      expect((r.reason as TRPCError).message).toMatch(/Tiramisu is sold out/);
    }
    const stock = await t.platform.db
      .selectFrom("store_stock")
      .select("stock")
      .where("store_id", "=", midtown)
      .where("entity_id", "=", "tiramisu")
      .executeTakeFirstOrThrow();
    expect(stock.stock).toBe(0);
    // The cached menu followed: nobody sees a stale "available".
    const menu = await t.caller().menu.getMenu({ storeId: midtown });
    expect(menu.items.find((i) => i.id === "tiramisu")!.available).toBe(false);
  });

  it("cancelling gives the stock and the promo back, in one transaction with the order.cancelled event", async () => {
    await t.caller(staff).store.setAvailability({
      storeId: midtown,
      entity: "item",
      entityId: "lava_cake",
      available: true,
      stock: 1,
    });
    const hooked: string[] = [];
    t.platform.services.orders.onCancelled.push(async ({ order }) => {
      hooked.push(order.orderId);
    });
    const me = await aCustomer(t);
    const order = await t
      .caller(me)
      .order.placeOrder(
        aCarryoutOrder(midtown, { items: [aPizza(), aSide("lava_cake", "", 1)], promoCode: "welcome10" }),
      );
    expect(order.promoCode).toBe("WELCOME10");
    expect(order.discount).toBeGreaterThan(0);
    expect(
      (await t.caller().menu.getMenu({ storeId: midtown })).items.find((i) => i.id === "lava_cake")!
        .available,
    ).toBe(false);
    const res = await t.caller(me).order.cancelOrder({ orderId: order.id, reason: "changed my mind" });
    expect(res).toMatchObject({ status: "cancelled", previousStatus: "placed", version: 2 });
    expect(hooked).toContain(order.id);
    expect(
      (await t.caller().menu.getMenu({ storeId: midtown })).items.find((i) => i.id === "lava_cake")!
        .available,
    ).toBe(true);
    const redemption = await t.platform.db
      .selectFrom("promo_redemptions")
      .select("released_at")
      .where("order_id", "=", order.id)
      .executeTakeFirstOrThrow();
    expect(redemption.released_at).not.toBeNull();
    expect((await outbox(order.id)).map((e) => e.topic)).toEqual([
      "order.placed",
      "order.status_changed",
      "order.cancelled",
    ]);
    // The code is usable again: the first order was cancelled.
    const check = await t
      .caller(me)
      .promo.check({ code: "WELCOME10", storeId: midtown, channel: "carryout", items: [aPizza()] });
    expect(check.applies).toBe(true);
  });

  it("redeems a code at most N times under concurrency (global usage limit)", async () => {
    await t.platform.db
      .insertInto("promo_codes")
      .values({ code: `RACE${backing.db.toUpperCase()}`, kind: "fixed", amount: 100, usage_limit: 3 })
      .execute();
    const buyers = await Promise.all(Array.from({ length: 12 }, () => aCustomer(t)));
    const results = await Promise.allSettled(
      buyers.map((b) =>
        t.caller(b).order.placeOrder(aCarryoutOrder(midtown, { promoCode: `race${backing.db}` })),
      ),
    );
    const ok = results.filter((r) => r.status === "fulfilled");
    expect(ok.length).toBe(3);
    for (const r of results)
      if (r.status === "rejected") expect((r.reason as TRPCError).message).toMatch(/used up/);
    const promo = await t.platform.db
      .selectFrom("promo_codes")
      .select(["id", "used_count"])
      .where("code", "=", `RACE${backing.db.toUpperCase()}`)
      .executeTakeFirstOrThrow();
    expect(promo.used_count).toBe(3);
    expect(
      await t.platform.db
        .selectFrom("promo_redemptions")
        .select("id")
        .where("promo_id", "=", promo.id)
        .execute(),
    ).toHaveLength(3);
  });

  it("lets exactly one of two concurrent transitions win; the other is refused", async () => {
    const me = await aCustomer(t);
    const order = await t.caller(me).order.placeOrder(aCarryoutOrder(midtown));
    const results = await Promise.allSettled([
      t.caller(staff).order.advance({ orderId: order.id, to: "preparing", expectedVersion: 1 }),
      t.caller(staff).order.advance({ orderId: order.id, to: "preparing", expectedVersion: 1 }),
      t.caller(admin).order.cancelOrder({ orderId: order.id, expectedVersion: 1 }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    for (const r of results) {
      if (r.status === "rejected")
        expect(["CONFLICT", "PRECONDITION_FAILED"]).toContain((r.reason as TRPCError).code);
    }
    const history = await t.platform.db
      .selectFrom("order_status_history")
      .select("to_status")
      .where("order_id", "=", order.id)
      .execute();
    expect(history).toHaveLength(2);
  });

  it("runs the kitchen stages in order and refuses backwards or skipping moves", async () => {
    const me = await aCustomer(t);
    const order = await t.caller(me).order.placeOrder(aCarryoutOrder(midtown));
    const skip = await failure(t.caller(staff).order.advance({ orderId: order.id, to: "ready" }));
    expect(skip.code).toBe("PRECONDITION_FAILED");
    expect(skip.message).toMatch(/placed cannot move to ready/);
    for (const to of ["preparing", "baking", "quality_check", "ready"] as const) {
      await t.caller(staff).order.advance({ orderId: order.id, to });
    }
    const back = await failure(t.caller(staff).order.advance({ orderId: order.id, to: "baking" }));
    expect(back.message).toMatch(/ready cannot move to baking/);
    const customerCancel = await failure(t.caller(me).order.cancelOrder({ orderId: order.id }));
    expect(customerCancel.code).toBe("FORBIDDEN");
    await t.caller(staff).order.advance({ orderId: order.id, to: "picked_up" });
    const track = await t.caller(me).order.trackOrder({ orderId: order.id });
    expect(track.status).toBe("picked_up");
    expect(track.version).toBe(6);
    expect(track.timeline.map((s) => s.status)).toEqual([
      "placed",
      "preparing",
      "baking",
      "quality_check",
      "ready",
      "picked_up",
    ]);
    expect(track.timeline.every((s) => s.reached && s.at)).toBe(true);
    expect(track.eta).toBe(track.timeline.at(-1)!.at);
    const topics = (await outbox(order.id)).map((e) => e.topic);
    expect(topics.filter((x) => x === "order.status_changed")).toHaveLength(5);
    expect(topics).toContain("order.ready");
  });

  it("changes an order before preparation (re-priced, recorded) and refuses after, saying why", async () => {
    const me = await aCustomer(t);
    const order = await t.caller(me).order.placeOrder(aCarryoutOrder(midtown));
    const changed = await t.caller(me).order.updateOrder({
      orderId: order.id,
      expectedVersion: 1,
      items: [aPizza(), aPizza({ itemId: "margherita", variant: "small", quantity: 2 })],
    });
    expect(changed.version).toBe(2);
    expect(changed.items).toHaveLength(2);
    expect(changed.subtotal).toBeGreaterThan(order.subtotal);
    const quote = await t.caller(me).order.quote({
      channel: "carryout",
      storeId: midtown,
      items: [aPizza(), aPizza({ itemId: "margherita", variant: "small", quantity: 2 })],
    });
    expect(changed.total).toBe(quote.total);
    expect((await outbox(order.id)).map((e) => e.topic)).toContain("order.updated");
    const stale = await failure(
      t.caller(me).order.updateOrder({ orderId: order.id, expectedVersion: 1, items: [aPizza()] }),
    );
    expect(stale.code).toBe("CONFLICT");
    await t.caller(staff).order.advance({ orderId: order.id, to: "preparing" });
    const late = await failure(t.caller(me).order.updateOrder({ orderId: order.id, items: [aPizza()] }));
    expect(late.code).toBe("PRECONDITION_FAILED");
    expect(late.message).toMatch(/kitchen has started on this order \(it is preparing\)/);
  });

  it("re-checks the promo when an order changes, dropping it with a note when it no longer applies", async () => {
    const me = await aCustomer(t);
    const order = await t
      .caller(me)
      .order.placeOrder(
        aCarryoutOrder(midtown, { items: [aPizza(), aPizza(), aPizza()], promoCode: "NYC5" }),
      );
    expect(order.discount).toBe(500);
    const changed = await t
      .caller(me)
      .order.updateOrder({ orderId: order.id, items: [aPizza({ variant: "small" })] });
    expect(changed.discount).toBe(0);
    expect(changed.promoCode).toBeNull();
    expect(changed.promoNote).toMatch(/needs an order of at least \$25\.00/);
  });

  it("shows a customer only their own orders and staff only their store's", async () => {
    const me = await aCustomer(t);
    const other = await aCustomer(t);
    const order = await t.caller(me).order.placeOrder(aCarryoutOrder(midtown));
    expect((await failure(t.caller(other).order.trackOrder({ orderId: order.id }))).code).toBe("NOT_FOUND");
    expect((await failure(t.caller(other).order.cancelOrder({ orderId: order.id }))).code).toBe("NOT_FOUND");
    const berlinStaff = await aStaff(t, "ber-mitte");
    expect((await failure(t.caller(berlinStaff).order.getOrder({ orderId: order.id }))).code).toBe(
      "NOT_FOUND",
    );
    expect(
      (await failure(t.caller(berlinStaff).order.advance({ orderId: order.id, to: "preparing" }))).code,
    ).toBe("NOT_FOUND");
    expect((await t.caller(staff).order.getOrder({ orderId: order.id })).id).toBe(order.id);
    const list = await t.caller(staff).order.storeOrders({ statuses: ["placed"] });
    expect(list.every((o) => o.storeId === midtown)).toBe(true);
    expect(list.some((o) => o.id === order.id)).toBe(true);
    expect((await failure(t.caller(berlinStaff).order.storeOrders({ storeId: midtown }))).code).toBe(
      "NOT_FOUND",
    );
    expect((await failure(t.caller(staff).order.placeOrder(aCarryoutOrder(midtown)))).code).toBe("FORBIDDEN");
    const theirs = await t.caller(other).order.history();
    expect(theirs.orders).toHaveLength(0);
  });

  it("lists history newest first and reorders at today's prices, dropping what is gone with a note", async () => {
    const me = await aCustomer(t);
    const first = await t.caller(me).order.placeOrder(
      aCarryoutOrder(midtown, {
        items: [
          aPizza(),
          { itemId: "chicken_wings", variant: "6pc", options: ["wing_sauce:bbq"] },
          aSide("cinnamon_sticks", "", 1),
        ],
      }),
    );
    const second = await t.caller(me).order.placeOrder(aCarryoutOrder(midtown));
    const history = await t.caller(me).order.history({ limit: 10 });
    expect(history.orders.map((o) => o.id)).toEqual([second.id, first.id]);
    expect(history.orders[1]!.items).toHaveLength(3);

    await t.caller(staff).store.setAvailability({
      storeId: midtown,
      entity: "item",
      entityId: "cinnamon_sticks",
      available: false,
    });
    await t.caller(admin).store.setPrice({
      regionCode: "us",
      entity: "item",
      entityId: "pepperoni",
      variant: "large",
      amount: 2222,
    });
    const again = await t.caller(me).order.reorder({ orderId: first.id });
    expect(again.items.map((i) => i.itemId)).toEqual(["pepperoni", "chicken_wings"]);
    expect(again.dropped).toEqual([
      expect.objectContaining({ itemId: "cinnamon_sticks", reason: expect.stringMatching(/out of stock/) }),
    ]);
    expect(again.note).toMatch(/Cinnamon Sticks is not available any more/);
    expect(again.lines[0]!.unitPrice).toBe(2222);
    const placed = await t
      .caller(me)
      .order.placeOrder(aCarryoutOrder(midtown, { items: again.items as never }));
    expect(placed.items[0]!.unitPrice).toBe(2222);
    await t.caller(staff).store.setAvailability({
      storeId: midtown,
      entity: "item",
      entityId: "cinnamon_sticks",
      available: true,
    });
  });

  it("refuses a delivery below the region's minimum and outside the zone with a clear answer", async () => {
    const me = await aCustomer(t);
    const small = await failure(
      t.caller(me).order.placeOrder(aDeliveryOrder(midtown, { items: [aSide("cola", "500ml", 1)] })),
    );
    expect(small.message).toMatch(/Delivery starts at \$10\.00/);
    const far = await failure(
      t.caller(me).order.placeOrder(aDeliveryOrder(undefined, {}, { lat: 41.5, lng: -74.5 })),
    );
    expect(far.code).toBe("PRECONDITION_FAILED");
    expect(far.message).toMatch(/We don't deliver there yet/);
  });
});

describe.each(backings)("kitchen capacity on $name", (backing) => {
  let t: TestPlatform;
  let store: string;
  let staff: AuthUser;
  beforeAll(async () => {
    t = await createTestPlatform(backing, { seed: true });
    store = await storeId(t, "ber-mitte");
    staff = await aStaff(t, "ber-mitte");
    await t.caller(staff).store.setKitchenCapacity({ storeId: store, capacity: 2 });
  });
  afterAll(async () => {
    await t?.close();
  });

  it("gives an honest later promise when the slot is full, and offers free slots for a full scheduled time", async () => {
    const me = await aCustomer(t);
    const item = { itemId: "margherita", variant: "medium" };
    const orders = [];
    for (let i = 0; i < 5; i++)
      orders.push(await t.caller(me).order.placeOrder(aCarryoutOrder(store, { items: [item] })));
    const slot = (o: { readyEstimateAt: string | null }) =>
      Math.floor(new Date(o.readyEstimateAt!).getTime() / 900_000);
    const bySlot = new Map<number, number>();
    for (const o of orders) bySlot.set(slot(o), (bySlot.get(slot(o)) ?? 0) + 1);
    expect([...bySlot.values()].every((n) => n <= 2)).toBe(true);
    expect(slot(orders[4]!)).toBeGreaterThanOrEqual(slot(orders[0]!) + 2);
    expect(new Date(orders[4]!.promisedAt).getTime()).toBeGreaterThan(
      new Date(orders[0]!.promisedAt).getTime(),
    );

    // Scheduled into a full slot: refused with the next free times.
    const full = orders[0]!.readyEstimateAt!;
    const later = new Date(Math.ceil((new Date(full).getTime() + 2 * 3600_000) / 900_000) * 900_000);
    await t
      .caller(me)
      .order.placeOrder(aCarryoutOrder(store, { items: [item], scheduledFor: later.toISOString() }));
    await t
      .caller(me)
      .order.placeOrder(aCarryoutOrder(store, { items: [item], scheduledFor: later.toISOString() }));
    const e = await failure(
      t
        .caller(me)
        .order.placeOrder(aCarryoutOrder(store, { items: [item], scheduledFor: later.toISOString() })),
    );
    expect(e.code).toBe("PRECONDITION_FAILED");
    expect(e.message).toMatch(/fully booked/);
    const details = (e.cause as { details?: { nextSlots?: string[] } }).details;
    expect(details?.nextSlots?.length).toBeGreaterThan(0);
    expect(new Date(details!.nextSlots![0]!).getTime()).toBeGreaterThan(later.getTime());
    const slots = await t.caller(me).order.slots({ storeId: store, from: later.toISOString() });
    expect(slots.times).not.toContain(later.toISOString());
  });

  it("a concurrent burst never overfills a slot", async () => {
    await t.caller(staff).store.setKitchenCapacity({ storeId: store, capacity: 3 });
    const buyers = await Promise.all(Array.from({ length: 9 }, () => aCustomer(t)));
    const placed = await Promise.all(
      buyers.map((b) =>
        t
          .caller(b)
          .order.placeOrder(aCarryoutOrder(store, { items: [{ itemId: "margherita", variant: "medium" }] })),
      ),
    );
    const rows = await t.platform.db
      .selectFrom("kitchen_slots")
      .select(["orders"])
      .where("store_id", "=", store)
      .execute();
    expect(rows.every((r) => r.orders <= 3)).toBe(true);
    expect(placed).toHaveLength(9);
  });
});
