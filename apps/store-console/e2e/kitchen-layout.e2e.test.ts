// Issue 16, finding 10: the kitchen display on a 1024×768 screen shows (or scrolls to) its last column,
// and sound is asked for right after sign-in, with a banner that stays while sound is off.
import { randomUUID } from "node:crypto";
import { screenshot } from "@pizza/api/testing/browser";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { consoleUnderTest, LONG } from "./support.ts";

const ui = consoleUnderTest({ KITCHEN_AUTOPILOT: "false", SIM_DRIVERS: "0" });
const SMALL = { viewport: { width: 1024, height: 768 } };

/** A delivery order of the demo customer at the staff's store, moved by the server to `to`. */
async function orderAt(storeId: string, to: "placed" | "out_for_delivery") {
  const customer = await ui.login("customer@pizza.example");
  const order = await ui.client(customer.accessToken).order.placeOrder.mutate({
    idempotencyKey: `e2e-${randomUUID()}`,
    channel: "delivery",
    paymentMethod: "cash",
    storeId,
    tip: 0,
    address: { line1: "350 5th Ave", city: "New York" },
    location: { lat: 40.7589, lng: -73.9851 },
    items: [{ itemId: "margherita", variant: "medium", quantity: 1 }],
  });
  if (to === "out_for_delivery") {
    const orders = ui.server.platform.services.orders;
    for (const step of ["preparing", "baking", "quality_check", "ready", "out_for_delivery"] as const)
      await orders.transition(order.id, step, "system");
  }
  return order;
}

/** The part of `locator` inside the window, as a fraction of its width (1: all of it is on screen). */
async function visibleShare(page: Page, testId: string, orderNumber: number) {
  const b = (await page.getByTestId(testId).locator(`[data-order-number="${orderNumber}"]`).boundingBox())!;
  const width = page.viewportSize()!.width;
  return (Math.min(b.x + b.width, width) - Math.max(b.x, 0)) / b.width;
}

describe("store console at 1024×768", () => {
  it(
    "fits all six columns on the screen; narrower, the board scrolls sideways behind a visible 'More columns' button",
    async () => {
      const { page, session, errors } = await ui.consolePage("staff.nyc-midtown@pizza.example", SMALL);
      const storeId = session.user.storeId!;
      const out = await orderAt(storeId, "out_for_delivery");
      const ticket = page
        .getByTestId("column-out_for_delivery")
        .locator(`[data-order-number="${out.orderNumber}"]`);
      await ticket.waitFor();
      const last = (await page.getByTestId("column-out_for_delivery").boundingBox())!;
      expect(last.x + last.width, "the last column ends inside the window").toBeLessThanOrEqual(1024);
      expect(await visibleShare(page, "column-out_for_delivery", out.orderNumber)).toBe(1);
      // Its ticket's own parts are inside the ticket (nothing spills over the column's edge).
      const t = (await ticket.boundingBox())!;
      for (const part of await ticket.locator("*").all()) {
        const b = await part.boundingBox();
        if (b) expect(b.x + b.width, "a ticket's part ends inside it").toBeLessThanOrEqual(t.x + t.width + 1);
      }
      expect(await page.getByTestId("kds-more-right").count(), "no scroll hint when all fit").toBe(0);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1024);
      await screenshot(page, "store-console-kitchen-1024");

      // A smaller window: the columns scroll inside the board, and the hint takes you there. (Sound
      // first: the first tap turns it on and the prompt above the board goes away.)
      await page.getByRole("button", { name: "Turn sound on" }).click();
      await page.getByTestId("sound-on").waitFor();
      await page.setViewportSize({ width: 760, height: 768 });
      const more = page.getByTestId("kds-more-right");
      await more.waitFor();
      expect(await visibleShare(page, "column-out_for_delivery", out.orderNumber)).toBeLessThan(1);
      await screenshot(page, "store-console-kitchen-760");
      const share = () => visibleShare(page, "column-out_for_delivery", out.orderNumber);
      for (let click = 0; click < 6 && (await share()) < 1; click++) {
        // Each click scrolls by one column: the last column's ticket comes further into view.
        const before = await share();
        await more.click();
        await expect.poll(share).toBeGreaterThan(before);
      }
      await expect.poll(share).toBe(1);
      await page.getByRole("button", { name: "← More columns" }).waitFor();
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(760);
      expect(errors).toEqual([]);
    },
    LONG,
  );

  it(
    "asks for sound right after sign-in; 'Not now' leaves a banner on every tab until sound is on",
    async () => {
      const { page, errors } = await ui.consolePage("staff.nyc-midtown@pizza.example", SMALL);
      const prompt = page.getByTestId("sound-prompt");
      await prompt.getByRole("heading", { name: "Turn on the new-order sound?" }).waitFor();
      await prompt.getByRole("button", { name: "Not now" }).click();
      const banner = page.getByTestId("sound-banner");
      await banner.waitFor();
      expect(await prompt.count()).toBe(0);
      expect(await page.getByTestId("sound-on").count()).toBe(0);
      await screenshot(page, "store-console-sound-banner-1024");
      for (const tab of ["Oven", "Store & stock", "Kitchen"]) {
        await page.locator(".tabs").getByRole("button", { name: tab }).click();
        expect(await banner.isVisible(), `banner on ${tab}`).toBe(true);
      }
      await banner.getByRole("button", { name: "Turn sound on" }).click();
      await page.getByTestId("sound-on").waitFor();
      await banner.waitFor({ state: "detached" });
      expect(await page.evaluate(() => document.querySelector("[data-testid=sound-banner]"))).toBeNull();

      // A fresh sign-in asks again; the prompt's own button turns the sound on.
      const second = await ui.consolePage("staff.nyc-midtown@pizza.example", SMALL);
      await second.page.getByRole("button", { name: "Turn sound on" }).click();
      await second.page.getByTestId("sound-on").waitFor();
      expect(await second.page.getByTestId("sound-prompt").count()).toBe(0);
      expect([...errors, ...second.errors]).toEqual([]);
    },
    LONG,
  );
});
