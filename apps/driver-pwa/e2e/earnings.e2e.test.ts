import { readFile } from "node:fs/promises";
import {
  type AppServer,
  backings,
  launchBrowser,
  screenshot,
  signedInPage,
  startAppServer,
} from "@pizza/api/testing/browser";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  acceptAndPickUp,
  clockIn,
  DEMO_PASSWORD,
  newPage,
  orderStatus,
  phoneNearStore,
  placeCashOrder,
  signInAsDriver,
  until,
} from "./support.ts";

// A driver's earnings in real Chromium (issue 20): Shibuya's driver1 delivers a cash order; the PWA's
// weekly summary shows the delivery on today's line with the store's ¥500 fee and the cash to hand in;
// then Shibuya's staff see the same figures on the roster's earnings table and download the week as CSV,
// read back from Playwright's download. No other e2e file uses Shibuya's drivers or staff.
const SLUG = "tyo-shibuya";
const DRIVER = `driver1.${SLUG}@pizza.example`;
const LONG = 150_000;

let server: AppServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let store: { id: string; lat: number; lng: number };
/** The order the first test delivered, for the store's figures. */
let delivered: { id: string; orderNumber: number; total: number } | undefined;

beforeAll(async () => {
  server = await startAppServer(backings[0], {
    SIM_DRIVERS: "0",
    KITCHEN_AUTOPILOT: "true",
    KITCHEN_AUTOPILOT_SPEED: "300",
  });
  await server.platform.events.start();
  browser = await launchBrowser();
  ({ store, context } = await phoneNearStore(server, browser, SLUG, 100));
  page = await newPage(context);
}, 120_000);

afterAll(async () => {
  await context?.close().catch(() => undefined);
  await browser?.close();
  await server?.close();
});

describe("driver earnings", { timeout: LONG }, () => {
  it("after a delivery the PWA's weekly summary shows it, with the fee and the cash to hand in", async () => {
    await signInAsDriver(page, DRIVER);
    const week = page.getByTestId("weekly-earnings");
    await week.getByTestId("week-totals-earnings").waitFor();
    expect(await week.getByTestId("week-totals-earnings").textContent()).toBe("¥0");
    await clockIn(page);

    const order = await placeCashOrder(
      server,
      store.id,
      { line1: "道玄坂2-1", city: "東京都渋谷区" },
      { lat: store.lat + 0.001, lng: store.lng },
    );
    const card = await acceptAndPickUp(page, server, order.id);
    await card.getByRole("button", { name: "Delivered", exact: true }).click();
    await until("delivered", async () => (await orderStatus(server, order.id)) === "delivered");

    // The weekly summary refreshes once the outbox has sent "Delivered".
    const cash = `¥${order.total.toLocaleString("en-US")}`;
    await until("the week counts the delivery", async () =>
      (await week.getByTestId("week-totals-earnings").textContent()) === "¥500" ? true : undefined,
    );
    expect(await week.getByTestId("week-totals-fees").textContent()).toBe("¥500");
    expect(await week.getByTestId("week-totals-cash-to-hand-in").textContent()).toBe(cash);
    const today = week.getByTestId("week-day").filter({ hasText: "¥500" });
    expect(await today.count()).toBe(1);
    expect(await today.locator("td").first().textContent()).toBe("1");
    const shift = page.getByTestId("shift-figures");
    expect(await shift.getByTestId("shift-figures-earnings").textContent()).toBe("¥500");
    expect(await shift.getByTestId("shift-figures-cash-to-hand-in").textContent()).toBe(cash);
    delivered = { id: order.id, orderNumber: order.orderNumber, total: order.total };
    await week.getByLabel("Last week").check();
    await until("last week shown", async () =>
      (await week.getByTestId("week-totals-earnings").textContent()) === "¥0" ? true : undefined,
    );
    await week.getByLabel("This week").check();
    await week.getByTestId("week-totals-fees").filter({ hasText: "¥500" }).waitFor();
    await screenshot(page, "driver-weekly-earnings");
  });

  it("the store console shows the driver's figures and downloads the week as CSV", async () => {
    expect(delivered, "the first test delivered an order").toBeDefined();
    const staff = await signedInPage(
      server,
      browser,
      "store-console",
      { email: `staff.${SLUG}@pizza.example`, password: DEMO_PASSWORD },
      { viewport: { width: 1280, height: 900 } },
    );
    staff.page.setDefaultTimeout(15_000);
    await staff.page.goto("/store/");
    await staff.page.getByRole("button", { name: "Drivers" }).click();
    const row = staff.page.getByTestId("driver-earnings-row").filter({ hasText: "Driver 1 渋谷店 Shibuya" });
    await row.waitFor();
    const cash = `¥${delivered!.total.toLocaleString("en-US")}`;
    expect(await row.getByTestId("week-earnings").textContent()).toMatch(/^¥500/);
    expect(await row.getByTestId("shift-earnings").textContent()).toMatch(/^¥500/);
    expect(await row.getByTestId("week-cash").textContent()).toBe(cash);
    expect(await row.getByTestId("week-deliveries").textContent()).toMatch(/^1 /);
    await screenshot(staff.page, "store-driver-earnings");

    const [download] = await Promise.all([
      staff.page.waitForEvent("download"),
      staff.page.getByRole("button", { name: "Download CSV (this week)" }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^driver-earnings-\d{4}-\d{2}-\d{2}\.csv$/);
    const text = await readFile(await download.path(), "utf8");
    const lines = text.split("\r\n").filter(Boolean);
    expect(lines[0]).toBe(
      "driver,delivered_at,order_number,payment,minutes_on_delivery,fee,tip_card,tip_cash,earnings,cash_to_hand_in,currency",
    );
    expect(lines).toHaveLength(2);
    const cells = lines[1]!.split(",");
    expect(cells[0]).toBe("Driver 1 渋谷店 Shibuya");
    expect(cells[2]).toBe(String(delivered!.orderNumber));
    expect(cells.slice(3)).toEqual([
      "cash",
      cells[4],
      "500",
      "0",
      "0",
      "500",
      String(delivered!.total),
      "JPY",
    ]);
    await staff.page.context().close();
  });
});
