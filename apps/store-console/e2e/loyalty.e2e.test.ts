// Loyalty in the store console against a real server and Chromium (issue 21): a manager finds an order by
// its number and grants goodwill points with a reason (crew see no such card), and an admin keeps the
// region's reward catalogue (a mistake said under its field, a new reward and an edit showing in the
// customer's rewards at once). Both screens axe-clean, on a phone and a desktop.
import { randomUUID } from "node:crypto";
import { screenshot } from "@pizza/api/testing/browser";
import type { BrowserContextOptions, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { consoleUnderTest, expectAccessible, LONG } from "./support.ts";

const SIZES = {
  desktop: { viewport: { width: 1280, height: 800 } },
  phone: { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true },
} satisfies Record<string, BrowserContextOptions>;

const ui = consoleUnderTest({ KITCHEN_AUTOPILOT: "false", SIM_DRIVERS: "0", DISPATCH_TICK_MS: "0" });
const { client, login } = ui;
const consolePage = (email: string, size: keyof typeof SIZES) => ui.consolePage(email, SIZES[size]);

async function noHorizontalScroll(page: Page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, "page is wider than the viewport").toBeLessThanOrEqual(0);
}

describe("store console: loyalty", () => {
  it(
    "a manager grants goodwill points for an order found by its number; crew see no such card",
    async () => {
      const { page, errors, session } = await consolePage("manager.nyc-midtown@pizza.example", "phone");
      const storeId = session.user.storeId!;
      const customer = await login("customer@pizza.example");
      const shopper = client(customer.accessToken);
      const order = await shopper.order.placeOrder.mutate({
        idempotencyKey: `e2e-${randomUUID()}`,
        channel: "carryout",
        paymentMethod: "cash",
        storeId,
        tip: 0,
        items: [{ itemId: "margherita", variant: "medium", quantity: 1 }],
      });
      const before = (await shopper.loyalty.balance.query()).points;

      await page.getByRole("button", { name: "Today" }).click();
      const card = page.getByRole("region", { name: "Goodwill points" });
      await card.getByRole("textbox", { name: "Order number" }).fill("999999999");
      await card.getByRole("button", { name: "Find order" }).click();
      await card
        .getByRole("alert")
        .filter({ hasText: "There is no order #999999999 at this store." })
        .waitFor();

      await card.getByRole("textbox", { name: "Order number" }).fill(String(order.orderNumber));
      await card.getByRole("button", { name: "Find order" }).click();
      await card.getByText(`Order #${order.orderNumber}`).waitFor();
      await card
        .getByTestId("goodwill-balance")
        .filter({ hasText: `has ${before} point` })
        .waitFor();

      // No reason: said under the field, nothing granted.
      await card.getByRole("textbox", { name: "Points to grant" }).fill("20");
      await card.getByRole("button", { name: "Grant points" }).click();
      await card.getByText("Say why you grant these points.").waitFor();
      expect((await shopper.loyalty.balance.query()).points).toBe(before);
      await expectAccessible(page, "the goodwill card with a field error");

      await card.getByRole("textbox", { name: /^Reason/ }).fill("Sorry for the long wait");
      await card.getByRole("button", { name: "Grant points" }).click();
      await card.getByRole("status").filter({ hasText: "Granted 20 points" }).waitFor();
      await card
        .getByTestId("goodwill-balance")
        .filter({ hasText: `has ${before + 20} points` })
        .waitFor();
      await card
        .getByRole("list", { name: "Goodwill for this order" })
        .getByText(/Sorry for the long wait/)
        .waitFor();
      expect((await shopper.loyalty.balance.query()).points).toBe(before + 20);
      const [entry] = await shopper.loyalty.history.query();
      expect(entry).toMatchObject({ kind: "goodwill", delta: 20, reason: "Sorry for the long wait" });
      await expectAccessible(page, "the goodwill card after a grant");
      await noHorizontalScroll(page);
      await screenshot(page, "store-console-goodwill-phone");
      await page.setViewportSize(SIZES.desktop.viewport);
      await screenshot(page, "store-console-goodwill-desktop");

      const crew = await consolePage("staff.nyc-midtown@pizza.example", "desktop");
      await crew.page.getByRole("button", { name: "Today" }).click();
      await crew.page.getByTestId("today-stats").waitFor();
      expect(await crew.page.getByRole("region", { name: "Goodwill points" }).count()).toBe(0);
      await expect(
        crew.api.loyalty.grantGoodwill.mutate({
          orderId: order.id,
          points: 5,
          reason: "crew",
          idempotencyKey: randomUUID(),
        }),
      ).rejects.toThrow(/Only a store manager/);
      expect(errors).toEqual([]);
      expect(crew.errors).toEqual([]);
    },
    LONG,
  );

  it(
    "an admin adds and edits a reward in the region's catalogue; mistakes are said under their fields; the cart follows",
    async () => {
      const { page, errors } = await consolePage("admin@pizza.example", "desktop");
      const midtown = (await client().store.list.query({ regionCode: "us" })).find(
        (s) => s.slug === "nyc-midtown",
      )!;
      await page.getByRole("combobox", { name: "Store (admin)" }).selectOption(midtown.id);
      await page.getByRole("button", { name: "Store & stock" }).click();
      const panel = page.getByRole("region", { name: "Loyalty rewards (US)" });
      await panel.getByRole("table").getByText("Free 0.5 L Cola").waitFor();

      const form = panel.getByRole("form", { name: "New reward" });
      const id = `us-garlic-${Date.now().toString(36)}`;
      await form.getByRole("textbox", { name: /^Id/ }).fill("Bad Id");
      await form.getByRole("textbox", { name: "Points" }).fill("thirty");
      await form.getByRole("button", { name: "Add reward" }).click();
      await form.getByText("Enter the points as a whole number, e.g. 60.").waitFor();
      await form.getByRole("textbox", { name: "Points" }).fill("30");
      await form.getByRole("button", { name: "Add reward" }).click();
      await form.getByText("Enter the English name.").waitFor();
      await form.getByText(/An id is 2 to 61 lower-case letters/).waitFor();
      await panel.getByRole("status").filter({ hasText: "Check the highlighted fields." }).waitFor();
      await expectAccessible(page, "the reward form with field errors");

      await form.getByRole("textbox", { name: /^Id/ }).fill(id);
      await form.getByRole("textbox", { name: "Name in English" }).fill("Free garlic bread");
      await form.getByRole("textbox", { name: "Name in German (optional)" }).fill("Gratis Knoblauchbrot");
      await form.getByRole("textbox", { name: "Name in Japanese (optional)" }).fill("ガーリックブレッド無料");
      await form.getByRole("combobox", { name: "Item" }).selectOption("garlic_bread");
      await form.getByRole("button", { name: "Add reward" }).click();
      await panel.getByRole("status").filter({ hasText: "Added Free garlic bread." }).waitFor();
      const row = panel.getByRole("row").filter({ hasText: "Free garlic bread" });
      await row.getByText("30", { exact: true }).waitFor();

      const customer = await login("customer@pizza.example");
      const rewards = async () =>
        (await client(customer.accessToken).loyalty.rewards.query({ regionCode: "us" })).rewards;
      expect((await rewards()).find((r) => r.id === id)).toMatchObject({
        name: "Free garlic bread",
        points: 30,
      });

      await row.getByRole("button", { name: "Edit Free garlic bread" }).click();
      const edit = panel.getByRole("form", { name: "Edit Free garlic bread" });
      await edit.getByRole("textbox", { name: "Points" }).fill("45");
      await edit.getByRole("button", { name: "Save reward" }).click();
      await panel.getByRole("status").filter({ hasText: "Saved Free garlic bread." }).waitFor();
      await row.getByText("45", { exact: true }).waitFor();
      expect((await rewards()).find((r) => r.id === id)?.points).toBe(45);

      await expectAccessible(page, "the reward catalogue");
      await screenshot(page, "store-console-rewards-desktop");
      await page.setViewportSize(SIZES.phone.viewport);
      await noHorizontalScroll(page);
      await screenshot(page, "store-console-rewards-phone");
      expect(errors).toEqual([]);
    },
    LONG,
  );
});
