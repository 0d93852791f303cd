// Issue 22, "their builder rules", on both backings: an admin changes the toppings a pizza comes with,
// the sizes a crust comes in and how many options of a group a customer picks; the customer's menu and
// the pizza builder's quote follow at once (both warm in the cache before), each change has its history
// row, and every refusal (403, 400 under its field, 404) changes nothing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectCode, failure } from "../../testing/assertions.ts";
import { aCustomer, aManager, anAdmin, storeId } from "../../testing/builders.ts";
import { backings, createTestPlatform, type TestPlatform } from "../../testing/harness.ts";
import type { AuthUser } from "../auth/tokens.ts";

const detailsOf = (e: { cause?: unknown }) => (e.cause as { details?: Record<string, unknown> }).details;
const fieldErrorsOf = (e: { cause?: unknown }) =>
  (e.cause as { issues?: { path: (string | number)[] }[] }).issues?.map((i) => i.path.join("."));

describe.each(backings)("builder rules kept by head office on $name", (backing) => {
  let t: TestPlatform;
  let admin: AuthUser;
  let customer: AuthUser;
  let midtown: string;

  beforeAll(async () => {
    t = await createTestPlatform(backing, { seed: true });
    admin = await anAdmin(t);
    customer = await aCustomer(t);
    midtown = await storeId(t, "nyc-midtown");
  });
  afterAll(async () => {
    await t?.close();
  });

  const menu = () => t.caller().menu.getMenu({ storeId: midtown, locale: "en" });
  const quote = (line: Record<string, unknown>) =>
    t.caller(customer).order.quote({
      channel: "carryout",
      storeId: midtown,
      tip: 0,
      items: [{ quantity: 1, ...line } as never],
    });
  const rules = () => t.caller(admin).menuAdmin.builderRules();

  it("is for admins only, and refuses bad input under its field, changing nothing", async () => {
    const before = await rules();
    const manager = await aManager(t, "nyc-midtown");
    await expectCode(
      t.caller(manager).menuAdmin.setDefaultToppings({ itemId: "margherita", toppings: [] }),
      "FORBIDDEN",
    );
    await expectCode(
      t.caller(customer).menuAdmin.setCrustSizes({ crustId: "pan", sizes: ["small"] }),
      "FORBIDDEN",
    );
    const api = t.caller(admin).menuAdmin;
    // Thunks, so each call starts only when its refusal is awaited.
    const refusals: [() => Promise<unknown>, string][] = [
      [() => api.setDefaultToppings({ itemId: "margherita", toppings: ["tomatoes", "no_such"] }), "toppings"],
      [
        () => api.setDefaultToppings({ itemId: "margherita", toppings: ["tomatoes", "tomatoes"] }),
        "toppings",
      ],
      [() => api.setDefaultToppings({ itemId: "chicken_wings", toppings: ["tomatoes"] }), "itemId"],
      [
        () =>
          api.setDefaultToppings({
            itemId: "margherita",
            toppings: [
              "tomatoes",
              "mushrooms",
              "onions",
              "green_peppers",
              "black_olives",
              "pepperoni",
              "ham",
            ],
          }),
        "toppings",
      ],
      [() => api.setCrustSizes({ crustId: "pan", sizes: ["small", "giant"] }), "sizes"],
      [() => api.setOptionGroupRules({ groupId: "wing_dip", min: 2, max: 1 }), "min"],
      [() => api.setOptionGroupRules({ groupId: "wing_dip", min: 0, max: 3 }), "max"],
    ];
    for (const [call, field] of refusals) {
      const e = await failure(call());
      expect(e.code).toBe("BAD_REQUEST");
      expect(detailsOf(e)?.field).toBe(field);
      expect(e.message.length).toBeGreaterThan(10);
    }
    const empty = await failure(api.setCrustSizes({ crustId: "pan", sizes: [] }));
    expect(empty.code).toBe("BAD_REQUEST");
    expect(fieldErrorsOf(empty)).toContain("sizes");
    const negative = await failure(api.setOptionGroupRules({ groupId: "wing_dip", min: -1, max: 1 }));
    expect(fieldErrorsOf(negative)).toContain("min");
    await expectCode(api.setDefaultToppings({ itemId: "no_such_pizza", toppings: [] }), "NOT_FOUND");
    await expectCode(api.setCrustSizes({ crustId: "no_such_crust", sizes: ["small"] }), "NOT_FOUND");
    await expectCode(api.setOptionGroupRules({ groupId: "no_such_group", min: 0, max: 1 }), "NOT_FOUND");
    expect(await rules()).toEqual(before);
    expect(await api.history({ entity: "item", entityId: "margherita" })).toEqual([]);
    expect(await api.history({ entity: "crust", entityId: "pan" })).toEqual([]);
  });

  it("gives a pizza new default toppings on the menu and in the quote at once, with its history", async () => {
    const plain = await quote({ itemId: "margherita", variant: "medium" });
    const withMushrooms = {
      itemId: "margherita",
      variant: "medium",
      toppings: [{ id: "tomatoes" }, { id: "mushrooms" }],
    };
    const extra = (await quote(withMushrooms)).subtotal;
    expect(extra).toBeGreaterThan(plain.subtotal); // mushrooms are charged while they are an extra
    expect((await menu()).items.find((i) => i.id === "margherita")?.defaults.toppings).toEqual(["tomatoes"]);

    expect(
      await t
        .caller(admin)
        .menuAdmin.setDefaultToppings({ itemId: "margherita", toppings: ["tomatoes", "mushrooms"] }),
    ).toEqual({ changed: true });
    expect((await menu()).items.find((i) => i.id === "margherita")?.defaults.toppings).toEqual([
      "tomatoes",
      "mushrooms",
    ]);
    expect((await quote(withMushrooms)).subtotal).toBe(plain.subtotal); // now they come with it
    const history = await t.caller(admin).menuAdmin.history({ entity: "item", entityId: "margherita" });
    expect(history[0]).toMatchObject({
      action: "default toppings",
      changedBy: admin.id,
      before: { toppings: ["tomatoes"] },
      after: { toppings: ["tomatoes", "mushrooms"] },
    });
    // The same again changes nothing and records nothing.
    expect(
      await t
        .caller(admin)
        .menuAdmin.setDefaultToppings({ itemId: "margherita", toppings: ["tomatoes", "mushrooms"] }),
    ).toEqual({ changed: false });
    expect(await t.caller(admin).menuAdmin.history({ entity: "item", entityId: "margherita" })).toHaveLength(
      1,
    );
  });

  it("takes a size from a crust: the builder refuses it at once, and gives it back", async () => {
    const smallPan = { itemId: "margherita", variant: "small", crust: "pan" };
    expect((await quote(smallPan)).subtotal).toBeGreaterThan(0);
    expect((await menu()).crusts.find((c) => c.id === "pan")?.prices.small).toBeDefined();

    await t.caller(admin).menuAdmin.setCrustSizes({ crustId: "pan", sizes: ["large", "medium"] });
    expect((await menu()).crusts.find((c) => c.id === "pan")?.prices.small).toBeUndefined();
    const refused = await failure(quote(smallPan));
    expect(refused.code).toBe("BAD_REQUEST");
    expect(refused.message).toMatch(/does not come in/);
    expect((await rules()).crusts.find((c) => c.id === "pan")?.sizes).toEqual(["medium", "large"]);
    expect((await t.caller(admin).menuAdmin.history({ entity: "crust", entityId: "pan" }))[0]).toMatchObject({
      action: "sizes",
      before: { sizes: ["small", "medium", "large"] },
      after: { sizes: ["medium", "large"] },
    });

    await t.caller(admin).menuAdmin.setCrustSizes({ crustId: "pan", sizes: ["small", "medium", "large"] });
    expect((await quote(smallPan)).subtotal).toBeGreaterThan(0);
  });

  it("changes how many options of a group a customer picks, and the quote follows", async () => {
    const twoDips = {
      itemId: "chicken_wings",
      variant: "6pc",
      options: ["wing_sauce:bbq", "wing_dip:ranch", "wing_dip:blue_cheese"],
    };
    expect((await quote(twoDips)).subtotal).toBeGreaterThan(0);
    await t.caller(admin).menuAdmin.setOptionGroupRules({ groupId: "wing_dip", min: 0, max: 1 });
    const wings = (await menu()).items.find((i) => i.id === "chicken_wings");
    expect(wings?.optionGroups.find((g) => g.id === "wing_dip")).toMatchObject({ min: 0, max: 1 });
    expect((await failure(quote(twoDips))).code).toBe("BAD_REQUEST");
    expect((await rules()).optionGroups.find((g) => g.id === "wing_dip")).toEqual({
      id: "wing_dip",
      itemId: "chicken_wings",
      min: 0,
      max: 1,
      options: 2,
    });
    expect(
      (await t.caller(admin).menuAdmin.history({ entity: "item", entityId: "chicken_wings" }))[0],
    ).toMatchObject({
      action: "option rules",
      before: { group: "wing_dip", min: 0, max: 2 },
      after: { group: "wing_dip", min: 0, max: 1 },
    });
  });

  it("serialises two admins changing one crust at once: the second history row starts where the first ended", async () => {
    const other = await anAdmin(t);
    await Promise.all([
      t.caller(admin).menuAdmin.setCrustSizes({ crustId: "thin", sizes: ["medium", "large"] }),
      t.caller(other).menuAdmin.setCrustSizes({ crustId: "thin", sizes: ["large", "xl"] }),
    ]);
    // Rows are ordered by transaction start, so find the one that ran second by what it saw.
    const rows = await t.caller(admin).menuAdmin.history({ entity: "crust", entityId: "thin" });
    expect(rows).toHaveLength(2);
    const second = rows.find((r) =>
      rows.some((o) => o !== r && JSON.stringify(o.after) === JSON.stringify(r.before)),
    );
    expect(second).toBeDefined();
    expect((await rules()).crusts.find((c) => c.id === "thin")?.sizes).toEqual(
      (second!.after as { sizes: string[] }).sizes,
    );
  });
});
