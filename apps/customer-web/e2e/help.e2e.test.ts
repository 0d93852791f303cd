// Help with an order (issue 16) in Chromium, across both apps: the customer reports a missing item on
// the tracker (with a photo, whose EXIF the server strips), the store's staff see it in the console's
// "Help requests" at 1024×768 and refund that line in one action, and the customer reads the outcome on
// the tracker and in the order history.
import { randomUUID } from "node:crypto";
import { writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { screenshot, signedInPage, startAppServer } from "@pizza/api/testing/browser";
import type { BrowserContextOptions, Page } from "playwright-core";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { appUnderTest, expectAccessible, expectNoHorizontalScroll } from "./support.ts";

const web = appUnderTest(() => startAppServer());
const DEMO_PASSWORD = "PizzaDemo-2026";
const WIDE = { viewport: { width: 1366, height: 900 } } satisfies BrowserContextOptions;

/** A page of `app` signed in as a seeded `email`. */
const signedIn = (app: "customer-web" | "store-console", email: string, size: BrowserContextOptions) =>
  signedInPage(web.server, web.browser, app, { email, password: DEMO_PASSWORD }, size);

/** A photo as a phone takes it: a JPEG with EXIF (camera and a note standing in for a GPS position). */
async function phonePhoto(): Promise<string> {
  const path = join(tmpdir(), `help-${randomUUID()}.jpg`);
  const bytes = await sharp({ create: { width: 640, height: 480, channels: 3, background: "#c0392b" } })
    .jpeg()
    .withExif({ IFD0: { Make: "PhoneCo", ImageDescription: "kitchen table at 40.75N 73.98W" } })
    .toBuffer();
  expect((await sharp(bytes).metadata()).exif, "the test photo carries EXIF").toBeDefined();
  writeFileSync(path, bytes);
  return path;
}

async function look(page: Page, name: string) {
  await expectNoHorizontalScroll(page, name);
  await expectAccessible(page, name);
  await screenshot(page, name);
}

describe("help with an order", () => {
  it("customer files a missing item with a photo → staff refund that line → customer sees the refund", async () => {
    const customer = await signedIn("customer-web", "customer@pizza.example", {
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
    });
    const api = web.server.caller(await web.server.platform.tokens.verify(customer.session.accessToken));
    const { id: midtown } = await web.server.platform.db
      .selectFrom("stores")
      .select("id")
      .where("slug", "=", "nyc-midtown")
      .executeTakeFirstOrThrow();
    const order = await api.order.placeOrder({
      idempotencyKey: `e2e-${randomUUID()}`,
      channel: "delivery",
      paymentMethod: "card",
      storeId: midtown,
      tip: 0,
      address: { line1: "350 5th Ave", city: "New York" },
      location: { lat: 40.7527, lng: -73.985 },
      items: [
        { itemId: "pepperoni", variant: "large", quantity: 1 },
        { itemId: "garlic_bread", variant: "8pc", quantity: 1 },
      ],
    });
    await api.payment.processPayment({
      orderId: order.id,
      method: { type: "test_card", number: "4242424242424242", expMonth: 12, expYear: 2099, cvc: "123" },
    });
    const bread = order.items.find((i) => i.itemId === "garlic_bread")!;

    // The customer, on a phone: "Problem with my order" on the tracker.
    const { page } = customer;
    await page.goto(`/track?order=${order.id}`);
    await page.getByRole("button", { name: "Problem with my order" }).click();
    await page.getByRole("radio", { name: "Something was missing" }).check();
    await page.getByRole("checkbox", { name: new RegExp(bread.name) }).check();
    await page.getByLabel("Tell us what happened").fill("The garlic bread was not in the bag.");
    await page.getByLabel(/A photo/).setInputFiles(await phonePhoto());
    await look(page, "customer-help-form-390");
    await page.getByRole("button", { name: "Send to the store" }).click();
    const outcome = page.getByTestId("help-outcome");
    await outcome.and(page.locator('[data-status="open"]')).waitFor();
    const stored = await web.server.platform.db
      .selectFrom("help_requests")
      .innerJoin("help_photos", "help_photos.id", "help_requests.photo_id")
      .select(["help_photos.blob_key"])
      .where("help_requests.order_id", "=", order.id)
      .executeTakeFirstOrThrow();
    // Kept in the blob store (uploaded there straight from the page through a signed link).
    const blob = await web.server.platform.blobs.get(stored.blob_key!);
    const meta = await sharp(blob!.bytes).metadata();
    expect(meta.format).toBe("jpeg");
    expect(meta.exif, "the stored photo has no EXIF").toBeUndefined();

    // The staff, on the console at 1024×768: the request with its photo; refund the named line.
    const staff = await signedIn("store-console", "staff.nyc-midtown@pizza.example", {
      viewport: { width: 1024, height: 768 },
    });
    await staff.page.goto("/store/");
    await staff.page.getByRole("button", { name: "Not now" }).click();
    await staff.page.getByRole("button", { name: /^Help requests \(1\)/ }).click();
    const card = staff.page.getByTestId("help-request").filter({ hasText: `Order ${order.orderNumber}` });
    await card.getByRole("img", { name: /customer sent/ }).waitFor();
    await expect
      .poll(() => card.getByRole("radio", { name: /Refund the chosen lines/ }).isChecked())
      .toBe(true);
    await look(staff.page, "console-help-request-1024");
    await card.getByRole("button", { name: "Send answer" }).click();
    await card.waitFor({ state: "detached" });
    await staff.page.getByText("No open requests. Good.").waitFor();

    // The customer sees the refund on the tracker and in the order history, at both sizes.
    await page.reload();
    const refunded = page.getByTestId("help-outcome").and(page.locator('[data-status="refunded"]'));
    await refunded.waitFor();
    expect(await refunded.textContent()).toContain(`refunded ${moneyOf(bread.lineTotal)}`);
    await look(page, "customer-help-refunded-390");
    await page.goto("/orders");
    const row = page.getByTestId("history-order").filter({ hasText: `#${order.orderNumber}` });
    await row.getByTestId("help-outcome").and(page.locator('[data-status="refunded"]')).waitFor();
    await page.setViewportSize(WIDE.viewport);
    await look(page, "customer-help-orders-1366");
    await page.goto(`/track?order=${order.id}`);
    await refunded.waitFor();
    await look(page, "customer-help-refunded-1366");
    await web.server.platform.services.payments.settled();
    const payment = await web.server.platform.db
      .selectFrom("payments")
      .select(["amount_refunded"])
      .where("order_id", "=", order.id)
      .executeTakeFirstOrThrow();
    expect(payment.amount_refunded).toBe(bread.lineTotal);
  }, 180_000);
});

const moneyOf = (minor: number) => `$${(minor / 100).toFixed(2)}`;
