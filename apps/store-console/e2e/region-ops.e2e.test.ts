// Issue 22, the rest: head office changes the region's price rule in the Store tab (a bad percentage is
// said under its field; a narrowed rule flags the store price now outside it; "Use list price" clears it);
// the US region manager gets only the Price rule and Reports tabs, narrows the rule and sees the flag;
// a manager sets a network ticket printer and the server prints to it (a local TCP stand-in that records
// bytes) while the browser prints nothing; a printer that is down is said on the kitchen display; and
// the kitchen display's "Delivery ticket" prints the address, the phone's last digits, the payment and a QR.
import { randomUUID } from "node:crypto";
import { screenshot } from "@pizza/api/testing/browser";
import { NEAR } from "@pizza/api/testing/builders";
import {
  aDeadPrinterAddress,
  type PrinterStandIn,
  startPrinterStandIn,
} from "@pizza/api/testing/printer-stand-in";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { consoleUnderTest, expectAccessible, LONG } from "./support.ts";

const ui = consoleUnderTest({ KITCHEN_AUTOPILOT: "false", SIM_DRIVERS: "0" });

/** Runs in the page before the app: each browser print call records what the printed ticket says. */
function countPrints() {
  window.print = () => {
    const printed = JSON.parse(sessionStorage.getItem("e2e.prints") ?? "[]") as string[];
    const area = document.querySelector('[data-testid="print-area"]');
    printed.push(area?.textContent ?? "(nothing to print)");
    sessionStorage.setItem("e2e.prints", JSON.stringify(printed));
  };
}

async function browserPrintsOf(page: Page, n: number): Promise<string[]> {
  const all = await page.evaluate(() => JSON.parse(sessionStorage.getItem("e2e.prints") ?? "[]") as string[]);
  return all.filter((text) => text.includes(`#${n}`));
}

