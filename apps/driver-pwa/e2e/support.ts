// What the driver PWA's e2e files share: signing a seeded driver in the way a driver does, a phone near
// a store, the local push service a phone subscribes to, and a cash order from placing to the door.
import { randomUUID } from "node:crypto";
import { type AppServer, VIEWPORTS } from "@pizza/api/testing/browser";
import {
  pushManagerStandIn,
  startTestPushService,
  type TestDevice,
  type TestPushService,
} from "@pizza/api/testing/push-service";
import type { Browser, BrowserContext, Locator, Page } from "playwright-core";
import { vi } from "vitest";

/** Every seeded account's password (README, "Demo accounts"). */
export const DEMO_PASSWORD = "PizzaDemo-2026";

/**
 * Signs a seeded driver in at /driver/ and dismisses the service worker's one-time "works offline" note;
 * ends on "Start your shift".
 */
export async function signInAsDriver(page: Page, email: string) {
  await page.goto("/driver/");
  await page.getByRole("textbox", { name: "Email" }).fill(email);
  await page.getByLabel("Password", { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("heading", { name: "Start your shift" }).waitFor();
  const toast = page.getByTestId("pwa-toast");
  await toast.waitFor();
  await toast.getByRole("button", { name: "OK" }).click();
}

/** Metres → degrees near a place (good enough for a few kilometres): a geolocation fix for Playwright. */
export function offset(from: { lat: number; lng: number }, northM: number, eastM: number) {
  return {
    latitude: from.lat + northM / 111_320,
    longitude: from.lng + eastM / (111_320 * Math.cos((from.lat * Math.PI) / 180)),
    accuracy: 8,
  };
}

/**
 * The seeded store `slug` (id and position) and a driver's phone `northM` metres north of it: a phone-sized
 * browser context on the server's origin sharing that location, with `permissions` besides.
 */
export async function phoneNearStore(
  server: AppServer,
  browser: Browser,
  slug: string,
  northM: number,
  permissions: string[] = [],
): Promise<{ store: { id: string; lat: number; lng: number }; context: BrowserContext }> {
  const store = await server.db.db
    .selectFrom("stores")
    .select(["id", "lat", "lng"])
    .where("slug", "=", slug)
    .executeTakeFirstOrThrow();
  const context = await browser.newContext({
    ...VIEWPORTS.phone,
    baseURL: server.url,
    geolocation: offset(store, northM, 0),
    permissions: ["geolocation", ...permissions],
  });
  return { store, context };
}

/** A new page of `context` that waits up to 15 s for what it looks for. */
export async function newPage(context: BrowserContext): Promise<Page> {
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  return page;
}

/**
 * The local push service (the stand-in for FCM, checking `server`'s VAPID key) and a device of it: every page
 * of `context` opened after this gets that device from PushManager.subscribe (Chromium cannot reach a real one).
 */
export async function pushDeviceFor(
  server: AppServer,
  context: BrowserContext,
): Promise<{ push: TestPushService; device: TestDevice }> {
  const push = await startTestPushService(() => server.platform.config.push!.publicKey);
  const device = push.device();
  await context.addInitScript(pushManagerStandIn, device.subscription);
  return { push, device };
}

/** Polls `check` until it returns a truthy value (and returns it), at most `ms`. */
export function until<T>(
  what: string,
  check: () => Promise<T | undefined | null | false>,
  ms = 30_000,
): Promise<T> {
  return vi.waitFor(
    async () => {
      const v = await check();
      if (!v) throw new Error(`${what}: not reached within ${ms} ms`);
      return v;
    },
    { timeout: ms, interval: 100 },
  );
}

/** An order's status in the server's database. */
export async function orderStatus(server: AppServer, orderId: string): Promise<string> {
  const row = await server.db.db
    .selectFrom("orders")
    .select("status")
    .where("id", "=", orderId)
    .executeTakeFirstOrThrow();
  return row.status;
}

/** "Clock in" on the signed-in driver's page; ends on shift with the location shared. */
export async function clockIn(page: Page) {
  await page.getByRole("button", { name: /Clock in/ }).click();
  await page.getByRole("heading", { name: "On shift" }).waitFor();
  await page.getByTestId("location").and(page.locator('[data-state="ok"]')).waitFor();
}

/**
 * The driver accepts the offer on screen, waits for the kitchen (autopilot) to mark `orderId` ready and
 * presses "Picked up"; ends with the delivery's drop-off card on screen, returned.
 */
export async function acceptAndPickUp(page: Page, server: AppServer, orderId: string) {
  const offer = page.getByTestId("offer");
  await offer.waitFor({ timeout: 60_000 });
  await offer.getByRole("button", { name: "Accept" }).click();
  await until(
    "the kitchen marks the order ready",
    async () => (await orderStatus(server, orderId)) === "ready",
    60_000,
  );
  await tickBagChecks(page.getByTestId("delivery"));
  await page.getByRole("button", { name: "Picked up" }).click();
  await until(
    "picked up on the server",
    async () => (await orderStatus(server, orderId)) === "out_for_delivery",
  );
  const card = page.getByTestId("delivery").and(page.locator('[data-stage="dropoff"]'));
  await card.waitFor();
  return card;
}

/**
 * Ticks every bag check on a pick-up card ("Picked up" stays disabled until then). Waits for the checklist
 * first: right after "Accept" the card may not be drawn yet, and an empty list would tick nothing.
 */
export async function tickBagChecks(card: Locator) {
  const boxes = card.getByRole("checkbox");
  await boxes.first().waitFor();
  for (const box of await boxes.all()) await box.check();
}

/** The demo customer places a cash delivery order of one large margherita to `address` at `location`. */
export async function placeCashOrder(
  server: AppServer,
  storeId: string,
  address: { line1: string; city: string },
  location: { lat: number; lng: number },
) {
  const customer = await server
    .caller()
    .auth.login({ email: "customer@pizza.example", password: DEMO_PASSWORD });
  return server.caller(customer.user).order.placeOrder({
    idempotencyKey: `key-${randomUUID()}`,
    channel: "delivery",
    paymentMethod: "cash",
    storeId,
    address,
    location,
    items: [{ itemId: "margherita", variant: "large", quantity: 1 }],
    tip: 0,
  });
}
