// Head office's menu management (issue 22) on both backings: who may, what is refused (403, 400 naming
// the field and changing nothing, 404), new items with en/de/ja names, a price that shows on the
// customer's menu and quote at once, a scheduled price that shows from its moment with nobody acting
// (the test moves the clock, as other suites do), availability per region, and the history of it all.
import { randomUUID } from "node:crypto";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { expectCode, failure } from "../../testing/assertions.ts";
import { aCustomer, aManager, anAdmin, aStaff, storeId } from "../../testing/builders.ts";
import { backings, createTestPlatform, type TestPlatform } from "../../testing/harness.ts";
import type { AuthUser } from "../auth/tokens.ts";

const detailsOf = (e: { cause?: unknown }) => (e.cause as { details?: Record<string, unknown> }).details;
const fieldErrorsOf = (e: { cause?: unknown }) =>
  (e.cause as { issues?: { path: (string | number)[] }[] }).issues?.map((i) => i.path.join("."));

const anItem = (id: string, overrides: Record<string, unknown> = {}) => ({
  id,
  categoryId: "sides",
  kind: "side" as const,
  nameEn: "Cheesy bites",
  nameDe: "Käsehappen",
  nameJa: "チーズバイト",
  descriptionEn: "Bites of dough and cheese.",
  variants: [{ id: "6pc", nameEn: "6 pieces", nameDe: "6 Stück", nameJa: "6個" }],
  ...overrides,
});

