// What the customer web app's e2e files share: a real server with the built apps, one Chromium, pages
// that record console errors, and the checks every screen gets (accessibility, no sideways scroll).
import { randomBytes } from "node:crypto";
import {
  type AppServer,
  expectAccessible,
  launchBrowser,
  VIEWPORTS,
  watchConsole,
} from "@pizza/api/testing/browser";
import { lastCodeSentTo } from "@pizza/api/testing/sign-up";
import type { Browser, BrowserContext, BrowserContextOptions, Page } from "playwright-core";
import { afterAll, beforeAll, expect } from "vitest";

export const PASSWORD = "Crust-Lover-2026!";
/** Inside Midtown Manhattan's delivery zone. */
export const IN_ZONE = { lat: "40.752700", lng: "-73.985000" };

export interface AppUnderTest {
  readonly server: AppServer;
  readonly browser: Browser;
  /**
   * A fresh browser context at a named viewport, on the server's URL; `errors` collects console errors.
   * `options` adds to the context (a granted geolocation permission and a position, a locale).
   */
  openPage(
    size: keyof typeof VIEWPORTS,
    options?: BrowserContextOptions,
  ): Promise<{ page: Page; errors: string[] }>;
}

/** Starts the server (and its event consumers) and Chromium before the file's tests, and stops them after. */
export function appUnderTest(start: () => Promise<AppServer>): AppUnderTest {
  let server: AppServer | undefined;
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];
  beforeAll(async () => {
    server = await start();
    await server.platform.events.start();
    browser = await launchBrowser();
  }, 120_000);
  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await server?.close();
  });
  const app: AppUnderTest = {
    get server() {
      if (!server) throw new Error("the app server is not started (use it inside a test)");
      return server;
    },
    get browser() {
      if (!browser) throw new Error("the browser is not started (use it inside a test)");
      return browser;
    },
    async openPage(size, options = {}) {
      const context = await app.browser.newContext({
        ...VIEWPORTS[size],
        ...options,
        baseURL: app.server.url,
      });
      contexts.push(context);
      const page = await context.newPage();
      page.setDefaultTimeout(15_000);
      const { errors } = watchConsole(page);
      return { page, errors };
    },
  };
  return app;
}

/** Signs a new customer up with a random email, confirming the code the server "sent"; returns the email. */
export async function register(page: Page, name: string, server: AppServer): Promise<string> {
  const email = `e2e-${randomBytes(4).toString("hex")}@example.com`;
  await page.goto("/signup");
  await page.getByLabel("Your name").fill(name);
  await page.getByRole("textbox", { name: "Email" }).fill(email);
  await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
  await confirmSignUpCode(page, server, email);
  return email;
}

/** Types the code the embedded notifier "sent" to `to` into the sign-up's code step; waits for the account page. */
export async function confirmSignUpCode(page: Page, server: AppServer, to: string) {
  await page.getByLabel("6-digit code").waitFor();
  const code = lastCodeSentTo(server, to);
  expect(code, `a sign-up code sent to ${to}`).toMatch(/^\d{6}$/);
  await page.getByLabel("6-digit code").fill(code!);
  await page.getByRole("button", { name: "Confirm and sign in" }).click();
  await page.waitForURL("**/account**");
}

/** Nothing sticks out sideways: the page fits its viewport (360 px phones included). */
export async function expectNoHorizontalScroll(page: Page, what = "page") {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, `${what} is wider than the viewport`).toBeLessThanOrEqual(0);
}

/** Where an order starts on the start screen: Midtown Manhattan unless told otherwise. */
export interface StartAt {
  /** The start screen's way to get the pizza. */
  mode?: "Delivery" | "Schedule";
  /** The area to pick first (the language's area otherwise). */
  area?: string;
  street?: string;
  city?: string;
  at?: { lat: string; lng: string };
  /** Called once the address and pin are in, before the store is looked up (screenshots, checks). */
  beforeFind?: () => Promise<void>;
}

/** Fills the start screen with an address and pin and asks for the store there (not waiting for the menu). */
export async function findStoreFor(page: Page, start: StartAt = {}) {
  await page.goto("/start");
  if (start.area) await page.getByRole("radio", { name: start.area }).check();
  await page.getByRole("radio", { name: start.mode ?? "Delivery" }).check();
  await page.getByLabel("Street and number").fill(start.street ?? "350 5th Ave");
  await page.getByLabel("City", { exact: true }).fill(start.city ?? "New York");
  const at = start.at ?? IN_ZONE;
  await page.getByLabel("Latitude").fill(at.lat);
  await page.getByLabel("Longitude").fill(at.lng);
  await start.beforeFind?.();
  await page.getByRole("button", { name: "Find my store and see the menu" }).click();
}

/**
 * On the start screen: carryout from the demo store named `store` (of the area chosen), pressing the
 * buttons in the page's language; ends on the menu's address.
 */
export async function carryoutFrom(
  page: Page,
  store: string,
  words: { carryout: string; orderHere: string } = { carryout: "Carryout", orderHere: "Order here" },
) {
  await page.getByRole("radio", { name: words.carryout }).check();
  await page.locator("li").filter({ hasText: store }).getByRole("button", { name: words.orderHere }).click();
  await page.waitForURL("**/menu");
}

/**
 * On the start screen in German with Berlin as the area: carryout from Berlin Mitte, which never closes in
 * the demo (Kreuzberg does at night, which would fail a night-time run); ends on the German menu.
 */
export async function carryoutFromBerlinMitte(page: Page) {
  await carryoutFrom(page, "Berlin Mitte", { carryout: "Abholung", orderHere: "Hier bestellen" });
  await page.getByRole("heading", { name: "Pizzen" }).waitFor();
}

/** The menu's first pizza with the builder's defaults into the cart; ends on the priced cart. */
export async function firstPizzaIntoCart(page: Page, price: RegExp = /\$\d/) {
  await page.waitForURL("**/menu");
  await page
    .getByRole("link", { name: /^Customize/ })
    .first()
    .click();
  await expect.poll(() => page.getByTestId("live-price").textContent(), { timeout: 15_000 }).toMatch(price);
  await page.getByTestId("add-to-cart").click();
  await page.waitForURL("**/menu");
  await page.goto("/cart");
  await page.getByTestId("breakdown").waitFor();
}

export { expectAccessible };
