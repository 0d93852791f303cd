import { screenshot, startAppServer } from "@pizza/api/testing/browser";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import {
  appUnderTest,
  carryoutFrom,
  expectAccessible,
  expectNoHorizontalScroll,
  firstPizzaIntoCart,
  register,
} from "./support.ts";

// The embedded default (no PAYPAL_*): PayPal is offered through the simulated PayPal, whose approval page
// this server shows under /simulated-paypal and says plainly that it is simulated.
const web = appUnderTest(() => startAppServer());
const { openPage } = web;

async function cartWithPayPal(page: Page) {
  await register(page, "Paula PayPal", web.server);
  await page.goto("/start");
  await carryoutFrom(page, "Midtown Manhattan");
  await firstPizzaIntoCart(page);
  await page.getByRole("radio", { name: "PayPal" }).check();
}

async function placeAndGoToPayPal(page: Page) {
  const place = page.getByTestId("place-order");
  await expect.poll(() => place.isEnabled(), { timeout: 15_000 }).toBe(true);
  await place.click();
  await page.waitForURL("**/simulated-paypal/checkoutnow?token=*");
  await page.getByRole("heading", { name: /Simulated PayPal/ }).waitFor();
}

const paymentOf = (orderId: string) =>
  web.server.db.db
    .selectFrom("payments")
    .select(["status", "amount", "gateway_ref"])
    .where("order_id", "=", orderId)
    .executeTakeFirstOrThrow();

describe("paying with PayPal in the customer web app", { timeout: 150_000 }, () => {
  it("PayPal at checkout: approve on the (simulated) PayPal page, come back, the order is paid", async () => {
    const { page, errors } = await openPage("phone");
    await cartWithPayPal(page);
    await expectAccessible(page, "checkout with PayPal");
    await screenshot(page, "paypal-checkout-phone");
    await placeAndGoToPayPal(page);
    expect(await page.locator("main").textContent()).toMatch(/SIMULATED — this is not PayPal/);
    await expectAccessible(page, "simulated PayPal approval page");
    await expectNoHorizontalScroll(page, "simulated PayPal approval page");
    await screenshot(page, "paypal-approve-phone");

    await page.getByRole("button", { name: "Approve" }).click();
    await page.waitForURL("**/track?order=*");
    await expect.poll(() => page.getByTestId("order-status").getAttribute("data-status")).toBe("placed");
    const orderId = new URL(page.url()).searchParams.get("order")!;
    const payment = await paymentOf(orderId);
    expect(payment.status).toBe("succeeded");
    expect(payment.gateway_ref).toMatch(/^paypal:/);
    await screenshot(page, "paypal-paid-phone");
    expect(errors, "browser console").toEqual([]);
  });

  it("cancel at PayPal: back on the pay page with a notice, nothing paid; PayPal again from there pays", async () => {
    const { page, errors } = await openPage("desktop");
    await cartWithPayPal(page);
    await placeAndGoToPayPal(page);
    await page.getByRole("button", { name: "Cancel" }).click();
    await page.waitForURL("**/pay?order=*&paypal=cancelled");
    await page.getByText("You cancelled at PayPal. Choose how to pay.").waitFor();
    const orderId = new URL(page.url()).searchParams.get("order")!;
    expect((await paymentOf(orderId)).status).not.toBe("succeeded");
    await expectAccessible(page, "pay page after a PayPal cancel");
    await screenshot(page, "paypal-cancelled-desktop");

    await page.getByTestId("pay-with-paypal").click();
    await page.waitForURL("**/simulated-paypal/checkoutnow?token=*");
    await page.getByRole("button", { name: "Approve" }).click();
    await page.waitForURL("**/track?order=*");
    await expect.poll(() => page.getByTestId("order-status").getAttribute("data-status")).toBe("placed");
    expect((await paymentOf(orderId)).status).toBe("succeeded");
    expect(errors, "browser console").toEqual([]);
  });
});
