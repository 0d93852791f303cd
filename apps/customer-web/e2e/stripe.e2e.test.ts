import {
  type AppServer,
  launchBrowser,
  StripeGateway,
  StripeStandIn,
  screenshot,
  startAppServer,
  stripeJsStandIn,
  VIEWPORTS,
  watchConsole,
} from "@pizza/api/testing/browser";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findStoreFor, firstPizzaIntoCart, register } from "./support.ts";

// No internet here: Stripe's API is the local stand-in (the server's real `stripe` SDK talks to it),
// and Stripe.js is a small stand-in script served in place of https://js.stripe.com that talks to the
// same stand-in with the publishable key.
const PUBLISHABLE_KEY = "pk_test_stand_in";

let standIn: StripeStandIn;
let server: AppServer;
let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  standIn = await new StripeStandIn().start();
  const gateway = new StripeGateway({
    secretKey: "sk_test_stand_in",
    webhookSecret: "whsec_stand_in",
    publishableKey: PUBLISHABLE_KEY,
    timeoutMs: 5_000,
    ...standIn.sdkOptions,
  });
  // The page's CSP lets Stripe.js (the stand-in) reach "Stripe's API" — here the local stand-in.
  server = await startAppServer(
    undefined,
    { CSP_CONNECT_SRC: `http://127.0.0.1:${standIn.port}` },
    { paymentGateway: gateway },
  );
  await server.platform.events.start();
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => undefined);
  await browser?.close();
  await server?.close();
  await standIn?.close();
});

async function openPage(): Promise<{ page: Page; errors: string[]; stripeJs: string[] }> {
  const context = await browser.newContext({ ...VIEWPORTS.phone, baseURL: server.url });
  contexts.push(context);
  const stripeJs: string[] = [];
  await context.route("https://js.stripe.com/**", (route) => {
    stripeJs.push(route.request().url());
    return route.fulfill({
      contentType: "application/javascript",
      body: stripeJsStandIn(`http://127.0.0.1:${standIn.port}`),
    });
  });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  const { errors } = watchConsole(page);
  return { page, errors, stripeJs };
}

/** A pizza for delivery from the New York store, ordered up to the payment page. */
async function orderAPizza(page: Page, inCart: () => void = () => undefined) {
  await findStoreFor(page);
  await firstPizzaIntoCart(page);
  inCart();
  const place = page.getByTestId("place-order");
  await expect.poll(() => place.isEnabled(), { timeout: 15_000 }).toBe(true);
  await place.click();
  await page.waitForURL("**/pay?order=*");
}