describe.each(backings)("menu management by head office on $name", (backing) => {
  let t: TestPlatform;
  let admin: AuthUser;
  let midtown: string;
  let mitte: string;

  beforeAll(async () => {
    t = await createTestPlatform(backing, { seed: true });
    admin = await anAdmin(t);
    midtown = await storeId(t, "nyc-midtown");
    mitte = await storeId(t, "ber-mitte");
  });
  afterAll(async () => {
    await t?.close();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  const menuPrice = async (store: string, itemId: string, variant: string) =>
    (await t.caller().menu.getMenu({ storeId: store, locale: "en" })).items
      .find((i) => i.id === itemId)
      ?.variants.find((v) => v.id === variant)?.price;

  it("is for admins only: staff, a store manager and a customer are refused", async () => {
    const others = [await aStaff(t, "nyc-midtown"), await aManager(t, "nyc-midtown"), await aCustomer(t)];
    for (const who of others) {
      await expectCode(t.caller(who).menuAdmin.catalogue({ regionCode: "us" }), "FORBIDDEN");
      await expectCode(
        t.caller(who).menuAdmin.setPrice({
          regionCode: "us",
          entity: "item",
          entityId: "margherita",
          variant: "large",
          amount: 1,
        }),
        "FORBIDDEN",
      );
      await expectCode(
        t.caller(who).menuAdmin.createItem(anItem(`x_${randomUUID().slice(0, 6)}`)),
        "FORBIDDEN",
      );
    }
    await expectCode(t.caller().menuAdmin.catalogue({ regionCode: "us" }), "UNAUTHORIZED");
    expect(await menuPrice(midtown, "margherita", "large")).not.toBe(1);
  });

  it("refuses bad input with a sentence under its field and changes nothing", async () => {
    const before = await menuPrice(midtown, "margherita", "large");
    const price = { regionCode: "us", entity: "item" as const, entityId: "margherita", variant: "large" };
    const negative = await failure(t.caller(admin).menuAdmin.setPrice({ ...price, amount: -5 }));
    expect(negative.code).toBe("BAD_REQUEST");
    expect(negative.message).toMatch(/amount: A price cannot be negative/);
    expect(fieldErrorsOf(negative)).toEqual(["amount"]);
    const fraction = await failure(t.caller(admin).menuAdmin.setPrice({ ...price, amount: 12.5 }));
    expect(fraction.message).toMatch(/whole number of minor units/);
    const size = await failure(
      t.caller(admin).menuAdmin.setPrice({ ...price, variant: "huge", amount: 1500 }),
    );
    expect([size.code, detailsOf(size)]).toEqual(["BAD_REQUEST", { field: "variant" }]);
    expect(size.message).toMatch(/Choose one of: small, medium, large, xl/);
    const past = await failure(
      t.caller(admin).menuAdmin.setPrice({ ...price, amount: 1500, from: "2020-01-01T00:00:00Z" }),
    );
    expect([past.code, detailsOf(past)]).toEqual(["BAD_REQUEST", { field: "from" }]);
    const region = await failure(
      t.caller(admin).menuAdmin.setPrice({ ...price, regionCode: "zz", amount: 1500 }),
    );
    expect([region.code, detailsOf(region), region.message]).toEqual([
      "BAD_REQUEST",
      { field: "regionCode" },
      'There is no region "zz".',
    ]);
    const names = await failure(
      t.caller(admin).menuAdmin.createItem(anItem("nameless", { nameDe: " ", nameJa: undefined })),
    );
    expect(names.code).toBe("BAD_REQUEST");
    expect(fieldErrorsOf(names)).toEqual(["nameDe", "nameJa"]);
    expect(names.message).toMatch(/nameDe: Enter the German name\. nameJa: Enter the Japanese name\./);
    const category = await failure(
      t.caller(admin).menuAdmin.createItem(anItem("no_category", { categoryId: "soups" })),
    );
    expect([category.code, detailsOf(category)]).toEqual(["BAD_REQUEST", { field: "categoryId" }]);
    const duplicate = await failure(t.caller(admin).menuAdmin.createItem(anItem("margherita")));
    expect([duplicate.code, detailsOf(duplicate)]).toEqual(["CONFLICT", { field: "id" }]);

    expect(await menuPrice(midtown, "margherita", "large")).toBe(before);
    const written = await t.platform.db
      .selectFrom("menu_items")
      .select("id")
      .where("id", "in", ["nameless", "no_category"])
      .execute();
    expect(written).toEqual([]);
  });

  it("answers NOT_FOUND for an item, topping or history the menu does not have", async () => {
    await expectCode(
      t.caller(admin).menuAdmin.updateItem(anItem("no_such_item")),
      "NOT_FOUND",
      /There is no menu item "no_such_item"/,
    );
    await expectCode(
      t.caller(admin).menuAdmin.setPrice({
        regionCode: "us",
        entity: "item",
        entityId: "no_such_item",
        variant: "",
        amount: 100,
      }),
      "NOT_FOUND",
    );
    await expectCode(
      t.caller(admin).menuAdmin.setAvailability({
        regionCode: "us",
        entity: "topping",
        entityId: "no_such",
        available: false,
      }),
      "NOT_FOUND",
    );
    await expectCode(
      t.caller(admin).menuAdmin.history({ entity: "item", entityId: "no_such_item" }),
      "NOT_FOUND",
    );
  });

  it("shows a new price on the customer's menu and in the quote at once, and keeps who changed it", async () => {
    const customer = await aCustomer(t);
    const quote = () =>
      t.caller(customer).order.quote({
        channel: "carryout",
        storeId: midtown,
        tip: 0,
        items: [{ itemId: "margherita", variant: "medium", quantity: 1 }],
      });
    const was = (await menuPrice(midtown, "margherita", "medium"))!;
    expect((await quote()).subtotal).toBe(was); // the menu and the quote are warm in the cache now
    await t.caller(admin).menuAdmin.setPrice({
      regionCode: "us",
      entity: "item",
      entityId: "margherita",
      variant: "medium",
      amount: was + 111,
    });
    expect(await menuPrice(midtown, "margherita", "medium")).toBe(was + 111);
    expect((await quote()).subtotal).toBe(was + 111);
    // Another region keeps its own price.
    expect(await menuPrice(mitte, "margherita", "medium")).not.toBe(was + 111);
    const history = await t.caller(admin).menuAdmin.history({ entity: "item", entityId: "margherita" });
    expect(history[0]).toMatchObject({
      action: "price",
      regionCode: "us",
      changedBy: admin.id,
      changedByName: admin.name,
      before: { variant: "medium", amount: was },
      after: { variant: "medium", amount: was + 111 },
    });
  });

  it("shows a scheduled price from its moment on, with nobody acting", async () => {
    const was = (await menuPrice(midtown, "pepperoni", "small"))!;
    const from = new Date(Date.now() + 3600_000);
    const set = await t.caller(admin).menuAdmin.setPrice({
      regionCode: "us",
      entity: "item",
      entityId: "pepperoni",
      variant: "small",
      amount: was + 200,
      from: from.toISOString(),
    });
    expect(set).toEqual({ amount: was + 200, before: was, from: from.toISOString() });
    expect(await menuPrice(midtown, "pepperoni", "small")).toBe(was);
    const entry = (await t.caller(admin).menuAdmin.catalogue({ regionCode: "us" })).entries.find(
      (e) => e.entity === "item" && e.id === "pepperoni",
    );
    expect(entry?.prices.small).toBe(was);
    expect(entry?.scheduled).toEqual([
      { id: expect.any(String), variant: "small", amount: was + 200, from: from.toISOString() },
    ]);

    // The clock passes the moment (timers stay real, so the database and Redis behave as usual).
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(from.getTime() - 1000);
    expect(await menuPrice(midtown, "pepperoni", "small")).toBe(was);
    vi.setSystemTime(from.getTime() + 1000);
    expect(await menuPrice(midtown, "pepperoni", "small")).toBe(was + 200);
    const customer = await aCustomer(t);
    const quoted = await t.caller(customer).order.quote({
      channel: "carryout",
      storeId: midtown,
      tip: 0,
      items: [{ itemId: "pepperoni", variant: "small", quantity: 1 }],
    });
    expect(quoted.subtotal).toBe(was + 200);
    // A price set now afterwards replaces the one that came due.
    await t.caller(admin).menuAdmin.setPrice({
      regionCode: "us",
      entity: "item",
      entityId: "pepperoni",
      variant: "small",
      amount: was + 50,
    });
    expect(await menuPrice(midtown, "pepperoni", "small")).toBe(was + 50);
    const history = await t.caller(admin).menuAdmin.history({ entity: "item", entityId: "pepperoni" });
    expect(history.map((h) => h.action).slice(0, 2)).toEqual(["price", "scheduled price"]);
  });

  it("creates an item with en/de/ja names, sells it where it is priced, switches it per region", async () => {
    const id = `bites_${backing.db}`;
    await t.caller(admin).menuAdmin.createItem(anItem(id));
    expect(
      (await t.caller().menu.getMenu({ storeId: mitte, locale: "de" })).items.some((i) => i.id === id),
    ).toBe(false);
    await t
      .caller(admin)
      .menuAdmin.setPrice({ regionCode: "de", entity: "item", entityId: id, variant: "6pc", amount: 450 });
    const german = (await t.caller().menu.getMenu({ storeId: mitte, locale: "de" })).items.find(
      (i) => i.id === id,
    );
    expect(german).toMatchObject({
      name: "Käsehappen",
      variants: [{ id: "6pc", name: "6 Stück", price: 450 }],
    });

    await t.caller(admin).menuAdmin.updateItem(anItem(id, { nameJa: "チーズバイツ", nameDe: "Käsebissen" }));
    expect(
      (await t.caller().menu.getMenu({ storeId: mitte, locale: "de" })).items.find((i) => i.id === id)?.name,
    ).toBe("Käsebissen");
    await t
      .caller(admin)
      .menuAdmin.setAvailability({ regionCode: "de", entity: "item", entityId: id, available: false });
    expect(
      (await t.caller().menu.getMenu({ storeId: mitte, locale: "de" })).items.some((i) => i.id === id),
    ).toBe(false);
    await t
      .caller(admin)
      .menuAdmin.setAvailability({ regionCode: "de", entity: "item", entityId: id, available: true });
    expect(
      (await t.caller().menu.getMenu({ storeId: mitte, locale: "de" })).items.some((i) => i.id === id),
    ).toBe(true);

    const history = await t.caller(admin).menuAdmin.history({ entity: "item", entityId: id });
    expect(history.map((h) => h.action)).toEqual([
      "availability",
      "availability",
      "update",
      "price",
      "create",
    ]);
    expect(history[2]).toMatchObject({
      before: { names: { de: "Käsehappen", ja: "チーズバイト" } },
      after: { names: { de: "Käsebissen", ja: "チーズバイツ" } },
    });
  });

  it("adds a topping with its names and prices per size, switched off in one region only", async () => {
    const id = `truffle_${backing.db}`;
    await t.caller(admin).menuAdmin.createIngredient({
      entity: "topping",
      id,
      nameEn: "Truffle",
      nameDe: "Trüffel",
      nameJa: "トリュフ",
      toppingKind: "veggie",
      premium: true,
    });
    for (const variant of ["small", "medium", "large", "xl"])
      await t
        .caller(admin)
        .menuAdmin.setPrice({ regionCode: "us", entity: "topping", entityId: id, variant, amount: 300 });
    const topping = (await t.caller().menu.getMenu({ storeId: midtown, locale: "ja" })).toppings.find(
      (x) => x.id === id,
    );
    expect(topping).toMatchObject({
      name: "トリュフ",
      premium: true,
      available: true,
      prices: { small: 300, xl: 300 },
    });
    await t
      .caller(admin)
      .menuAdmin.setAvailability({ regionCode: "us", entity: "topping", entityId: id, available: false });
    const off = (await t.caller().menu.getMenu({ storeId: midtown, locale: "en" })).toppings.find(
      (x) => x.id === id,
    );
    expect(off?.available).toBe(false);
    expect(
      (await t.caller().menu.getMenu({ storeId: mitte, locale: "en" })).toppings.find((x) => x.id === id)
        ?.available,
    ).toBe(true);
  });
});
