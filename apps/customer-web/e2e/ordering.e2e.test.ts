import { screenshot, startAppServer, VIEWPORTS } from "@pizza/api/testing/browser";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import {
  appUnderTest,
  carryoutFromBerlinMitte,
  expectAccessible,
  expectNoHorizontalScroll,
  findStoreFor,
  firstPizzaIntoCart,
  IN_ZONE,
  register,
} from "./support.ts";

// The whole journey (kitchen stages, a simulated driver riding to the door) is sped up by configuration.
const LONG = 150_000;
const web = appUnderTest(() =>
  startAppServer(undefined, {
    KITCHEN_AUTOPILOT: "true",
    KITCHEN_AUTOPILOT_SPEED: "90",
    SIM_DRIVERS: "4",
    SIM_SPEED: "25",
    DISPATCH_TICK_MS: "300",
  }),
);
const { openPage } = web;
// Somewhere no store delivers.
const OUT_OF_ZONE = { lat: "41.300000", lng: "-74.600000" };

/** Also at 360 px (small phones): nothing sticks out sideways. */
async function expectFitsSmallPhone(page: Page, what: string) {
  await page.setViewportSize({ width: 360, height: 740 });
  await expectNoHorizontalScroll(page, `${what} at 360 px`);
  await page.setViewportSize(VIEWPORTS.phone.viewport);
}

async function deliverTo(page: Page, at: { lat: string; lng: string }, shot?: string) {
  await findStoreFor(page, {
    at,
    beforeFind: async () => {
      if (!shot) return;
      await page.locator('[data-testid="map-pin"]').first().waitFor();
      await expectFitsSmallPhone(page, "start");
      await expectAccessible(page, "start");
      await screenshot(page, shot);
    },
  });
}

async function placeAndOpenPayment(page: Page) {
  const place = page.getByTestId("place-order");
  await expect.poll(() => place.isEnabled(), { timeout: 15_000 }).toBe(true);
  // A double click places one order: the button is disabled while pending and the key is reused.
  await place.dblclick();
  await page.waitForURL("**/pay?order=*");
  await page.getByTestId("test-mode").waitFor();
}

async function payWith(page: Page, number: string) {
  await page.getByLabel("Card number").fill(number);
  await page.getByTestId("pay").click();
}

