import { randomBytes } from "node:crypto";
import { screenshot, startAppServer, VIEWPORTS } from "@pizza/api/testing/browser";
import { describe, expect, it } from "vitest";
import { appUnderTest, carryoutFrom, expectAccessible } from "./support.ts";

const web = appUnderTest(() => startAppServer());
const { openPage } = web;

describe("guest checkout in the customer web app", { timeout: 120_000 }, () => {
  it("a guest orders carryout without a password, pays with 4242… and tracks only their own order", async () => {
    const { page, errors } = await openPage("phone");
    const email = `guest-${randomBytes(4).toString("hex")}@example.com`;

    await page.goto("/start");
    await carryoutFrom(page, "Midtown Manhattan");
    await page
      .getByRole("link", { name: /^Customize/ })
      .first()
      .click();
    // Issue 16: a stranger sees the server's price before signing in, in the builder and in the cart.
    await expect
      .poll(() => page.getByTestId("live-price").textContent(), { timeout: 15_000 })
      .toMatch(/\$\d/);
    expect(await page.getByTestId("live-price").textContent()).not.toMatch(/sign in/i);
    await page.getByTestId("add-to-cart").click();
    await page.waitForURL("**/menu");
    await page.goto("/cart");
    await page.getByTestId("breakdown").waitFor();
    expect(await page.getByTestId("breakdown").textContent()).toMatch(/Total.*\$\d/s);
    expect(await page.locator(".cart-lines").textContent()).toMatch(/\$\d/);

    // Nobody is signed in: the cart offers guest checkout beside sign-in; a missing contact is explained.
    const guest = page.getByRole("form", { name: "Check out as a guest" });
    await guest.getByLabel("Your name").fill("Gina Guest");
    await guest.getByRole("button", { name: "Continue as a guest" }).click();
    await expect.poll(() => guest.locator(".field__error").first().textContent()).toMatch(/email/i);
    expect(await guest.getByRole("textbox", { name: "Email" }).getAttribute("aria-invalid")).toBe("true");
    await guest.getByRole("textbox", { name: "Email" }).fill(email);
    await expectAccessible(page, "guest checkout");
    await page.setViewportSize({ width: 360, height: 740 });
    expect(
      await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth),
    ).toBeLessThanOrEqual(0);
    await page.setViewportSize(VIEWPORTS.phone.viewport);
    await screenshot(page, "guest-checkout-phone");
    await guest.getByRole("button", { name: "Continue as a guest" }).click();

    await page.getByTestId("breakdown").waitFor();
    const place = page.getByTestId("place-order");
    await expect.poll(() => place.isEnabled(), { timeout: 15_000 }).toBe(true);
    await place.click();
    await page.waitForURL("**/pay?order=*");
    await page.getByLabel("Card number").fill("4242 4242 4242 4242");
    await page.getByTestId("pay").click();
    await page.waitForURL("**/track?order=*");
    await expect.poll(() => page.getByTestId("order-status").getAttribute("data-status")).toBe("placed");
    const orderId = new URL(page.url()).searchParams.get("order")!;

    // The order belongs to a new guest account that kept the receipt address, not a sign-in email.
    const owner = await web.server.db.db
      .selectFrom("orders")
      .innerJoin("users", "users.id", "orders.customer_id")
      .select(["users.is_guest", "users.email", "users.contact_email", "users.name", "orders.channel"])
      .where("orders.id", "=", orderId)
      .executeTakeFirstOrThrow();
    expect(owner).toEqual({
      is_guest: true,
      email: null,
      contact_email: email,
      name: "Gina Guest",
      channel: "carryout",
    });
    const payment = await web.server.db.db
      .selectFrom("payments")
      .select(["status", "amount"])
      .where("order_id", "=", orderId)
      .executeTakeFirstOrThrow();
    expect(payment.status).toBe("succeeded");
    await screenshot(page, "guest-tracker-phone");

    // Someone else's order, even with its id, is not the guest's to see.
    const someone = await web.server.db.db
      .selectFrom("users")
      .select("id")
      .where("email", "=", "customer@pizza.example")
      .executeTakeFirstOrThrow();
    const midtown = await web.server.db.db
      .selectFrom("stores")
      .select("id")
      .where("slug", "=", "nyc-midtown")
      .executeTakeFirstOrThrow();
    const theirs = await web.server
      .caller({ id: someone.id, role: "customer", storeId: null, name: "Demo" })
      .order.placeOrder({
        idempotencyKey: `guest-e2e-${randomBytes(6).toString("hex")}`,
        channel: "carryout",
        paymentMethod: "cash",
        storeId: midtown.id,
        items: [{ itemId: "margherita", variant: "medium", quantity: 1 }],
      });
    await page.goto(`/track?order=${theirs.id}`);
    await page.getByText("We could not find that order.").waitFor();
    expect(errors, "browser console").toEqual([]);
  });
});
