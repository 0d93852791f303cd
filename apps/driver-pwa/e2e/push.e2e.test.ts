import {
  type AppServer,
  aCustomer,
  aDeliveryOrder,
  backings,
  launchBrowser,
  screenshot,
  startAppServer,
  until,
  VIEWPORTS,
  watchConsole,
} from "@pizza/api/testing/browser";
import { deliverUntilShown, type TestDevice, type TestPushService } from "@pizza/api/testing/push-service";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newPage, phoneNearStore, pushDeviceFor, signInAsDriver } from "./support.ts";

// Web Push in real Chromium: the driver turns notifications on from the shift screen (permission asked by
// the button), the phone's subscription reaches the server; a new offer is pushed by the server, encrypted,
// to the local push service (which checks VAPID and decrypts it); the decrypted message is delivered to
// the app's service worker (CDP ServiceWorker.deliverPushMessage), which shows "New delivery offer" with
// Accept and Decline; "Accept" on the notification opens the app at the offer and accepts it.
// Chromium cannot reach a real push service here, so PushManager.subscribe answers with a device of the
// local push service (the stand-in for FCM), everything else is the browser's own.
const SLUG = "nyc-midtown";

let server: AppServer;
let push: TestPushService;
let device: TestDevice;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let errors: string[];
let store: { id: string; lat: number; lng: number };

/** A customer's cash delivery order near the store, through the API. */
async function placeOrder(): Promise<string> {
  const customer = await aCustomer(server, { name: "Ada Lovelace" });
  const location = { lat: store.lat + 0.004, lng: store.lng + 0.003 };
  const order = await server
    .caller(customer)
    .order.placeOrder(aDeliveryOrder(store.id, { paymentMethod: "cash", tip: 200 }, location));
  return order.id;
}

beforeAll(async () => {
  server = await startAppServer(backings[0], {
    SIM_DRIVERS: "0",
    KITCHEN_AUTOPILOT: "true",
    KITCHEN_AUTOPILOT_SPEED: "300",
    DISPATCH_OFFER_TIMEOUT_MS: "120000",
    NOTIFY_SWEEP_MS: "100",
  });
  await server.platform.events.start();
  browser = await launchBrowser();
  ({ store, context } = await phoneNearStore(server, browser, SLUG, 110, ["notifications"]));
  // The phone's push service is the local one: subscribe() answers with its device and remembers the key.
  ({ push, device } = await pushDeviceFor(server, context));
  page = await newPage(context);
  ({ errors } = watchConsole(page));
}, 120_000);

afterAll(async () => {
  await context?.close().catch(() => undefined);
  await browser?.close();
  await server?.close();
  await push?.close();
});

describe("driver PWA: Web Push", { timeout: 150_000 }, () => {
  it("turns notifications on from the shift screen: the phone's subscription reaches the server", async () => {
    await signInAsDriver(page, `driver2.${SLUG}@pizza.example`);
    const toggle = page.getByTestId("push-toggle");
    await toggle.getByRole("button", { name: "Turn on notifications" }).waitFor();
    await screenshot(page, "driver-push-off-phone");
    await toggle.getByRole("button", { name: "Turn on notifications" }).click();
    await toggle.getByRole("status").filter({ hasText: "On: new offers" }).waitFor();
    expect(await page.evaluate(() => (window as unknown as { __pushKey: string }).__pushKey)).toBe(
      server.platform.config.push!.publicKey,
    );
    const rows = await server.db.db.selectFrom("push_subscriptions").selectAll().execute();
    expect(rows).toMatchObject([{ endpoint: device.subscription.endpoint, app: "driver" }]);
    await screenshot(page, "driver-push-on-phone");
    await page.setViewportSize({ width: 1366, height: 900 });
    await screenshot(page, "driver-push-on-desktop");
    await page.setViewportSize(VIEWPORTS.phone.viewport);
    // A page the service worker controls (the first load is not): the notification's click navigates it.
    await page.reload();
    await until("a controlled page", () => page.evaluate(() => navigator.serviceWorker.controller !== null));
  });

  it("shows the server's encrypted offer push with Accept and Decline; Accept opens the app at the offer and accepts it", async () => {
    await page.getByRole("button", { name: /Clock in/ }).click();
    await page.getByRole("heading", { name: "On shift" }).waitFor();
    await page.getByTestId("location").and(page.locator('[data-state="ok"]')).waitFor();
    const orderId = await placeOrder();

    const pushed = await push.waitFor("the offer push", (m) => m.deviceId === device.id, 60_000);
    expect(pushed.payload).toMatchObject({ kind: "driver_offer", title: "New delivery offer" });
    const offerId = pushed.payload.offerId as string;

    // The decrypted message into the app's service worker, as the browser's push service would deliver it.
    const [note] = await deliverUntilShown(page, `${server.url}/driver/`, pushed.payload);
    expect(note).toMatchObject({
      title: "New delivery offer",
      body: expect.stringContaining("Pick up at"),
      tag: `offer-${offerId}`,
      actions: [
        { action: "accept", title: "Accept" },
        { action: "decline", title: "Decline" },
      ],
      data: { url: `/driver/?offer=${offerId}` },
    });

    // The driver taps "Accept" on the notification.
    const [worker] = context.serviceWorkers();
    await worker!.evaluate(async () => {
      // Worker globals, typed here: this file compiles with the DOM library, not WebWorker's.
      type ClickInit = { notification: Notification; action: string };
      const sw = self as unknown as {
        registration: ServiceWorkerRegistration;
        dispatchEvent(event: Event): boolean;
        NotificationEvent: new (type: string, init: ClickInit) => Event;
      };
      const [n] = await sw.registration.getNotifications();
      sw.dispatchEvent(new sw.NotificationEvent("notificationclick", { notification: n!, action: "accept" }));
    });
    await page.getByTestId("delivery").waitFor({ timeout: 30_000 });
    const offer = await server.db.db
      .selectFrom("delivery_offers")
      .select("status")
      .where("id", "=", offerId)
      .executeTakeFirstOrThrow();
    expect(offer.status).toBe("accepted");
    expect(
      (
        await server.db.db
          .selectFrom("deliveries")
          .select("order_id")
          .where("status", "=", "assigned")
          .execute()
      ).map((d) => d.order_id),
    ).toContain(orderId);
    expect(new URL(page.url()).search).toBe("");
    const left = await page.evaluate(async () => (await navigator.serviceWorker.ready).getNotifications());
    expect(left).toEqual([]);
    // Still on after the reload the notification caused.
    await page.getByTestId("push-toggle").getByRole("status").filter({ hasText: "On: new offers" }).waitFor();
    await screenshot(page, "driver-push-accepted-phone");
    expect(errors).toEqual([]);
  });
});
