import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { failure } from "../../testing/assertions.ts";
import {
  aCarryoutOrder,
  aCustomer,
  aDeliveryOrder,
  anAdmin,
  aPizza,
  aStaff,
  NEAR,
  storeId,
} from "../../testing/builders.ts";
import { backings, createTestPlatform, type TestPlatform } from "../../testing/harness.ts";
import type { AuthUser } from "../auth/tokens.ts";

describe.each(backings)("menu and store controls on $name", (backing) => {
  let t: TestPlatform;
  let midtown: string;
  let mitte: string;
  let staff: AuthUser;

  beforeAll(async () => {
    t = await createTestPlatform(backing, { seed: true });
    midtown = await storeId(t, "nyc-midtown");
    mitte = await storeId(t, "ber-mitte");
    staff = await aStaff(t, "nyc-midtown");
  });
  afterAll(async () => {
    await t?.close();
  });

  it("serves a store's live menu in the caller's locale and the region's currency", async () => {
    const menu = await t.caller().menu.getMenu({ storeId: mitte, locale: "de-DE" });
    expect(menu.locale).toBe("de");
    expect(menu.region).toMatchObject({ currency: "EUR", currencyDigits: 2, taxMode: "inclusive" });
    expect(menu.store).toMatchObject({ id: mitte, openNow: true, timezone: "Europe/Berlin" });
    const hawaii = menu.items.find((i) => i.id === "hawaiian")!;
    expect(hawaii).toMatchObject({ name: "Hawaii", available: true, rating: null, kind: "pizza" });
    expect(hawaii.variants.map((v) => v.id)).toEqual(["small", "medium", "large", "xl"]);
    expect(Object.keys(menu.crusts.find((c) => c.id === "stuffed")!.prices)).toEqual(["large", "xl"]);
    expect(menu.toppings.find((x) => x.id === "arugula")).toMatchObject({ name: "Rucola", premium: true });
    expect(menu.categories.map((c) => c.name)).toContain("Getränke");
    const wings = menu.items.find((i) => i.id === "chicken_wings")!;
    expect(wings.optionGroups.map((g) => [g.id, g.min, g.max])).toEqual([
      ["wing_sauce", 1, 1],
      ["wing_dip", 0, 2],
    ]);
  });

  it("finds the store from a delivery location, and says clearly when nobody delivers there", async () => {
    const menu = await t.caller().menu.getMenu({ location: NEAR["nyc-midtown"], locale: "en" });
    expect(menu.store.id).toBe(midtown);
    // Just outside Manhattan's zones (Jersey City): New York's stores, close enough to pick up from.
    const e = await failure(t.caller().menu.getMenu({ location: { lat: 40.7282, lng: -74.0776 } }));
    expect(e.code).toBe("PRECONDITION_FAILED");
    expect(e.message).toMatch(/We don't deliver there yet\. You can still order for carryout/);
    const offers = (e.cause as { details?: { carryoutStores?: { distanceKm: number }[] } }).details
      ?.carryoutStores;
    expect(offers?.length).toBeGreaterThan(0);
    for (const o of offers ?? []) expect(o.distanceKm).toBeLessThanOrEqual(30);
    // Paris: no store of ours is a carryout offer (Berlin is 880 km away).
    const paris = await failure(t.caller().menu.getMenu({ location: { lat: 48.85, lng: 2.35 } }));
    expect(paris.message).toBe(
      "We don't deliver there yet, and none of our stores is near enough for carryout.",
    );
    const found = await t.caller().store.findForDelivery(NEAR["ber-mitte"]);
    expect(found.id).toBe(mitte);
  });

  it("never serves a stale 'available' after staff mark a topping out of stock, and back", async () => {
    const first = await t.caller().menu.getMenu({ storeId: midtown });
    const again = await t.caller().menu.getMenu({ storeId: midtown });
    expect(again.generatedAt).toBe(first.generatedAt); // served from the cache
    expect(first.toppings.find((x) => x.id === "mushrooms")!.available).toBe(true);

    await t.caller(staff).store.setAvailability({
      storeId: midtown,
      entity: "topping",
      entityId: "mushrooms",
      available: false,
    });
    const after = await t.caller().menu.getMenu({ storeId: midtown });
    expect(after.toppings.find((x) => x.id === "mushrooms")!.available).toBe(false);
    const me = await aCustomer(t);
    const e = await failure(
      t.caller(me).order.placeOrder(
        aCarryoutOrder(midtown, {
          items: [aPizza({ toppings: [{ id: "mushrooms", placement: "left", portion: "normal" }] })],
        }),
      ),
    );
    expect(e.code).toBe("CONFLICT");
    expect(e.message).toMatch(/Mushrooms is out of stock/);

    await t
      .caller(staff)
      .store.setAvailability({ storeId: midtown, entity: "topping", entityId: "mushrooms", available: true });
    expect(
      (await t.caller().menu.getMenu({ storeId: midtown })).toppings.find((x) => x.id === "mushrooms")!
        .available,
    ).toBe(true);
  });

  it("shows a new price at once after an admin changes it", async () => {
    const admin = await anAdmin(t);
    await t.caller().menu.getMenu({ storeId: midtown });
    await t.caller(admin).store.setPrice({
      regionCode: "us",
      entity: "topping",
      entityId: "onions",
      variant: "large",
      amount: 275,
    });
    const menu = await t.caller().menu.getMenu({ storeId: midtown });
    expect(menu.toppings.find((x) => x.id === "onions")!.prices.large).toBe(275);
    expect(
      (
        await failure(
          t.caller(staff).store.setPrice({
            regionCode: "us",
            entity: "item",
            entityId: "cola",
            variant: "500ml",
            amount: 1,
          }),
        )
      ).code,
    ).toBe("FORBIDDEN");
  });

  it("lets only the store's own staff control it", async () => {
    const berlin = await aStaff(t, "ber-mitte");
    const me = await aCustomer(t);
    expect(
      (
        await failure(
          t
            .caller(berlin)
            .store.setAvailability({ storeId: midtown, entity: "item", entityId: "cola", available: false }),
        )
      ).code,
    ).toBe("NOT_FOUND");
    expect(
      (await failure(t.caller(me).store.setDeliveryPaused({ storeId: midtown, paused: true }))).code,
    ).toBe("FORBIDDEN");
    expect(
      (
        await failure(
          t.caller(staff).store.setAvailability({
            storeId: midtown,
            entity: "item",
            entityId: "unicorn",
            available: false,
          }),
        )
      ).message,
    ).toMatch(/no item "unicorn"/);
  });

  it("closes a store and pauses its delivery; orders are refused with the reason, carryout still works while delivery is paused", async () => {
    const me = await aCustomer(t);
    await t.caller(staff).store.setDeliveryPaused({ storeId: midtown, paused: true });
    const paused = await failure(t.caller(me).order.placeOrder(aDeliveryOrder(midtown)));
    expect(paused.message).toMatch(/paused delivery/);
    await t.caller(me).order.placeOrder(aCarryoutOrder(midtown));
    await t.caller(staff).store.setDeliveryPaused({ storeId: midtown, paused: false });

    await t.caller(staff).store.setAcceptingOrders({ storeId: midtown, accepting: false });
    expect((await t.caller().menu.getMenu({ storeId: midtown })).store.openNow).toBe(false);
    const closed = await failure(t.caller(me).order.placeOrder(aCarryoutOrder(midtown)));
    expect(closed.message).toMatch(/not taking orders/);
    await t.caller(staff).store.setAcceptingOrders({ storeId: midtown, accepting: true });
    expect((await t.caller().menu.getMenu({ storeId: midtown })).store.openNow).toBe(true);
  });
});
