// Deals in the store console against a real server and Chromium (issue 22): an admin adds a deal to the
// region (a mistake said under its field first), customers' menus list it at once, and "Stop offering"
// takes it off at once. Axe-clean, on a desktop and a phone.
import { screenshot } from "@pizza/api/testing/browser";
import type { BrowserContextOptions, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { consoleUnderTest, expectAccessible, LONG } from "./support.ts";

const SIZES = {
  desktop: { viewport: { width: 1280, height: 800 } },
  phone: { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true },
} satisfies Record<string, BrowserContextOptions>;

const ui = consoleUnderTest({ KITCHEN_AUTOPILOT: "false", SIM_DRIVERS: "0", DISPATCH_TICK_MS: "0" });
const { client } = ui;

async function noHorizontalScroll(page: Page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, "page is wider than the viewport").toBeLessThanOrEqual(0);
}

describe("store console: deals", () => {
  it(
    "an admin adds a deal (mistakes under their fields), the menu lists it at once, and stops offering it",
    async () => {
      const { page, errors } = await ui.consolePage("admin@pizza.example", SIZES.desktop);
      const midtown = (await client().store.list.query({ regionCode: "us" })).find(
        (s) => s.slug === "nyc-midtown",
      )!;
      await page.getByRole("combobox", { name: "Store (admin)" }).selectOption(midtown.id);
      await page.getByRole("button", { name: "Menu", exact: true }).click();
      const panel = page.getByRole("region", { name: "Deals (US)" });
      const form = panel.getByRole("form", { name: "New deal" });
      await form.waitFor();

      await form.getByRole("textbox", { name: /^Id/ }).fill("us-two-mediums-e2e");
      await form.getByRole("textbox", { name: "Deal price (USD)" }).fill("eighteen");
      await form.getByRole("button", { name: "Add deal" }).click();
      await form.getByText("Enter the deal's price in USD, e.g. 18.00.").waitFor();
      await form.getByRole("textbox", { name: "Deal price (USD)" }).fill("18.00");
      await form.getByRole("button", { name: "Add deal" }).click();
      await form.getByText("Enter the English name.").waitFor();
      await panel.getByRole("status").filter({ hasText: "Check the highlighted fields." }).waitFor();
      await expectAccessible(page, "the deal form with field errors");

      await form.getByRole("textbox", { name: "Name in English" }).fill("Two mediums");
      await form.getByRole("textbox", { name: "Name in German (optional)" }).fill("Zwei Mittlere");
      await form.getByRole("textbox", { name: "Slot 1: how many" }).fill("2");
      await form.getByRole("combobox", { name: "Slot 1: size" }).selectOption("medium");
      await form.getByRole("button", { name: "Add deal" }).click();
      await panel.getByRole("status").filter({ hasText: "Added Two mediums." }).waitFor();
      const row = panel.getByRole("row").filter({ hasText: "Two mediums" });
      await row.getByText("$18.00").waitFor();
      const menuDeals = async () =>
        (await client().menu.getMenu.query({ storeId: midtown.id })).deals.map((d) => [
          d.id,
          d.name,
          d.price,
        ]);
      expect(await menuDeals()).toEqual([["us-two-mediums-e2e", "Two mediums", 1800]]);

      await expectAccessible(page, "the deals panel");
      await screenshot(page, "store-console-deals-desktop");
      await page.setViewportSize(SIZES.phone.viewport);
      await noHorizontalScroll(page);
      await screenshot(page, "store-console-deals-phone");

      await row.getByRole("button", { name: "Stop offering Two mediums" }).click();
      await panel.getByRole("status").filter({ hasText: "Two mediums is no longer offered." }).waitFor();
      await row.getByText("withdrawn").waitFor();
      expect(await menuDeals()).toEqual([]);
      expect(errors).toEqual([]);
    },
    LONG,
  );
});
