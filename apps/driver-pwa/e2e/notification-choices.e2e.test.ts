import {
  type AppServer,
  backings,
  launchBrowser,
  screenshot,
  startAppServer,
  VIEWPORTS,
  watchConsole,
} from "@pizza/api/testing/browser";
import type { TestPushService } from "@pizza/api/testing/push-service";
import type { Browser, BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newPage, pushDeviceFor, signInAsDriver } from "./support.ts";

// The driver's notification settings in real Chromium: before the phone is subscribed, push for new
// offers cannot be turned on (and says why); once "Turn on notifications" subscribed it, new offers come
// by push (the default); the driver turns that off, and after a reload it is still off — the choice the
// server's push consumer reads. Tokyo Shinjuku's driver 1: no other driver e2e file uses that store.
const DRIVER = "driver1.tyo-shinjuku@pizza.example";

let server: AppServer;
let push: TestPushService;
let browser: Browser;
let context: BrowserContext;

beforeAll(async () => {
  server = await startAppServer(backings[0], { SIM_DRIVERS: "0" });
  browser = await launchBrowser();
  context = await browser.newContext({
    ...VIEWPORTS.phone,
    baseURL: server.url,
    permissions: ["notifications"],
  });
  ({ push } = await pushDeviceFor(server, context));
}, 120_000);

afterAll(async () => {
  await context?.close().catch(() => undefined);
  await browser?.close();
  await server?.close();
  await push?.close();
});

describe("driver PWA: notification settings", { timeout: 150_000 }, () => {
  it("turns new-offer push off, and it is still off after a reload", async () => {
    const page = await newPage(context);
    const { errors } = watchConsole(page);
    await signInAsDriver(page, DRIVER);

    const settings = page.getByRole("region", { name: "Notification settings" });
    const offersPush = settings
      .getByRole("group", { name: "New offers" })
      .getByRole("checkbox", { name: "Push" });
    await offersPush.waitFor();
    // No subscribed phone yet: nothing is pushed, and push cannot be chosen until notifications are on.
    expect(await offersPush.isChecked()).toBe(false);
    expect(await offersPush.isDisabled()).toBe(true);
    await settings.getByText("Turn on notifications on this phone first.").first().waitFor();

    const toggle = page.getByTestId("push-toggle");
    await toggle.getByRole("button", { name: "Turn on notifications" }).click();
    await toggle.getByRole("status").filter({ hasText: "On: new offers" }).waitFor();
    await page.waitForFunction(() => {
      const box = document.querySelector<HTMLInputElement>('input[name="new_offer-push"]');
      return box?.checked === true && !box.disabled;
    });
    await screenshot(page, "driver-notification-settings-phone");

    await offersPush.uncheck();
    await settings
      .getByRole("group", { name: "New offers" })
      .getByRole("status")
      .filter({ hasText: "Saved." })
      .waitFor();
    await page.reload();
    await offersPush.waitFor();
    await page.waitForFunction(() => {
      const box = document.querySelector<HTMLInputElement>('input[name="new_offer-push"]');
      return box !== null && !box.disabled;
    });
    expect(await offersPush.isChecked()).toBe(false);
    // Shift reminders were left alone: still by push.
    expect(
      await settings
        .getByRole("group", { name: "Shift reminders" })
        .getByRole("checkbox", { name: "Push" })
        .isChecked(),
    ).toBe(true);

    const rows = await server.db.db
      .selectFrom("notification_preferences")
      .innerJoin("users", "users.id", "notification_preferences.user_id")
      .select(["kind", "channels"])
      .where("users.email", "=", DRIVER)
      .execute();
    expect(rows).toEqual([{ kind: "new_offer", channels: [] }]);
    expect(errors).toEqual([]);
  });
});
