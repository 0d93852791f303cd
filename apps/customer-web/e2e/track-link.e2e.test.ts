// Issue 16, findings 6 and 7, as a stranger lives them: the card form checks the card on the page (Luhn,
// expiry, security code) with a message next to each field that goes away while it is fixed, and calls
// only a real decline a decline; the tracker adds up (full breakdown) and gives a tracking link that a
// FRESH browser opens without an account, live; "Find my order" opens it by order number and email;
// a finished order says how it ended instead of "Live".
import { randomBytes } from "node:crypto";
import { screenshot, startAppServer } from "@pizza/api/testing/browser";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { appUnderTest, carryoutFrom, expectAccessible } from "./support.ts";

const web = appUnderTest(() => startAppServer());
const { openPage } = web;
const DESKTOP = { width: 1366, height: 900 };

async function shoot(page: Page, name: string) {
  await screenshot(page, `${name}-390`);
  const phone = page.viewportSize()!;
  await page.setViewportSize(DESKTOP);
  await screenshot(page, `${name}-1366`);
  await page.setViewportSize(phone);
}

async function guestCartAtMidtown(page: Page, email: string) {
  await page.goto("/start");
  await carryoutFrom(page, "Midtown Manhattan");
  await page
    .getByRole("link", { name: /^Customize/ })
    .first()
    .click();
  await page.getByTestId("add-to-cart").click();
  await page.waitForURL("**/menu");
  await page.goto("/cart");
  const guest = page.getByRole("form", { name: "Check out as a guest" });
  await guest.getByLabel("Your name").fill("Tia Tracker");
  await guest.getByRole("textbox", { name: "Email" }).fill(email);
  await guest.getByRole("button", { name: "Continue as a guest" }).click();
  const place = page.getByTestId("place-order");
  await expect.poll(() => place.isEnabled(), { timeout: 15_000 }).toBe(true);
  await place.click();
  await page.waitForURL("**/pay?order=*");
}

const fieldError = (page: Page, label: string) =>
  page.getByLabel(label).evaluate((el) => {
    const ids = (el.getAttribute("aria-describedby") ?? "").split(" ").filter(Boolean);
    return ids.map((id) => document.getElementById(id)?.textContent ?? "").join(" ");
  });

