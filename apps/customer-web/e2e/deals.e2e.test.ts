// Deals in Chromium (issue 22): an admin's "any 2 medium pizzas" deal is a card on the menu saying what to
// add; the customer adds two medium pizzas (the card counts them down to "your cart has everything"), the
// cart shows the deal's saving line, and the placed order is priced at the deal's price. Axe-clean.
import { screenshot, startAppServer } from "@pizza/api/testing/browser";
import { describe, expect, it } from "vitest";
import {
  appUnderTest,
  expectAccessible,
  expectNoHorizontalScroll,
  findStoreFor,
  register,
} from "./support.ts";

const web = appUnderTest(() => startAppServer());
const LONG = 120_000;

describe("deals in the browser", { timeout: LONG }, () => {
  it("shows a deal card, and prices two medium pizzas at the deal's price in the cart and the order", async () => {
    const db = web.server.platform.db;
    const row = await db
      .selectFrom("users")
      .select(["id", "name"])
      .where("email", "=", "admin@pizza.example")
      .executeTakeFirstOrThrow();
    const admin = { id: row.id, role: "admin" as const, storeId: null, name: row.name };
    await web.server.caller(admin).deal.create({
      regionCode: "us",
      id: "us-two-mediums",
      nameEn: "Any 2 medium pizzas",
      nameDe: "2 mittlere Pizzen",
      nameJa: "M ピザ 2 枚",
      price: 1800,
      slots: [{ kind: "pizza", variant: "medium", quantity: 2 }],
      active: true,
    });

    const { page, errors } = await web.openPage("phone");
    await register(page, "Dee Deal", web.server);
    await findStoreFor(page);
    await page.waitForURL("**/menu");
    const card = page.getByTestId("deal-us-two-mediums");
    await card.getByRole("heading", { name: "Any 2 medium pizzas" }).waitFor();
    expect(await card.textContent()).toContain("$18.00 together");
    const hint = card.getByTestId("deal-hint");
    expect(await hint.textContent()).toBe('Add 2 × Medium 12" pizza to your cart to get this price.');
    await expectAccessible(page, "the menu with a deal card");
    await screenshot(page, "customer-deal-card-phone");

    for (const [n, left] of [
      [0, 'Add 1 × Medium 12" pizza to your cart to get this price.'],
      [1, "Your cart has everything for this deal: the price applies in your cart."],
    ] as const) {
      await page
        .getByRole("link", { name: /^Customize/ })
        .nth(n)
        .click();
      await page.getByRole("radio", { name: /^Medium 12"/ }).check();
      await page.getByTestId("add-to-cart").click();
      await page.waitForURL("**/menu");
      await expect.poll(() => hint.textContent()).toBe(left);
    }

    await page.goto("/cart");
    const line = page.getByTestId("deal-line");
    await line.waitFor();
    expect(await line.locator("dt").textContent()).toBe("Deal: Any 2 medium pizzas");
    expect(await line.locator("dd").textContent()).toMatch(/^−\$\d+\.\d\d$/);
    await expectNoHorizontalScroll(page);
    await expectAccessible(page, "the cart with a deal");
    await screenshot(page, "customer-deal-cart-phone");

    const place = page.getByTestId("place-order");
    await expect.poll(() => place.isEnabled(), { timeout: 15_000 }).toBe(true);
    const shownTotal = await page.getByTestId("total").textContent();
    await place.click();
    await page.waitForURL("**/pay?order=*");
    const orderId = new URL(page.url()).searchParams.get("order")!;
    const order = await db
      .selectFrom("orders")
      .select(["subtotal", "discount", "delivery_fee", "tax", "tip", "total"])
      .where("id", "=", orderId)
      .executeTakeFirstOrThrow();
    expect(order.subtotal - order.discount).toBe(1800);
    expect(order.total).toBe(1800 + order.delivery_fee + order.tax + order.tip);
    expect(shownTotal).toBe(`$${(order.total / 100).toFixed(2)}`);

    // Paid, the tracker's summary names the deal and its saving, as the cart did.
    await page.getByLabel("Card number").fill("4242 4242 4242 4242");
    await page.getByTestId("pay").click();
    await page.waitForURL("**/track?order=*");
    const tracked = page.getByTestId("order-summary").getByTestId("deal-line");
    await tracked.waitFor();
    expect(await tracked.locator("dt").textContent()).toBe("Deal: Any 2 medium pizzas");
    expect(await tracked.locator("dd").textContent()).toBe(`−$${(order.discount / 100).toFixed(2)}`);
    expect(errors).toEqual([]);
  });
});
