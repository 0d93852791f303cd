// store.setStorePrice / storePrices: a store manager prices their store within the region's rule.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectCode } from "../../testing/assertions.ts";
import { aCustomer, anAdmin, aPizza, aStaff, storeId } from "../../testing/builders.ts";
import { backings, createTestPlatform, type TestPlatform } from "../../testing/harness.ts";
import type { AuthUser } from "../auth/tokens.ts";
import { managerPriceRange } from "./stores.service.ts";

describe("managerPriceRange", () => {
  it("is the list price ± the percentage, rounded inwards to whole minor units", () => {
    expect(managerPriceRange(1699, 20)).toEqual({ min: 1360, max: 2038 });
    expect(managerPriceRange(1000, 0)).toEqual({ min: 1000, max: 1000 });
    expect(managerPriceRange(1500, 100)).toEqual({ min: 0, max: 3000 });
  });
});

/** The seeded manager of a store (`manager.<slug>@pizza.example`). */
async function aManager(t: TestPlatform, slug: string): Promise<AuthUser> {
  const row = await t.platform.db
    .selectFrom("users")
    .select(["id", "name", "store_id", "staff_role"])
    .where("email", "=", `manager.${slug}@pizza.example`)
    .executeTakeFirstOrThrow();
  expect(row.staff_role).toBe("manager");
  return { id: row.id, role: "staff", storeId: row.store_id, name: row.name };
}

describe.each(backings)("store prices set by managers on $name", (backing) => {
  let t: TestPlatform;
  let midtown: string;
  let williamsburg: string;
  let manager: AuthUser;
  let crew: AuthUser;
  let otherManager: AuthUser;
  let customer: AuthUser;

  beforeAll(async () => {
    t = await createTestPlatform(backing, { seed: true });
    midtown = await storeId(t, "nyc-midtown");
    williamsburg = await storeId(t, "nyc-williamsburg");
    manager = await aManager(t, "nyc-midtown");
    otherManager = await aManager(t, "nyc-williamsburg");
    crew = await aStaff(t, "nyc-midtown");
    customer = await aCustomer(t);
  });
  afterAll(async () => {
    await t?.close();
  });

  const large = { entity: "item" as const, entityId: "pepperoni", variant: "large" };
  const menuPrice = async (store: string) =>
    (await t.caller().menu.getMenu({ storeId: store })).items
      .find((i) => i.id === "pepperoni")!
      .variants.find((v) => v.id === "large")!.price;
  const quote = async (store: string) =>
    (await t.caller(customer).order.quote({ channel: "carryout", storeId: store, items: [aPizza()] }))
      .subtotal;

  it("a manager's price within the range reaches the store's menu and quotes, not the region's other stores", async () => {
    const rules = await t.caller(manager).store.storePrices({ storeId: midtown });
    expect(rules).toMatchObject({ currency: "USD", maxChangePct: 20, canEdit: true });
    const row = rules.prices.find((p) => p.entityId === "pepperoni" && p.variant === "large")!;
    expect(row.storeAmount).toBeNull();
    const list = row.listAmount;
    expect(await menuPrice(midtown)).toBe(list);
    const listQuote = await quote(midtown); // warms the cache too: the change must invalidate it

    const higher = row.max; // the top of the range is allowed
    const set = await t.caller(manager).store.setStorePrice({ storeId: midtown, ...large, amount: higher });
    expect(set).toMatchObject({ listAmount: list, storeAmount: higher });
    expect(await menuPrice(midtown)).toBe(higher);
    expect(await quote(midtown)).toBe(listQuote + (higher - list));
    expect(await menuPrice(williamsburg)).toBe(list);
    expect(
      (await t.caller(manager).store.storePrices({ storeId: midtown })).prices.find(
        (p) => p.entityId === "pepperoni" && p.variant === "large",
      )!.storeAmount,
    ).toBe(higher);
    const event = await t.platform.db
      .selectFrom("outbox")
      .select("payload")
      .where("topic", "=", "menu.changed")
      .where("aggregate_id", "=", midtown)
      .orderBy("seq", "desc")
      .executeTakeFirstOrThrow();
    expect(event.payload).toMatchObject({
      storePrice: { entityId: "pepperoni", amount: higher },
      by: manager.id,
    });

    // Back to the region's price.
    await t.caller(manager).store.setStorePrice({ storeId: midtown, ...large, amount: null });
    expect(await menuPrice(midtown)).toBe(list);
    expect(await quote(midtown)).toBe(listQuote);
  });

  it("refuses out-of-range prices with the range in words, crew, other stores' managers and customers", async () => {
    const { prices } = await t.caller(manager).store.storePrices({ storeId: midtown });
    const row = prices.find((p) => p.entityId === "pepperoni" && p.variant === "large")!;
    const dollars = (n: number) => `$${(n / 100).toFixed(2)}`;
    await expectCode(
      t.caller(manager).store.setStorePrice({ storeId: midtown, ...large, amount: row.max + 1 }),
      "BAD_REQUEST",
      new RegExp(
        `may cost between \\${dollars(row.min)} and \\${dollars(row.max)} \\(the region's price \\${dollars(row.listAmount)} ± 20%\\)`,
      ),
    );
    await expectCode(
      t.caller(manager).store.setStorePrice({ storeId: midtown, ...large, amount: row.min - 1 }),
      "BAD_REQUEST",
      /may cost between/,
    );
    await expectCode(
      t.caller(crew).store.setStorePrice({ storeId: midtown, ...large, amount: row.listAmount }),
      "FORBIDDEN",
      /Only the store manager/,
    );
    expect((await t.caller(crew).store.storePrices({ storeId: midtown })).canEdit).toBe(false);
    await expectCode(
      t.caller(otherManager).store.setStorePrice({ storeId: midtown, ...large, amount: row.listAmount }),
      "NOT_FOUND",
      /could not find that store/,
    );
    await expectCode(
      t.caller(customer).store.setStorePrice({ storeId: midtown, ...large, amount: row.listAmount }),
      "FORBIDDEN",
    );
    await expectCode(
      t.caller(manager).store.setStorePrice({ storeId: midtown, ...large, entityId: "nope", amount: 100 }),
      "NOT_FOUND",
    );
    await expectCode(
      t.caller(manager).store.setStorePrice({ storeId: midtown, ...large, amount: 10.5 }),
      "BAD_REQUEST",
      /whole minor units/,
    );
    expect(await menuPrice(midtown)).toBe(row.listAmount);
    const stored = await t.platform.db
      .selectFrom("store_prices")
      .select("amount")
      .where("store_id", "=", midtown)
      .execute();
    expect(stored).toEqual([]);
  });

  it("admins may set a store's price outside the managers' range", async () => {
    const admin = await anAdmin(t);
    const set = await t.caller(admin).store.setStorePrice({ storeId: williamsburg, ...large, amount: 99 });
    expect(set.storeAmount).toBe(99);
    expect(await menuPrice(williamsburg)).toBe(99);
    await t.caller(admin).store.setStorePrice({ storeId: williamsburg, ...large, amount: null });
  });
});