describe("paying with the Stripe Payment Element", { timeout: 120_000 }, () => {
  it("a declined card, then 3-D Secure completed in Stripe.js: the order is paid once, as the server says", async () => {
    const { page, errors, stripeJs } = await openPage();
    await register(page, "Evelyn Boyd", server);
    await orderAPizza(page, () =>
      // Stripe.js is not part of the menu or the cart: it loads on the payment page only.
      expect(stripeJs, "Stripe.js requested before the payment page").toEqual([]),
    );
    const orderId = new URL(page.url()).searchParams.get("order")!;

    // The Payment Element, no test-mode card form.
    const element = page.getByTestId("stripe-payment-element");
    await element.waitFor();
    expect(stripeJs.length).toBeGreaterThanOrEqual(1);
    expect(await page.getByTestId("test-mode").count()).toBe(0);
    const pay = page.getByTestId("pay");
    await expect.poll(() => pay.isEnabled()).toBe(true);
    await screenshot(page, "stripe-payment-element-phone");

    await element.getByLabel("Card number").fill("4000 0000 0000 0002");
    await pay.click();
    const error = page.getByTestId("pay-error");
    await error.waitFor();
    expect(await error.textContent()).toMatch(/declined/i);

    await element.getByLabel("Card number").fill("4000 0025 0000 3155");
    await pay.click();
    const challenge = page.getByTestId("stripe-3ds");
    await challenge.waitFor();
    await screenshot(page, "stripe-3ds-phone");
    await challenge.getByRole("button", { name: "Complete" }).click();
    await page.waitForURL("**/track?order=*");
    await expect.poll(() => page.getByTestId("order-status").getAttribute("data-status")).toBe("placed");

    // Our books and Stripe's agree: one intent, charged once, for the server's total.
    const order = await server.db.db
      .selectFrom("orders")
      .select(["total", "status"])
      .where("id", "=", orderId)
      .executeTakeFirstOrThrow();
    const payment = await server.db.db
      .selectFrom("payments")
      .select(["status", "amount", "gateway", "gateway_ref"])
      .where("order_id", "=", orderId)
      .executeTakeFirstOrThrow();
    expect(payment).toMatchObject({ status: "succeeded", amount: order.total, gateway: "stripe" });
    const intent = standIn.intent(payment.gateway_ref!);
    expect(intent).toMatchObject({
      status: "succeeded",
      amount: order.total,
      payment_method: "pm_card_authenticationRequired",
    });
    expect(standIn.chargesFor(payment.gateway_ref!)).toBe(1);
    // Card numbers went from the browser to "Stripe" with the publishable key, never to our server.
    const fromBrowser = standIn.requests.filter((r) => r.path === "/v1/payment_methods");
    expect(fromBrowser.map((r) => r.authorization)).toEqual([
      `Bearer ${PUBLISHABLE_KEY}`,
      `Bearer ${PUBLISHABLE_KEY}`,
    ]);
    const confirms = standIn.requests.filter((r) => /\/confirm$/.test(r.path));
    expect(confirms.every((r) => r.authorization?.startsWith("Bearer sk_"))).toBe(true);
    expect(confirms.map((r) => r.body.payment_method)).toEqual([
      "pm_card_chargeDeclined",
      "pm_card_authenticationRequired",
    ]);
    expect(errors, "browser console").toEqual([]);
  });
  it("a card saved on the first order pays the next one, and is removed from the account", async () => {
    const { page, errors } = await openPage();
    await register(page, "Marian Croak", server);
    await orderAPizza(page);
    const element = page.getByTestId("stripe-payment-element");
    await element.waitFor();
    // Nothing saved yet: no choice, just the Payment Element and the offer to keep the card.
    expect(await page.getByTestId("saved-card-choice").count()).toBe(0);
    await element.getByLabel("Card number").fill("4242 4242 4242 4242");
    await page.getByLabel("Save this card").check();
    const pay = page.getByTestId("pay");
    await expect.poll(() => pay.isEnabled()).toBe(true);
    await pay.click();
    await page.waitForURL("**/track?order=*");
    await expect.poll(() => page.getByTestId("order-status").getAttribute("data-status")).toBe("placed");

    // The next order offers the saved card first; paying with it needs no card details.
    const before = standIn.requests.filter((r) => r.path === "/v1/payment_methods").length;
    await orderAPizza(page);
    const orderId = new URL(page.url()).searchParams.get("order")!;
    const choice = page.getByTestId("saved-card-choice");
    await choice.waitFor();
    const saved = choice.getByRole("radio", { name: "Visa •••• 4242, exp 12/30" });
    expect(await saved.isChecked()).toBe(true);
    expect(await page.getByLabel("Save this card").isVisible()).toBe(false);
    await screenshot(page, "stripe-saved-card-phone");
    await page.getByTestId("pay").click();
    await page.waitForURL("**/track?order=*");
    await expect.poll(() => page.getByTestId("order-status").getAttribute("data-status")).toBe("placed");
    expect(standIn.requests.filter((r) => r.path === "/v1/payment_methods").length).toBe(before);
    const payment = await server.db.db
      .selectFrom("payments")
      .select(["status", "gateway_ref"])
      .where("order_id", "=", orderId)
      .executeTakeFirstOrThrow();
    expect(payment.status).toBe("succeeded");
    const intent = standIn.intent(payment.gateway_ref!)!;
    expect(intent.customer).toMatch(/^cus_/);
    expect(intent.payment_method).toMatch(/^pm_(?!card_)/);
    expect(standIn.chargesFor(intent.id)).toBe(1);

    // The account lists it; removing asks first, then it is gone (detached at Stripe).
    await page.goto("/account");
    const section = page.getByTestId("saved-cards");
    await section.getByText("Visa •••• 4242, exp 12/30").waitFor();
    await screenshot(page, "account-saved-cards-phone");
    const asked: string[] = [];
    page.once("dialog", (dialog) => {
      asked.push(dialog.message());
      void dialog.accept();
    });
    await section.getByRole("button", { name: "Remove Visa •••• 4242, exp 12/30" }).click();
    await section.getByText("No saved cards yet.", { exact: false }).waitFor();
    expect(asked).toEqual(["Remove Visa •••• 4242, exp 12/30 from your saved cards?"]);
    expect(
      standIn.requests.filter((r) => r.path === `/v1/payment_methods/${intent.payment_method}/detach`),
    ).toHaveLength(1);
    expect(errors, "browser console").toEqual([]);
  });
});
