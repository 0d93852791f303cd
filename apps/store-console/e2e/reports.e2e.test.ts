// Reports in the store console against a real server and Chromium (issue 22): known orders at fixed local
// times (the API's report fixture, the week of 2 November 2026 at Midtown Manhattan); the manager opens
// Reports, picks the week and sees the figures the API's tests prove, with charts and their tables,
// downloads the CSV and reads the same figures back; crew are not offered the tab; an admin sees the
// region. Axe-clean on a desktop and a phone.
import { readFile } from "node:fs/promises";
import { FIXTURE_WEEK, screenshot, seedReportFixture } from "@pizza/api/testing/browser";
import type { BrowserContextOptions, Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { consoleUnderTest, expectAccessible, LONG } from "./support.ts";

const SIZES = {
  desktop: { viewport: { width: 1280, height: 900 } },
  phone: { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true },
} satisfies Record<string, BrowserContextOptions>;

const ui = consoleUnderTest({ KITCHEN_AUTOPILOT: "false", SIM_DRIVERS: "0", DISPATCH_TICK_MS: "0" });

beforeAll(async () => {
  await seedReportFixture(ui.server.platform.db);
}, LONG);

async function openWeek(page: Page) {
  await page.getByRole("button", { name: "Reports" }).click();
  const filters = page.getByRole("form", { name: "Report filters" });
  await filters.getByLabel("From", { exact: true }).fill(FIXTURE_WEEK.from);
  await filters.getByLabel("To", { exact: true }).fill(FIXTURE_WEEK.to);
  await filters.getByRole("button", { name: "Show figures" }).click();
}

describe("store console: reports", () => {
  it(
    "a manager sees the week's figures with charts and tables, and downloads them as CSV",
    async () => {
      const { page, errors } = await ui.consolePage("manager.nyc-midtown@pizza.example", SIZES.desktop);
      await openWeek(page);
      await page
        .getByTestId("tile-orders")
        .filter({ hasText: "4" })
        .filter({ hasText: "1 cancelled" })
        .waitFor();
      expect(await page.getByTestId("tile-sales-USD").textContent()).toContain("$105.00");
      expect(await page.getByTestId("tile-sales-USD").textContent()).toContain("average ticket $26.25");
      expect(await page.getByTestId("tile-late").textContent()).toContain("2 of 3");
      expect(await page.getByTestId("tile-ratings").textContent()).toContain("3.67 ★");
      expect(await page.getByTestId("tile-utilisation").textContent()).toContain("24.3 %");
      const costs = await page.getByTestId("tile-costs-USD").textContent();
      expect(costs).toContain("$15.00");
      expect(costs).toContain("promos $5.00 · rewards $3.00 · deals $7.00");

      const sales = page.getByRole("table", { name: "Orders and sales" });
      expect(await sales.getByRole("row").allTextContents()).toEqual([
        "PeriodOrdersSales",
        "2026-11-023$65.00",
        "2026-11-051$40.00",
      ]);
      const delivery = page.getByRole("table", { name: "Delivery times" });
      expect(await delivery.getByRole("row", { name: /Placed → delivered/ }).textContent()).toBe(
        "Placed → delivered350.0 min54.0 min",
      );
      expect(await page.getByRole("table", { name: "Drivers" }).getByRole("row").nth(1).textContent()).toBe(
        "Rita Reports7.0 h1.7 h324.3 %",
      );
      for (const chart of ["chart-orders", "chart-sales", "chart-kitchen", "chart-ratings"]) {
        const canvas = page.getByTestId(chart).locator("canvas");
        await expect.poll(() => canvas.evaluate((c: HTMLCanvasElement) => c.width)).toBeGreaterThan(0);
        expect(await canvas.getAttribute("aria-label")).toMatch(/table below lists every figure/);
      }
      await screenshot(page, "store-reports");
      await expectAccessible(page, "the Reports tab");

      const [download] = await Promise.all([
        page.waitForEvent("download"),
        page.getByRole("button", { name: "Download CSV" }).click(),
      ]);
      expect(download.suggestedFilename()).toBe("report-2026-11-02-to-2026-11-08.csv");
      const lines = (await readFile((await download.path())!, "utf8")).split("\r\n");
      expect(lines[0]).toBe("report,bucket,currency,metric,value");
      expect(lines).toContain("sales,,USD,sales_minor,10500");
      expect(lines).toContain("sales,2026-11-02,USD,orders,3");
      expect(lines).toContain("delivery,,,placed_to_delivered_p90_s,3240");
      expect(lines).toContain("kitchen,,,preparing_p50_s,210");
      expect(lines).toContain("costs,,USD,promo_cost_minor,500");
      expect(lines).toContain("ratings,2026-11-02,,average,3.5");
      expect(errors).toEqual([]);
    },
    LONG,
  );

  it(
    "refuses a range over 366 days with a sentence, on a phone, axe-clean",
    async () => {
      const { page } = await ui.consolePage("manager.nyc-midtown@pizza.example", SIZES.phone);
      await page.getByRole("button", { name: "Reports" }).click();
      const filters = page.getByRole("form", { name: "Report filters" });
      await filters.getByLabel("From", { exact: true }).fill("2024-01-01");
      await filters.getByLabel("To", { exact: true }).fill(FIXTURE_WEEK.to);
      await filters.getByRole("button", { name: "Show figures" }).click();
      await page.getByRole("alert").filter({ hasText: "Choose a range of at most 366 days" }).waitFor();
      await expectAccessible(page, "the Reports tab on a phone");
    },
    LONG,
  );

  it(
    "crew are not offered Reports; an admin sees the region's figures",
    async () => {
      const crew = await ui.consolePage("staff.nyc-midtown@pizza.example", SIZES.desktop);
      // The tabs say once the API answered whether this account may open Reports.
      await crew.page.locator('nav[data-reports="false"]').waitFor();
      expect(await crew.page.getByRole("button", { name: "Reports" }).count()).toBe(0);

      const { page } = await ui.consolePage("admin@pizza.example", SIZES.desktop);
      await page.getByLabel("Store (admin)").selectOption({ label: "Midtown Manhattan (US)" });
      await page.getByRole("heading", { name: "Midtown Manhattan" }).waitFor();
      await page.getByRole("button", { name: "Reports" }).click();
      const filters = page.getByRole("form", { name: "Report filters" });
      await filters.getByLabel("Scope").selectOption("region");
      await openWeek(page);
      // Midtown's week and Williamsburg's one carryout: 5 orders, $115.00.
      await page.getByTestId("tile-orders").filter({ hasText: "5" }).waitFor();
      expect(await page.getByTestId("tile-sales-USD").textContent()).toContain("$115.00");
    },
    LONG,
  );
});