describe("card form, tracker, tracking link and Find my order", { timeout: 180_000 }, () => {
  it("a guest pays after fixing the card, and the tracking link works live in a fresh browser", async () => {
    const { page, errors } = await openPage("phone");
    const email = `tia-${randomBytes(4).toString("hex")}@example.com`;
    await guestCartAtMidtown(page, email);

    // Finding 6: the page checks the card; nothing is sent while it is wrong.
    const number = page.getByLabel("Card number");
    expect(await number.getAttribute("placeholder")).toBeNull();
    await number.fill("4242 4242 4242 4241");
    await page.getByLabel("Expiry (MM/YY)").fill("01/21");
    await page.getByLabel("Security code").fill("12");
    await page.getByTestId("pay").click();
    await expect.poll(() => fieldError(page, "Card number")).toMatch(/not valid/);
    expect(await fieldError(page, "Expiry (MM/YY)")).toMatch(/expired/);
    expect(await fieldError(page, "Security code")).toMatch(/3 or 4 digits/);
    expect(await number.getAttribute("aria-invalid")).toBe("true");
    expect(await page.evaluate(() => document.activeElement?.getAttribute("name"))).toBe("cardNumber");
    expect(await page.getByTestId("pay-error").count()).toBe(0);
    await shoot(page, "pay-card-errors");
    await expectAccessible(page, "pay page with field errors");
    // Fixing a field takes its message away at once, the others stay until theirs are fixed.
    await number.fill("4000 0000 0000 0002");
    expect(await fieldError(page, "Card number")).toBe("");
    expect(await fieldError(page, "Expiry (MM/YY)")).toMatch(/expired/);
    await page.getByLabel("Expiry (MM/YY)").fill("12/34");
    await page.getByLabel("Security code").fill("123");
    // A real decline by the bank is called one; the number stays for the customer to change.
    await page.getByTestId("pay").click();
    await expect.poll(() => page.getByTestId("pay-error").textContent()).toMatch(/declined/i);
    expect(await number.inputValue()).toBe("4000 0000 0000 0002");
    await number.fill("4242 4242 4242 4242");
    expect(await page.getByTestId("pay-error").count()).toBe(0);
    expect(await page.getByTestId("pay").isEnabled()).toBe(true);
    await page.getByTestId("pay").click();
    await page.waitForURL("**/track?order=*");
    const orderId = new URL(page.url()).searchParams.get("order")!;

    // Finding 7: the summary adds up, and the order has a link for any device.
    await expect.poll(() => page.getByTestId("order-status").getAttribute("data-status")).toBe("placed");
    const breakdown = await page.getByTestId("order-summary").getByTestId("breakdown").textContent();
    expect(breakdown).toMatch(/Subtotal.*Tax.*Total/s);
    await expect.poll(() => page.getByTestId("live-state").textContent()).toBe("Live");
    expect(await page.getByTestId("change-rules").textContent()).toMatch(/Until the kitchen starts cooking/);
    const link = await page.getByTestId("track-link").inputValue();
    expect(link).toMatch(/\/t\/[A-Za-z0-9_-]{43}$/);

    const fresh = await openPage("phone");
    await fresh.page.goto(link);
    const stranger = fresh.page;
    await expect.poll(() => stranger.getByTestId("order-status").getAttribute("data-status")).toBe("placed");
    await expect.poll(() => stranger.getByTestId("live-state").textContent()).toBe("Live");
    expect(
      await stranger
        .locator("main")
        .getByText(/sign in/i)
        .count(),
    ).toBe(0);
    expect(await stranger.getByRole("heading", { name: "Change or cancel" }).count()).toBe(0);
    expect(await stranger.getByTestId("order-summary").getByTestId("total").textContent()).toBe(
      await page.getByTestId("order-summary").getByTestId("total").textContent(),
    );
    // The kitchen starts: the stranger's page follows live, without a reload.
    await web.server.platform.services.orders.transition(orderId, "preparing", "system");
    await expect
      .poll(() => stranger.getByTestId("order-status").getAttribute("data-status"), { timeout: 15_000 })
      .toBe("preparing");
    await expectAccessible(stranger, "tracker opened from its link");
    await shoot(stranger, "tracker-link");

    // Handed over: the badge says how it ended, not "Live".
    for (const to of ["baking", "quality_check", "ready", "picked_up"] as const)
      await web.server.platform.services.orders.transition(orderId, to, "system");
    await expect
      .poll(() => stranger.getByTestId("live-state").textContent(), { timeout: 15_000 })
      .toBe("Picked up");
    await expect
      .poll(() => page.getByTestId("live-state").textContent(), { timeout: 25_000 })
      .toBe("Picked up");
    await shoot(page, "tracker-owner-finished");

    // Finding 7: Find my order, in yet another browser: a miss reads the same as an unknown order.
    const finder = (await openPage("phone")).page;
    await finder.goto("/");
    await finder.getByRole("link", { name: "Find order" }).click();
    await finder.waitForURL("**/find-order");
    await finder.getByRole("button", { name: "Find my order" }).click();
    await expect.poll(() => fieldError(finder, "Order number")).toMatch(/order number/);
    const orderNumber = (await page.getByRole("heading", { level: 1 }).textContent())!.replace(/\D/g, "");
    await finder.getByLabel("Order number").fill(orderNumber);
    await finder.getByLabel("Email or phone number").fill("someone-else@example.com");
    await finder.getByRole("button", { name: "Find my order" }).click();
    await expect.poll(() => finder.getByRole("alert").textContent()).toMatch(/We couldn't find that order/);
    await expectAccessible(finder, "find my order");
    await shoot(finder, "find-order-miss");
    await finder.getByLabel("Email or phone number").fill(email.toUpperCase());
    await finder.getByRole("button", { name: "Find my order" }).click();
    await finder.waitForURL("**/t/*");
    await expect.poll(() => finder.getByTestId("order-status").getAttribute("data-status")).toBe("picked_up");

    expect(errors).toEqual([]);
    expect(fresh.errors).toEqual([]);
  });
});
