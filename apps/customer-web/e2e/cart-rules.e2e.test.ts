// Issue 16, findings 4 and 5, in Chromium: the Berlin cart shows VAT at 7 % and 19 % with each rate's net
// amount; the delivery minimum is said in the cart before Place order (which is disabled, pointing to the
// reason); the same item added twice is one line; the quantity stepper says why it stops at 20; an item
// out of stock opened from a link says so and cannot be added, for a stranger and a signed-in guest alike;
// a cart without a drink offers one.
import { randomBytes } from "node:crypto";
import { screenshot, startAppServer } from "@pizza/api/testing/browser";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { appUnderTest, expectAccessible, expectNoHorizontalScroll, findStoreFor } from "./support.ts";

const web = appUnderTest(() => startAppServer());
const { openPage } = web;
/** Inside Berlin Mitte's delivery zone. */
const BERLIN = { lat: "52.525100", lng: "13.403500" };

async function deliverInBerlin(page: Page) {
  await findStoreFor(page, { area: "Berlin", street: "Rosenthaler Str. 38", city: "Berlin", at: BERLIN });
  await page.waitForURL("**/menu");
}

async function addFromLink(page: Page, itemId: string) {
  await page.goto(`/build?item=${itemId}`);
  const add = page.getByTestId("add-to-cart");
  await expect.poll(() => add.isEnabled(), { timeout: 15_000 }).toBe(true);
  await add.click();
  await page.waitForURL("**/menu");
}

async function expectSoldOut(page: Page) {
  await page.goto("/build?item=tiramisu");
  await expect
    .poll(() => page.getByTestId("stock-notice").textContent())
    .toMatch(/Out of stock at this store/);
  const add = page.getByTestId("add-to-cart");
  expect(await add.isDisabled()).toBe(true);
  expect(await add.getAttribute("aria-describedby")).toBe("stock-notice");
}