describe("store console: price rule, network printer, delivery tickets", () => {
  let printer: PrinterStandIn;
  beforeAll(async () => {
    printer = await startPrinterStandIn();
  });
  afterAll(async () => {
    await printer?.close();
  });

  it(
    "an admin narrows the region's price rule; the store price now outside it is flagged, then put back",
    async () => {
      const manager = await ui.login("manager.nyc-midtown@pizza.example");
      const midtown = manager.user.storeId!;
      const managerApi = ui.client(manager.accessToken);
      const row = (await managerApi.store.storePrices.query({ storeId: midtown })).prices.find(
        (p) => p.entityId === "pepperoni" && p.variant === "large",
      )!;
      await managerApi.store.setStorePrice.mutate({
        storeId: midtown,
        entity: "item",
        entityId: "pepperoni",
        variant: "large",
        amount: Math.round(row.listAmount * 1.18),
      });

      const { page, errors, api } = await ui.consolePage("admin@pizza.example", {
        viewport: { width: 1280, height: 900 },
      });
      await page.getByRole("combobox", { name: "Store (admin)" }).selectOption(midtown);
      await page.getByRole("button", { name: "Store & stock" }).click();
      const panel = page.getByRole("region", { name: "Price rule (US)" });
      await panel.getByTestId("price-rule-now").getByText("20%").waitFor();
      const field = panel.getByRole("textbox", { name: "Managers may change prices by up to (%)" });
      for (const bad of ["abc", "60", "2.5"]) {
        await field.fill(bad);
        await panel.getByRole("button", { name: "Save rule" }).click();
        await panel.getByText("The managers' price change is a whole percentage from 0 to 50.").waitFor();
      }
      expect((await api.store.regionPriceRule.query({ regionCode: "us" })).maxChangePct).toBe(20);

      await field.fill("10");
      await panel.getByRole("button", { name: "Save rule" }).click();
      await panel.getByText(/up to 10%\. 1 store price is now outside it/).waitFor();
      const flagged = panel.locator('[data-testid="price-deviation"][data-out-of-range="true"]');
      await expect.poll(() => flagged.count()).toBe(1);
      expect(await flagged.textContent()).toMatch(/Midtown.*Pepperoni.*\+18%.*Outside ±10%/);
      await screenshot(page, "store-console-price-rule-1280");
      await expectAccessible(page, "the price rule panel with a flagged store price");

      // The manager is now held to ± 10 %.
      await expect(
        managerApi.store.setStorePrice.mutate({
          storeId: midtown,
          entity: "item",
          entityId: "pepperoni",
          variant: "large",
          amount: Math.round(row.listAmount * 1.18),
        }),
      ).rejects.toThrow(/± 10%/);

      await flagged.getByRole("button", { name: /Use list price/ }).click();
      await panel.getByText("Every store of the region charges the list prices.").waitFor();
      await page.setViewportSize({ width: 390, height: 844 });
      await screenshot(page, "store-console-price-rule-390");
      await api.store.setRegionPriceRule.mutate({ regionCode: "us", maxChangePct: 20 });
      expect(errors).toEqual([]);
    },
    LONG,
  );

  it(
    "the US region manager sees only their tabs, changes the percentage, sees a store's deviation and the region's reports",
    async () => {
      const manager = await ui.login("manager.nyc-midtown@pizza.example");
      const midtown = manager.user.storeId!;
      const managerApi = ui.client(manager.accessToken);
      const large = { storeId: midtown, entity: "item" as const, entityId: "pepperoni", variant: "large" };
      const row = (await managerApi.store.storePrices.query({ storeId: midtown })).prices.find(
        (p) => p.entityId === "pepperoni" && p.variant === "large",
      )!;
      await managerApi.store.setStorePrice.mutate({ ...large, amount: Math.round(row.listAmount * 1.15) });

      const { page, errors, api } = await ui.consolePage("region.us@pizza.example", {
        viewport: { width: 1280, height: 900 },
      });
      const tabs = page.getByRole("navigation", { name: "Console sections" }).getByRole("button");
      await page.getByRole("heading", { name: "Region US" }).waitFor();
      expect(await tabs.allTextContents()).toEqual(["Price rule", "Reports"]);
      const stores = await page
        .getByRole("combobox", { name: "Store (region US)" })
        .locator("option")
        .allTextContents();
      expect(stores.length).toBeGreaterThanOrEqual(2);
      expect(stores.join()).not.toMatch(/Berlin|Mitte|Tokyo/);

      const panel = page.getByRole("region", { name: "Price rule (US)" });
      const deviation = panel.locator('[data-testid="price-deviation"]', { hasText: /Pepperoni.*Large/ });
      expect(await deviation.textContent()).toMatch(/Midtown.*Pepperoni.*\+15%.*Within/);
      await panel.getByRole("textbox", { name: "Managers may change prices by up to (%)" }).fill("10");
      await panel.getByRole("button", { name: "Save rule" }).click();
      await panel.getByText(/up to 10%\. 1 store price is now outside it/).waitFor();
      await expect.poll(() => deviation.textContent()).toMatch(/\+15%.*Outside ±10%/);
      // Putting a store back on the list price is its staff's or head office's: no button here.
      expect(await panel.getByRole("button", { name: /Use list price/ }).count()).toBe(0);
      expect((await api.store.regionPriceRule.query({ regionCode: "us" })).maxChangePct).toBe(10);
      await expectAccessible(page, "the region manager's price rule");

      await tabs.getByText("Reports").click();
      const scope = page.getByRole("combobox", { name: "Scope" });
      await scope.waitFor();
      expect(await scope.locator("option").allTextContents()).toEqual(["This store", "This store's region"]);
      await scope.selectOption("region");
      await page.getByRole("button", { name: "Show figures" }).click();
      await page.getByRole("button", { name: "Download CSV" }).waitFor();
      await page.setViewportSize({ width: 390, height: 844 });
      await screenshot(page, "store-console-region-manager-390");
      await expectAccessible(page, "the region manager's reports on a phone");

      const admin = ui.client((await ui.login("admin@pizza.example")).accessToken);
      await admin.store.setStorePrice.mutate({ ...large, amount: null });
      await admin.store.setRegionPriceRule.mutate({ regionCode: "us", maxChangePct: 20 });
      expect(errors).toEqual([]);
    },
    LONG,
  );

  it(
    "the server prints to the store's network printer once, says when it is down, and delivery tickets print",
    async () => {
      const { page, session, errors, api } = await ui.consolePage(
        "manager.nyc-midtown@pizza.example",
        { viewport: { width: 1280, height: 800 } },
        (context) => context.addInitScript(countPrints),
      );
      const storeId = session.user.storeId!;
      await page.getByRole("button", { name: "Turn sound on" }).click();

      // The manager sets the printer in the Store tab.
      await page.getByRole("button", { name: "Store & stock" }).click();
      const settings = page.getByRole("region", { name: "Network ticket printer" });
      await settings.getByRole("textbox", { name: "Printer address (host name or IP)" }).fill(printer.host);
      await settings.getByRole("button", { name: "Save printer" }).click();
      await settings.getByText(`Tickets now go to the printer at ${printer.host}:9100.`).waitFor();
      await expectAccessible(page, "the Store tab with the network printer form");

      await page.getByRole("button", { name: "Kitchen" }).click();
      await page.getByLabel("Auto-print new orders").check();
      const before = (await printer.settle()).length;
      const customer = await ui.login("customer@pizza.example");
      const order = await ui.client(customer.accessToken).order.placeOrder.mutate({
        idempotencyKey: `e2e-${randomUUID()}`,
        channel: "delivery",
        paymentMethod: "cash",
        storeId,
        tip: 0,
        address: { line1: "350 Fifth Avenue", city: "New York", postalCode: "10118" },
        location: NEAR["nyc-midtown"],
        items: [{ itemId: "margherita", variant: "large", quantity: 1 }],
      });
      const ticket = page.locator(`[data-testid="ticket"][data-order-number="${order.orderNumber}"]`);
      await ticket.waitFor();
      await page
        .getByTestId("network-print-note")
        .getByText(`Ticket #${order.orderNumber} went to the printer`)
        .waitFor();
      let jobs = (await printer.settle()).slice(before);
      expect(jobs).toHaveLength(1);
      expect(printer.text(jobs[0]!)).toContain(`#${order.orderNumber}`);
      expect(printer.text(jobs[0]!)).toMatch(/1x [^\n]*Margherita/);
      expect(await browserPrintsOf(page, order.orderNumber)).toEqual([]);

      // The delivery ticket goes to the network printer too.
      await ticket
        .getByRole("button", { name: `Print delivery ticket of order ${order.orderNumber}` })
        .click();
      await expect.poll(async () => (await printer.settle()).slice(before).length).toBe(2);
      jobs = (await printer.settle()).slice(before);
      expect(printer.text(jobs[1]!)).toMatch(/DELIVERY TICKET[\s\S]*350 Fifth Avenue[\s\S]*CASH - collect/);

      // The printer is switched off: a Reprint says so in words; nothing breaks.
      await api.store.setTicketPrinter.mutate({
        storeId,
        printer: { ...aDeadPrinterAddress(), paper: "80" },
      });
      await ticket.getByRole("button", { name: `Reprint ticket of order ${order.orderNumber}` }).click();
      await page
        .getByRole("alert")
        .getByText(/refused the connection.*was not printed there.*press Reprint/)
        .waitFor();
      // (after the flashing "New order" banner has gone: axe reads its colours mid-animation)
      await page.locator(".kds__alert").waitFor({ state: "detached", timeout: 15_000 });
      await expectAccessible(page, "the kitchen display saying the printer is down");

      // No network printer: the browser prints the delivery ticket, with the driver's details and a QR.
      await api.store.setTicketPrinter.mutate({ storeId, printer: null });
      await ticket
        .getByRole("button", { name: `Print delivery ticket of order ${order.orderNumber}` })
        .click();
      await expect.poll(() => browserPrintsOf(page, order.orderNumber)).toHaveLength(1);
      const [printed] = await browserPrintsOf(page, order.orderNumber);
      expect(printed).toMatch(/DELIVERY TICKET/);
      expect(printed).toMatch(/REPRINT/); // the first delivery ticket went to the network printer
      expect(printed).toMatch(/350 Fifth Avenue/);
      expect(printed).toMatch(/Phone: ···(\d{4}| \(none given\))/);
      expect(printed).toMatch(/CASH - collect \$/);
      expect(await page.getByTestId("print-delivery").count()).toBe(1);
      await expect
        .poll(() => ticket.getByTestId("delivery-prints").textContent())
        .toMatch(/^delivery ticket printed .+ by .+, reprinted .+ by .+$/);
      expect(await page.getByTestId("ticket-qr").count()).toBe(1);
      await page.emulateMedia({ media: "print" });
      await page.setViewportSize({ width: 302, height: 900 });
      await screenshot(page, "store-console-delivery-ticket-80mm");
      await page.emulateMedia({ media: "screen" });
      await page.setViewportSize({ width: 1280, height: 800 });
      expect(errors).toEqual([]);
    },
    LONG,
  );
});
