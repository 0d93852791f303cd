// Menu management in the store console against a real server and Chromium (issue 22): an admin opens the
// Menu tab, a mistake is said under its field and changes nothing, a new price is saved and the customer
// menu (the public menu API) shows it at once, a scheduled price is listed and waits for its moment, the
// history names who did it; a pizza's default toppings and a crust's sizes (builder rules) with a refusal
// under its list; crew and store managers see no Menu tab. Axe-clean throughout.
import { screenshot } from "@pizza/api/testing/browser";
import { describe, expect, it } from "vitest";
import { consoleUnderTest, expectAccessible, LONG } from "./support.ts";

const ui = consoleUnderTest({ KITCHEN_AUTOPILOT: "false", SIM_DRIVERS: "0", DISPATCH_TICK_MS: "0" });
const desktop = { viewport: { width: 1280, height: 900 } };

describe("store console: menu management", () => {
  it(
    "an admin changes a price and the customer menu shows it at once; a scheduled price waits; history says who",
    async () => {
      const { page, errors } = await ui.consolePage("admin@pizza.example", desktop);
      const midtown = (await ui.client().store.list.query({ regionCode: "us" })).find(
        (s) => s.slug === "nyc-midtown",
      )!;
      const customerPrice = async (variant: string) =>
        (await ui.client().menu.getMenu.query({ storeId: midtown.id, locale: "en" })).items
          .find((i) => i.id === "margherita")
          ?.variants.find((v) => v.id === variant)?.price;
      const before = await customerPrice("large");

      await page.getByRole("combobox", { name: "Store (admin)" }).selectOption(midtown.id);
      await page.getByRole("button", { name: "Menu", exact: true }).click();
      const list = page.getByRole("region", { name: "Menu (US)" });
      await list.getByRole("button", { name: "Edit Margherita" }).click();

      const price = page.getByRole("form", { name: "Price in US: Margherita" });
      await price.getByRole("combobox", { name: "Size / variant" }).selectOption("large");
      await price.getByRole("textbox", { name: /^New price/ }).fill("twelve");
      await price.getByRole("button", { name: "Save price" }).click();
      await price.getByText("Enter the price in USD").waitFor();
      expect(await customerPrice("large")).toBe(before);
      await expectAccessible(page, "the price form with a field error");

      await price.getByRole("textbox", { name: /^New price/ }).fill("19.87");
      await price.getByRole("button", { name: "Save price" }).click();
      await price.getByRole("status").filter({ hasText: "Price saved: $19.87" }).waitFor();
      expect(await customerPrice("large")).toBe(1987);
      await list
        .getByRole("table")
        .getByText(/large \$19\.87/)
        .waitFor();

      // From a moment next year: listed, and the customer still pays today's price.
      await price.getByRole("combobox", { name: "Size / variant" }).selectOption("medium");
      const mediumBefore = await customerPrice("medium");
      await price.getByRole("textbox", { name: /^New price/ }).fill("15.55");
      await price.getByLabel(/^From/).fill(`${new Date().getFullYear() + 1}-01-01T10:00`);
      await price.getByRole("button", { name: "Schedule price" }).click();
      await price.getByRole("status").filter({ hasText: "Scheduled $15.55" }).waitFor();
      await page
        .getByRole("list", { name: "Scheduled prices" })
        .getByText(/medium: \$15\.55/)
        .waitFor();
      expect(await customerPrice("medium")).toBe(mediumBefore);

      const history = page.getByTestId("menu-history");
      await history
        .getByText(/Ada Admin/)
        .first()
        .waitFor();
      await history.getByText(/price \(US\): .*→ \$19\.87 \(large\)/).waitFor();
      await history.getByText(/scheduled price \(US\): \$15\.55 \(medium\)/).waitFor();
      await expectAccessible(page, "the Menu tab after a price change");
      await screenshot(page, "store-console-menu-admin");
      expect(errors).toEqual([]);
    },
    LONG,
  );

  it(
    "an item's and a topping's names are edited; an empty German name is said under its field and changes nothing",
    async () => {
      const { page, errors } = await ui.consolePage("admin@pizza.example", desktop);
      await page.getByRole("button", { name: "Menu", exact: true }).click();
      const list = page.getByRole("region", { name: /^Menu \(/ });
      await list.getByRole("button", { name: "Edit Garlic Bread" }).click();
      const form = page.getByRole("form", { name: "Edit Garlic Bread" });
      const german = form.getByRole("textbox", { name: "Name in German" });
      const was = await german.inputValue();
      await german.fill("");
      await form.getByRole("button", { name: "Save item" }).click();
      await form.getByText("Enter the German name.").waitFor();
      await expectAccessible(page, "the item form with a field error");
      const menuDe = async () => {
        const stores = await ui.client().store.list.query({ regionCode: "de" });
        const menu = await ui.client().menu.getMenu.query({ storeId: stores[0]!.id, locale: "de" });
        return menu.items.find((i) => i.id === "garlic_bread")?.name;
      };
      expect(await menuDe()).toBe(was);

      await german.fill("Knoblauchbrot frisch");
      await form.getByRole("button", { name: "Save item" }).click();
      await form.getByRole("status").filter({ hasText: "Saved Garlic Bread" }).waitFor();
      expect(await menuDe()).toBe("Knoblauchbrot frisch");
      await page
        .getByTestId("menu-history")
        .getByText(/update: changed: names/)
        .waitFor();

      // A topping's names, from the toppings list.
      await list.getByRole("combobox", { name: "Show" }).selectOption("topping");
      await list.getByRole("button", { name: "Edit Arugula" }).click();
      const topping = page.getByRole("form", { name: "Edit Arugula" });
      await topping.getByRole("textbox", { name: "Name in German" }).fill("Rucola frisch");
      await topping.getByRole("button", { name: "Save" }).click();
      await topping.getByRole("status").filter({ hasText: "Saved Arugula" }).waitFor();
      const stores = await ui.client().store.list.query({ regionCode: "de" });
      const menu = await ui.client().menu.getMenu.query({ storeId: stores[0]!.id, locale: "de" });
      expect(menu.toppings.find((x) => x.id === "arugula")?.name).toBe("Rucola frisch");
      await expectAccessible(page, "the topping form");
      expect(errors).toEqual([]);
    },
    LONG,
  );

  it(
    "builder rules: a pizza gets a default topping the customer menu shows at once; a crust with no size is refused under its list; an option group takes at most one",
    async () => {
      const { page, errors } = await ui.consolePage("admin@pizza.example", desktop);
      const stores = await ui.client().store.list.query({ regionCode: "us" });
      const customerMenu = () => ui.client().menu.getMenu.query({ storeId: stores[0]!.id, locale: "en" });
      await page.getByRole("button", { name: "Menu", exact: true }).click();
      const list = page.getByRole("region", { name: /^Menu \(/ });
      await list.getByRole("button", { name: "Edit Margherita" }).click();
      const rules = page.getByRole("form", { name: "Builder rules" });
      await rules.getByRole("checkbox", { name: "Mushrooms" }).check();
      await rules.getByRole("button", { name: "Save builder rules" }).click();
      await rules.getByRole("status").filter({ hasText: "Saved the builder rules of Margherita" }).waitFor();
      const margherita = (await customerMenu()).items.find((i) => i.id === "margherita");
      expect(margherita?.defaults.toppings).toContain("mushrooms");
      await page
        .getByTestId("menu-history")
        .getByText(/default toppings/)
        .first()
        .waitFor();
      // Margherita off and back on in the region: the switch follows each save and says so.
      const availability = page.getByRole("region", { name: /^Availability in/ });
      const offered = availability.getByRole("checkbox", { name: "Offered in the region's stores" });
      await offered.click();
      await expect.poll(() => offered.isChecked()).toBe(false);
      await offered.click();
      await expect.poll(() => offered.isChecked()).toBe(true);
      await availability.getByRole("status").filter({ hasText: "Saved." }).waitFor();

      await list.getByRole("combobox", { name: "Show" }).selectOption("crust");
      await list.getByRole("button", { name: "Edit Deep Pan" }).click();
      const crust = page.getByRole("form", { name: "Builder rules" });
      // Another entry's forms start afresh: Margherita's availability note does not follow to the crust.
      await crust.getByRole("group", { name: "Sizes Deep Pan crust comes in" }).waitFor();
      expect(await availability.getByRole("status").count()).toBe(0);
      for (const box of await crust.getByRole("checkbox").all()) await box.uncheck();
      await crust.getByRole("button", { name: "Save builder rules" }).click();
      await crust.getByText(/Choose at least one size/).waitFor();
      expect(
        Object.keys((await customerMenu()).crusts.find((c) => c.id === "pan")?.prices ?? {}),
      ).not.toEqual([]);
      await expectAccessible(page, "the builder rules with a field error");

      // An item's option choices: more than the group has is refused under its field; one is saved.
      await list.getByRole("combobox", { name: "Show" }).selectOption("item");
      await list.getByRole("button", { name: "Edit Chicken Wings" }).click();
      const dips = page.getByRole("form", { name: /^Choices in wing_dip/ });
      await dips.getByRole("textbox", { name: "At most" }).fill("5");
      await dips.getByRole("button", { name: "Save choices" }).click();
      await dips.getByText(/This group has 2 options/).waitFor();
      await dips.getByRole("textbox", { name: "At most" }).fill("1");
      await dips.getByRole("button", { name: "Save choices" }).click();
      await dips.getByRole("status").filter({ hasText: "Saved" }).waitFor();
      const wings = (await customerMenu()).items.find((i) => i.id === "chicken_wings");
      expect(wings?.optionGroups.find((g) => g.id === "wing_dip")?.max).toBe(1);
      expect(errors).toEqual([]);
    },
    LONG,
  );

  it(
    "crew and store managers see no Menu tab, and the API refuses them",
    async () => {
      for (const email of ["staff.nyc-midtown@pizza.example", "manager.nyc-midtown@pizza.example"]) {
        const { page, api, errors } = await ui.consolePage(email, desktop);
        await page.getByRole("button", { name: "Kitchen" }).waitFor();
        expect(await page.getByRole("button", { name: "Menu", exact: true }).count()).toBe(0);
        await expect(api.menuAdmin.catalogue.query({ regionCode: "us" })).rejects.toThrow();
        expect(errors).toEqual([]);
      }
    },
    LONG,
  );
});