describe("ordering in the customer web app", { timeout: LONG }, () => {
  it("a new customer builds a half-and-half pizza, applies a promo, pays and watches it delivered", async () => {
    const { page, errors } = await openPage("phone");
    await register(page, "Grace Hopper", web.server);

    await deliverTo(page, IN_ZONE, "order-start-phone");
    await page.waitForURL("**/menu");
    await page.getByRole("heading", { name: "Midtown Manhattan" }).waitFor();
    // Prices in the region's currency.
    await expect.poll(() => page.locator(".menu-card__foot strong").first().textContent()).toContain("$");
    await expectNoHorizontalScroll(page, "menu");
    await expectFitsSmallPhone(page, "menu");
    await expectAccessible(page, "menu");
    await screenshot(page, "order-menu-phone");

    await page
      .getByRole("link", { name: /^Customize/ })
      .first()
      .click();
    await page.waitForURL("**/build?item=*");
    const selects = page.locator('[data-testid^="topping-"] select:not([disabled])');
    await selects.nth(0).selectOption("left");
    await selects.nth(1).selectOption("right");
    await page.locator('[data-testid="pizza-drawing"] [data-placement="left"]').waitFor();
    await page.locator('[data-testid="pizza-drawing"] [data-placement="right"]').waitFor();
    await expect
      .poll(() => page.getByTestId("live-price").textContent(), { timeout: 15_000 })
      .toMatch(/\$\d/);
    await expectNoHorizontalScroll(page, "builder");
    await expectFitsSmallPhone(page, "builder");
    await expectAccessible(page, "builder");
    await screenshot(page, "order-builder-phone");
    await page.getByTestId("add-to-cart").click();
    await page.waitForURL("**/menu");

    await page.getByRole("link", { name: /View cart/ }).click();
    await page.waitForURL("**/cart");
    await page.getByTestId("breakdown").waitFor();
    await page.getByLabel("Promo code").fill("NOPE-CODE");
    await page.getByRole("button", { name: "Apply" }).click();
    await expect.poll(() => page.getByTestId("promo-message").textContent()).toContain("NOPE-CODE");
    await page.getByLabel("Promo code").fill("WELCOME10");
    await page.getByRole("button", { name: "Apply" }).click();
    await expect.poll(() => page.getByTestId("promo-message").textContent()).toContain("applied");
    await page.getByText(/^Discount/).waitFor();
    await page.getByRole("button", { name: /^15%/ }).click();
    await page.getByText("Tip for your driver").last().waitFor();
    await expectNoHorizontalScroll(page, "cart");
    await expectFitsSmallPhone(page, "cart");
    await expectAccessible(page, "cart");
    await screenshot(page, "order-cart-phone");

    await placeAndOpenPayment(page);
    await expectFitsSmallPhone(page, "payment");
    await expectAccessible(page, "payment");
    await screenshot(page, "order-checkout-phone");
    await payWith(page, "4242 4242 4242 4242");
    await page.waitForURL("**/track?order=*");
    const orderId = new URL(page.url()).searchParams.get("order")!;
    expect(
      await web.server.db.db
        .selectFrom("orders")
        .select("id")
        .where(
          "customer_id",
          "=",
          (
            await web.server.db.db
              .selectFrom("orders")
              .select("customer_id")
              .where("id", "=", orderId)
              .executeTakeFirstOrThrow()
          ).customer_id,
        )
        .execute(),
      "a double click placed one order",
    ).toHaveLength(1);

    // Live: stages advance without a reload; the driver marker moves on the map.
    // Recorded in the page on every change (sampling now and then could miss a short stage).
    await page.evaluate(() => {
      const w = window as unknown as { __stages: string[]; __positions: string[]; __arriving: boolean };
      w.__stages = [];
      w.__positions = [];
      w.__arriving = false;
      const record = () => {
        if (document.querySelector('[data-testid="driver-arriving"]')) w.__arriving = true;
        const s = document.querySelector('[data-testid="order-status"]')?.getAttribute("data-status");
        if (s && !w.__stages.includes(s)) w.__stages.push(s);
        const d = document.querySelector('[data-testid="map-driver"]');
        const p = d && `${d.getAttribute("data-lat")},${d.getAttribute("data-lng")}`;
        if (p && !w.__positions.includes(p)) w.__positions.push(p);
      };
      record();
      new MutationObserver(record).observe(document.body, {
        subtree: true,
        childList: true,
        attributes: true,
        attributeFilter: ["data-status", "data-lat", "data-lng"],
      });
    });
    const status = page.getByTestId("order-status");
    const started = Date.now();
    await page
      .locator('[data-testid="order-status"]:is([data-status="out_for_delivery"], [data-status="delivered"])')
      .waitFor({ timeout: 110_000 });
    if (
      (await status.getAttribute("data-status")) === "out_for_delivery" &&
      (await page.locator('[data-testid="map-driver"]').count()) > 0
    ) {
      await expectNoHorizontalScroll(page, "tracker");
      await expectAccessible(page, "tracker");
      await screenshot(page, "order-tracker-phone");
      // The driver nears the door: "Your driver is arriving" (it may come and go quickly in the simulation).
      const arriving = page.getByTestId("driver-arriving");
      await Promise.race([
        arriving.waitFor({ timeout: 60_000 }),
        page.locator('[data-testid="order-status"][data-status="delivered"]').waitFor({ timeout: 60_000 }),
      ]).catch(() => undefined);
      if (await arriving.isVisible()) await screenshot(page, "order-arriving-phone");
    }
    await page
      .locator('[data-testid="order-status"][data-status="delivered"]')
      .waitFor({ timeout: Math.max(1, 110_000 - (Date.now() - started)) });
    const recorded = await page.evaluate(() => {
      const w = window as unknown as { __stages: string[]; __positions: string[]; __arriving: boolean };
      return { stages: w.__stages, positions: w.__positions, arriving: w.__arriving };
    });
    const seen = new Set(recorded.stages);
    const positions = new Set(recorded.positions);
    expect([...seen]).toContain("delivered");
    expect(seen.size, `stages seen live: ${[...seen].join(", ")}`).toBeGreaterThanOrEqual(3);
    expect(positions.size, "the driver marker moved").toBeGreaterThanOrEqual(2);
    expect(recorded.arriving, "the tracker said the driver is arriving").toBe(true);
    // MapLibre with WebGL, or its SVG fallback: either way a map, never a broken box.
    expect(await page.locator("[data-renderer]").first().getAttribute("data-renderer")).toMatch(
      /^(maplibre|svg)$/,
    );
    await page.getByRole("heading", { name: "How was it?" }).waitFor();
    await screenshot(page, "order-delivered-phone");
    // The radios sit under the drawn stars; a click on a star chooses it.
    await page
      .locator("fieldset")
      .filter({ hasText: "Overall" })
      .getByRole("radio", { name: "5 stars" })
      .check({ force: true });
    await page
      .locator("fieldset")
      .filter({ hasText: "Delivery" })
      .getByRole("radio", { name: "4 stars" })
      .check({ force: true });
    await page.getByLabel("Tell us more (optional)").fill("Hot and on time.");
    await page.getByRole("button", { name: "Send review" }).click();
    await page.getByText("Thank you for your review!").waitFor();
    expect(errors, "browser console").toEqual([]);
  });

  it("out of zone says so with carryout; a declined card, then another card; reorder from history", async () => {
    const { page, errors } = await openPage("desktop");
    await register(page, "Katherine Johnson", web.server);

    await deliverTo(page, OUT_OF_ZONE);
    const refusal = page.getByTestId("out-of-zone");
    await refusal.waitFor();
    expect(await refusal.textContent()).toContain("We don't deliver there yet");
    await screenshot(page, "order-out-of-zone-desktop");

    await deliverTo(page, IN_ZONE);
    await page.waitForURL("**/menu");
    await page
      .getByRole("link", { name: /^Customize/ })
      .first()
      .waitFor();
    await screenshot(page, "order-menu-desktop");
    await page
      .getByRole("link", { name: /^Customize/ })
      .first()
      .click();
    await expect
      .poll(() => page.getByTestId("live-price").textContent(), { timeout: 15_000 })
      .toMatch(/\$\d/);
    await screenshot(page, "order-builder-desktop");
    await page.getByTestId("add-to-cart").click();
    await page.waitForURL("**/menu");
    await page.goto("/cart");
    await page.getByTestId("breakdown").waitFor();
    await screenshot(page, "order-cart-desktop");

    await placeAndOpenPayment(page);
    await payWith(page, "4000 0000 0000 0002");
    const declined = page.getByTestId("pay-error");
    await declined.waitFor();
    expect(await declined.textContent()).toMatch(/declined/i);
    await screenshot(page, "order-checkout-declined-desktop");
    // Another card, one whose bank asks for 3-D Secure: the simulated challenge, approved.
    await payWith(page, "4000002500003155");
    const challenge = page.getByTestId("three-ds");
    await challenge.waitFor();
    await screenshot(page, "order-checkout-3ds-desktop");
    await challenge.getByRole("button", { name: "Approve" }).click();
    await page.waitForURL("**/track?order=*");
    await page.getByTestId("order-status").waitFor();
    await page.locator(".tracker__step--done").first().waitFor({ timeout: 20_000 });
    await screenshot(page, "order-tracker-desktop");

    await page.goto("/orders");
    const past = page.getByTestId("history-order");
    await past.first().waitFor();
    await page.getByRole("button", { name: "Reorder" }).first().click();
    await page.waitForURL("**/cart");
    await expect.poll(() => page.getByTestId("cart-line").count()).toBeGreaterThanOrEqual(1);
    await page.getByTestId("breakdown").waitFor();

    // Berlin in German (the header's language switch): German names, euros, VAT included in the prices
    // (shown, not added).
    await page.goto("/start");
    await page.getByRole("radio", { name: "Berlin" }).check();
    await page.getByRole("combobox", { name: "Language" }).selectOption("de");
    await carryoutFromBerlinMitte(page);
    await expect.poll(() => page.locator(".menu-card__foot strong").first().textContent()).toContain("€");
    await screenshot(page, "order-menu-berlin-desktop");
    await page
      .getByRole("link", { name: / hinzufügen$/ })
      .last()
      .click();
    await page.getByTestId("add-to-cart").click();
    await page.waitForURL("**/menu");
    await page.goto("/cart");
    await page.getByTestId("breakdown").waitFor();
    expect(await page.getByTestId("breakdown").textContent()).toMatch(/inkl\. MwSt\. \d+\s%\sauf netto \d/);
    await screenshot(page, "order-cart-berlin-desktop");
    expect(errors, "browser console").toEqual([]);
  });

  it("a scheduled cash order can be changed and cancelled before the kitchen starts", async () => {
    const { page, errors } = await openPage("phone");
    await register(page, "Mary Jackson", web.server);
    await findStoreFor(page, { mode: "Schedule" });
    await firstPizzaIntoCart(page);
    await page.getByRole("radio", { name: "Cash on delivery" }).check();
    await page.getByTestId("place-order").click();
    await page.waitForURL("**/track?order=*");
    await expect.poll(() => page.getByTestId("order-status").getAttribute("data-status")).toBe("placed");

    await page.getByRole("button", { name: "Change order" }).click();
    await page
      .getByRole("button", { name: /^One more/ })
      .first()
      .click();
    await page.getByRole("button", { name: "Save changes" }).click();
    await page.getByText("Your order was updated.").waitFor();
    // The tracker's lines show the change (waited for like any element: a loaded machine redraws late).
    await page.locator(".track li").filter({ hasText: /^2 ×/ }).waitFor();
    await screenshot(page, "order-change-phone");

    await page.getByRole("button", { name: "Cancel order" }).click();
    await page.getByRole("button", { name: "Yes, cancel my order" }).click();
    await expect.poll(() => page.getByTestId("order-status").getAttribute("data-status")).toBe("cancelled");
    expect(errors, "browser console").toEqual([]);
  });
});
