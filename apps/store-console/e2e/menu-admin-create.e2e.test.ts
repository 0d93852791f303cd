// The Menu tab's new toppings and its cheese and option prices against a real server and Chromium
// (issue 22): a new topping's refusals under their fields, then the topping created, chosen, priced and
// on the customer menu (the public menu API) priced and available; a cheese level priced with a mistake
// said under its field; a scheduled price cancelled before its moment; a new drink with a variant (a bad
// variant id said under the variants), priced and on the customer menu. Axe-clean, desktop and phone.
import { describe, expect, it } from "vitest";
import { consoleUnderTest, expectAccessible, LONG } from "./support.ts";

const ui = consoleUnderTest({ KITCHEN_AUTOPILOT: "false", SIM_DRIVERS: "0", DISPATCH_TICK_MS: "0" });
const desktop = { viewport: { width: 1280, height: 900 } };
const phone = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };

const midtownId = async () =>
  (await ui.client().store.list.query({ regionCode: "us" })).find((s) => s.slug === "nyc-midtown")!.id;
const customerMenu = async () => ui.client().menu.getMenu.query({ storeId: await midtownId(), locale: "en" });

describe("store console: new toppings, cheese and option prices", () => {
  it(
    "an admin creates a topping (refusals under their fields first), prices it, and customers see it",
    async () => {
      const { page, errors } = await ui.consolePage("admin@pizza.example", desktop);
      await page.getByRole("combobox", { name: "Store (admin)" }).selectOption(await midtownId());
      await page.getByRole("button", { name: "Menu", exact: true }).click();
      const list = page.getByRole("region", { name: "Menu (US)" });
      await list.getByRole("combobox", { name: "Show" }).selectOption("topping");
      await list.getByRole("button", { name: "New topping" }).click();

      const form = page.getByRole("form", { name: "New topping" });
      await form.getByRole("textbox", { name: /^Id/ }).fill("Smoked Ham");
      await form.getByRole("button", { name: "Save" }).click();
      await form.getByText("An id is 2 to 40 lower-case letters, digits and underscores.").waitFor();
      await form.getByText("Enter the English name.").waitFor();
      await expectAccessible(page, "the new topping form with field errors");
      expect((await customerMenu()).toppings.map((t) => t.name)).not.toContain("Smoked Ham");

      const id = `smoked_ham_${Date.now().toString(36)}`;
      await form.getByRole("textbox", { name: /^Id/ }).fill(id);
      await form.getByRole("textbox", { name: "Name in English" }).fill("Smoked Ham");
      await form.getByRole("textbox", { name: "Name in German" }).fill("Räucherschinken");
      await form.getByRole("textbox", { name: "Name in Japanese" }).fill("スモークハム");
      await form.getByRole("combobox", { name: "Kind of topping" }).selectOption("meat");
      await form.getByRole("button", { name: "Save" }).click();

      // Saved and chosen: its own edit form and price form show.
      await page.getByRole("form", { name: "Edit Smoked Ham" }).waitFor();
      const price = page.getByRole("form", { name: "Price in US: Smoked Ham" });
      await price.getByRole("combobox", { name: "Size / variant" }).selectOption("medium");
      await price.getByRole("textbox", { name: /^New price/ }).fill("1.75");
      await price.getByRole("button", { name: "Save price" }).click();
      await price.getByRole("status").filter({ hasText: "Price saved: $1.75" }).waitFor();
      const topping = (await customerMenu()).toppings.find((t) => t.id === id);
      expect(topping).toMatchObject({ name: "Smoked Ham", kind: "meat", available: true });
      expect(topping?.prices.medium).toBe(175);
      await expectAccessible(page, "a new topping, priced");
      expect(errors).toEqual([]);
    },
    LONG,
  );

  it(
    "an admin creates a drink that comes as a 350 ml can (a bad variant id refused first) and prices the can",
    async () => {
      const { page, errors } = await ui.consolePage("admin@pizza.example", desktop);
      await page.getByRole("combobox", { name: "Store (admin)" }).selectOption(await midtownId());
      await page.getByRole("button", { name: "Menu", exact: true }).click();
      await page.getByRole("button", { name: "New item" }).click();
      const form = page.getByRole("form", { name: "New item" });
      const id = `yuzu_soda_${Date.now().toString(36)}`;
      await form.getByRole("textbox", { name: /^Id/ }).fill(id);
      await form.getByRole("combobox", { name: "What it is" }).selectOption("drink");
      await form.getByRole("combobox", { name: "Category" }).selectOption("drinks");
      await form.getByRole("combobox", { name: "Taxed as" }).selectOption("soft_drink");
      await form.getByRole("textbox", { name: "Name in English", exact: true }).fill("Yuzu Soda");
      await form.getByRole("textbox", { name: "Name in German", exact: true }).fill("Yuzu-Limonade");
      await form.getByRole("textbox", { name: "Name in Japanese", exact: true }).fill("ゆずソーダ");
      await form.getByRole("button", { name: "Add a variant" }).click();
      const can = form.getByRole("group", { name: "Variant 1" });
      await can.getByRole("textbox", { name: /^Variant id/ }).fill("Can 350");
      await can.getByRole("textbox", { name: "English name" }).fill("350 ml can");
      await can.getByRole("textbox", { name: "German name" }).fill("350-ml-Dose");
      await can.getByRole("textbox", { name: "Japanese name" }).fill("350ml缶");
      await form.getByRole("button", { name: "Add item" }).click();
      await form.getByText("A variant id is 1 to 20 lower-case letters, digits and underscores.").waitFor();
      await expectAccessible(page, "the new item form with a variant error");
      expect((await customerMenu()).items.find((i) => i.id === id)).toBeUndefined();

      await can.getByRole("textbox", { name: /^Variant id/ }).fill("can_350ml");
      await form.getByRole("button", { name: "Add item" }).click();
      const price = page.getByRole("form", { name: "Price in US: Yuzu Soda" });
      await price.getByRole("textbox", { name: /^New price/ }).fill("2.49");
      await price.getByRole("button", { name: "Save price" }).click();
      await price.getByRole("status").filter({ hasText: "Price saved: $2.49" }).waitFor();
      const soda = (await customerMenu()).items.find((i) => i.id === id);
      expect(soda?.variants).toEqual([
        expect.objectContaining({ id: "can_350ml", name: "350 ml can", price: 249 }),
      ]);
      expect(errors).toEqual([]);
    },
    LONG,
  );

  it(
    "on a phone: a cheese level is priced (a mistake said under its field), a scheduled price is cancelled",
    async () => {
      const { page, api, errors } = await ui.consolePage("admin@pizza.example", phone);
      await page.getByRole("combobox", { name: "Store (admin)" }).selectOption(await midtownId());
      await page.getByRole("button", { name: "Menu", exact: true }).click();
      const extras = page.getByRole("region", { name: "Cheese and option prices" });
      await extras.getByRole("combobox", { name: "Price of" }).selectOption("cheese|extra");
      const price = extras.getByRole("form", { name: "Price in US: Cheese: Extra cheese" });
      await price.getByRole("combobox", { name: "Size / variant" }).selectOption("large");
      await price.getByRole("textbox", { name: /^New price/ }).fill("two");
      await price.getByRole("button", { name: "Save price" }).click();
      await price.getByText("Enter the price in USD").waitFor();
      await expectAccessible(page, "the cheese price form with a field error");
      await price.getByRole("textbox", { name: /^New price/ }).fill("2.22");
      await price.getByRole("button", { name: "Save price" }).click();
      await price.getByRole("status").filter({ hasText: "Price saved: $2.22" }).waitFor();
      const extra = (await customerMenu()).cheeseLevels.find((c) => c.id === "extra");
      expect(extra?.prices.large).toBe(222);

      // From next year: listed, then cancelled; the catalogue keeps no schedule for it.
      await price.getByRole("textbox", { name: /^New price/ }).fill("3.33");
      await price.getByLabel(/^From/).fill(`${new Date().getFullYear() + 1}-01-01T10:00`);
      await price.getByRole("button", { name: "Schedule price" }).click();
      await price.getByRole("status").filter({ hasText: "Scheduled $3.33" }).waitFor();
      const scheduled = extras.getByRole("list", { name: "Scheduled prices" });
      await scheduled.getByRole("button", { name: /^Cancel large: \$3\.33/ }).click();
      await extras.getByRole("status").filter({ hasText: "Cancelled $3.33" }).waitFor();
      await expect.poll(() => scheduled.count()).toBe(0);
      const catalogue = await api.menuAdmin.catalogue.query({ regionCode: "us" });
      expect(catalogue.extras.find((x) => x.id === "extra")?.scheduled).toEqual([]);
      expect((await customerMenu()).cheeseLevels.find((c) => c.id === "extra")?.prices.large).toBe(222);
      // Each change is in the cheese level's own history, newest first: who, and what.
      const history = page.getByTestId("extra-history");
      await history
        .getByText(/cancelled scheduled price \(US\): \$3\.33 \(large\) from .* withdrawn/)
        .waitFor();
      const rows = await history.getByRole("listitem").allTextContents();
      expect(rows.slice(0, 3).map((r) => r.split(" · ").slice(1).join(" · "))).toEqual([
        expect.stringMatching(/ · cancelled scheduled price \(US\): \$3\.33 \(large\) from .* withdrawn$/),
        expect.stringMatching(/ · scheduled price \(US\): \$3\.33 \(large\) from /),
        expect.stringMatching(/ · price \(US\): \$[\d.]+ → \$2\.22 \(large\)$/),
      ]);
      await expectAccessible(page, "the cheese price form after a cancel");
      expect(errors).toEqual([]);
    },
    LONG,
  );
});