describe("cart rules said before they bite", { timeout: 180_000 }, () => {
  it("Berlin: minimum, merged lines, the stepper's limit, out of stock, and VAT at 7 % and 19 %", async () => {
    const { page, errors } = await openPage("phone");
    await deliverInBerlin(page);

    // The store runs out of tiramisu; a direct link still opens it, but says so and cannot add it.
    const mitte = await web.server.db.db
      .selectFrom("users")
      .innerJoin("stores", "stores.id", "users.store_id")
      .select(["users.id", "users.name", "users.store_id"])
      .where("stores.slug", "=", "ber-mitte")
      .where("users.role", "=", "staff")
      .executeTakeFirstOrThrow();
    await web.server
      .caller({ id: mitte.id, role: "staff", storeId: mitte.store_id, name: mitte.name })
      .store.setAvailability({ entity: "item", entityId: "tiramisu", available: false });
    await expectSoldOut(page);
    await expectAccessible(page, "builder, out of stock");
    await screenshot(page, "cart-rules-sold-out-phone");

    // The builder's stepper stops at 20 and says why, next to it.
    await page.goto("/build?item=water");
    const up = page.getByRole("button", { name: "One more" });
    for (let q = 1; q < 20; q++) await up.click();
    await expect.poll(() => page.getByTestId("quantity-limit").textContent()).toMatch(/20 is the most/);
    expect(await up.isDisabled()).toBe(true);
    await screenshot(page, "cart-rules-builder-limit-phone");

    // The same cola twice is one line of two.
    await addFromLink(page, "cola");
    await addFromLink(page, "cola");
    await page.goto("/cart");
    await page.getByTestId("breakdown").waitFor();
    expect(await page.getByTestId("cart-line").count()).toBe(1);
    expect(await page.getByLabel(/^Quantity of/).textContent()).toBe("2");

    // Below the delivery minimum: said at once, in euros (written the English way: the page is in English).
    await expect
      .poll(() => page.getByTestId("delivery-minimum").textContent())
      .toMatch(/Add €\d+\.\d\d more for delivery/);

    // A guest signs in to check out: Place order stays disabled and points to the minimum.
    const guest = page.getByRole("form", { name: "Check out as a guest" });
    await guest.getByLabel("Your name").fill("Greta Gast");
    await guest
      .getByRole("textbox", { name: "Email" })
      .fill(`gast-${randomBytes(4).toString("hex")}@example.com`);
    await guest.getByRole("button", { name: "Continue as a guest" }).click();
    const place = page.getByTestId("place-order");
    await place.waitFor();
    // Signing in prices the cart again: the button says why it is disabled once that quote is back.
    await expect.poll(() => place.getAttribute("aria-describedby")).toBe("delivery-minimum");
    expect(await place.isDisabled()).toBe(true);
    await screenshot(page, "cart-rules-minimum-phone");

    // Signed in now, the sold-out item is refused the same way.
    await expectSoldOut(page);

    // A pizza lifts the cart over the minimum; the VAT is split: food 7 %, the cola 19 %.
    await page.goto("/menu");
    await page
      .getByRole("link", { name: /^Customize/ })
      .first()
      .click();
    const add = page.getByTestId("add-to-cart");
    await expect.poll(() => add.isEnabled(), { timeout: 15_000 }).toBe(true);
    await add.click();
    await page.waitForURL("**/menu");
    await page.goto("/cart");
    await page.getByTestId("breakdown").waitFor();
    await expect.poll(() => page.getByTestId("delivery-minimum").count()).toBe(0);
    await expect.poll(() => place.isEnabled(), { timeout: 15_000 }).toBe(true);
    await expect.poll(() => page.getByTestId("tax-line").count()).toBe(2);
    const taxes = await page.getByTestId("tax-line").allTextContents();
    expect(taxes[0]).toMatch(/incl\. VAT 7\s?% on net €\d+\.\d\d\s*€\d+\.\d\d/);
    expect(taxes[1]).toMatch(/incl\. VAT 19\s?% on net €\d+\.\d\d\s*€\d+\.\d\d/);

    // The stepper stops at 20 and says why, next to it.
    const colaLine = page.getByTestId("cart-line").filter({ hasText: "Cola" });
    const more = colaLine.getByRole("button", { name: /^One more/ });
    for (let q = 2; q < 20; q++) {
      await more.click();
      await expect.poll(() => colaLine.getByLabel(/^Quantity of/).textContent()).toBe(String(q + 1));
    }
    expect(await more.isDisabled()).toBe(true);
    await expect
      .poll(() => colaLine.getByTestId("quantity-limit").textContent())
      .toMatch(/20 is the most for one line/);
    expect(await more.getAttribute("aria-describedby")).toBe(
      await colaLine.getByTestId("quantity-limit").getAttribute("id"),
    );
    await page.getByTestId("breakdown").waitFor();
    await expectAccessible(page, "Berlin cart");
    await expectNoHorizontalScroll(page, "Berlin cart");
    await screenshot(page, "cart-rules-berlin-phone");
    await page.setViewportSize({ width: 1366, height: 900 });
    await expectNoHorizontalScroll(page, "Berlin cart at 1366 px");
    await screenshot(page, "cart-rules-berlin-desktop");

    // Without a drink, the cart offers two (no alcohol), and one tap adds one.
    await colaLine.getByRole("button", { name: /^Remove/ }).click();
    const offer = page.getByTestId("drink-suggestion");
    await offer.waitFor();
    expect(await offer.textContent()).not.toMatch(/beer|Bier/i);
    await expectAccessible(page, "cart with a drink offered");
    await screenshot(page, "cart-rules-drink-desktop");
    await offer
      .getByRole("button", { name: /^\+ Cola/ })
      .first()
      .click();
    await expect.poll(() => page.getByTestId("cart-line").count()).toBe(2);
    await expect.poll(() => offer.count()).toBe(0);
    expect(errors, "browser console").toEqual([]);
  });
});
