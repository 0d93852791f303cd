import { randomUUID } from "node:crypto";
import { screenshot } from "@pizza/api/testing/browser";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { consoleUnderTest, LONG } from "./support.ts";

// The store's control room against a real server (embedded backing, seeded demo data); the kitchen
// autopilot and the simulated fleet OFF so only staff (and this test) move orders and drivers, and no
// dispatch tick: an order that found no driver when it became ready waits for the staff to assign one.
const ui = consoleUnderTest({ KITCHEN_AUTOPILOT: "false", SIM_DRIVERS: "0", DISPATCH_TICK_MS: "0" });
const { client, login } = ui;
const consolePage = (email: string, width = 1280) =>
  ui.consolePage(email, { viewport: { width, height: 800 } });

const storeOpen = async (storeId: string) =>
  (await client().store.list.query({ regionCode: "us" })).find((s) => s.id === storeId)!.openNow;

async function noHorizontalScroll(page: Page) {
  const { overflow, wide } = await page.evaluate(() => ({
    overflow: document.documentElement.scrollWidth - window.innerWidth,
    wide: [...document.querySelectorAll("body *")]
      .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 1)
      .slice(0, 5)
      .map((e) => `${e.tagName.toLowerCase()}.${e.className}`),
  }));
  expect(overflow, `page is wider than the viewport (${wide.join(", ")})`).toBeLessThanOrEqual(0);
}

describe("store console: managing the store", () => {
  it(
    "sets today's hours: closed all day, then special hours, then back to the usual hours; customers see it",
    async () => {
      const { page, errors, session } = await consolePage("staff.nyc-midtown@pizza.example");
      const storeId = session.user.storeId!;
      await page.getByRole("button", { name: "Store & stock" }).click();
      const today = page.getByTestId("today-hours");
      await today.getByText("usual hours").waitFor();

      await page.getByRole("button", { name: "Closed all day" }).click();
      await today.getByText("Closed all day").waitFor();
      await today.getByText("changed for today").waitFor();
      expect(await storeOpen(storeId)).toBe(false);
      expect((await client().menu.getMenu.query({ storeId })).store.openNow).toBe(false);

      // A closing time before the opening time is refused in words, and nothing changes.
      await page.getByLabel("Opens").fill("18:00");
      await page.getByLabel("Closes").fill("09:00");
      await page.getByRole("button", { name: "Set today's hours" }).click();
      await page
        .getByRole("status")
        .filter({ hasText: "The closing time must be after the opening time." })
        .waitFor();
      expect(await storeOpen(storeId)).toBe(false);

      await page.getByLabel("Opens").fill("00:00");
      await page.getByLabel("Closes").fill("23:59");
      await page.getByRole("button", { name: "Set today's hours" }).click();
      await today.getByText("00:00–23:59").waitFor();
      // 23:59–24:00 local is the only minute this could be closed.
      expect(await storeOpen(storeId)).toBe(true);
      await screenshot(page, "store-console-today-hours-tablet");

      await page.getByRole("button", { name: "Back to usual hours" }).click();
      await today.getByText("usual hours").waitFor();
      await page.setViewportSize({ width: 360, height: 740 });
      await noHorizontalScroll(page);
      expect(errors).toEqual([]);
    },
    LONG,
  );

  it(
    "undoes the last bump by keyboard: the ticket returns to the previous column and the API agrees",
    async () => {
      const { page, errors, session, api: staffApi } = await consolePage("staff.nyc-midtown@pizza.example");
      const storeId = session.user.storeId!;
      const customer = await login("customer@pizza.example");
      const order = await client(customer.accessToken).order.placeOrder.mutate({
        idempotencyKey: `e2e-${randomUUID()}`,
        channel: "carryout",
        paymentMethod: "cash",
        storeId,
        tip: 0,
        items: [{ itemId: "margherita", variant: "medium", quantity: 1 }],
      });
      const t = page.locator(`[data-testid="ticket"][data-order-number="${order.orderNumber}"]`);
      await t.waitFor();
      const select = async () => {
        const index = (await t.locator(".ticket__index").textContent())!.trim();
        for (const digit of index) await page.keyboard.press(digit);
        await expect
          .poll(() => page.getByTestId("kds-selected").textContent())
          .toContain(`order ${order.orderNumber}`);
      };
      await select();
      await page.keyboard.press("Enter");
      await page
        .getByTestId("column-preparing")
        .locator(`[data-order-number="${order.orderNumber}"]`)
        .waitFor();
      await select();
      await page.keyboard.press("Enter");
      await page.getByTestId("column-baking").locator(`[data-order-number="${order.orderNumber}"]`).waitFor();

      await page.keyboard.press("u");
      await page
        .getByTestId("column-preparing")
        .locator(`[data-order-number="${order.orderNumber}"]`)
        .waitFor();
      await page
        .getByRole("status")
        .filter({ hasText: `order ${order.orderNumber} is back in` })
        .waitFor();
      const tracked = await client(customer.accessToken).order.trackOrder.query({ orderId: order.id });
      expect(tracked.status).toBe("preparing");
      expect((await staffApi.order.getOrder.query({ orderId: order.id })).status).toBe("preparing");

      // A second undo has nothing to take back: the button is disabled and the key says so.
      expect(await page.getByRole("button", { name: "Undo last bump" }).isDisabled()).toBe(true);
      await page.keyboard.press("u");
      await page.getByRole("status").filter({ hasText: "Nothing to undo" }).waitFor();
      expect((await staffApi.order.getOrder.query({ orderId: order.id })).status).toBe("preparing");
      expect(errors).toEqual([]);
    },
    LONG,
  );

  it(
    "staff assign a ready delivery order to a driver by hand; the console explains it in words and the API agrees",
    async () => {
      const { page, errors, session, api: staffApi } = await consolePage("staff.nyc-midtown@pizza.example");
      const storeId = session.user.storeId!;
      const customer = await login("customer@pizza.example");
      const order = await client(customer.accessToken).order.placeOrder.mutate({
        idempotencyKey: `e2e-${randomUUID()}`,
        channel: "delivery",
        paymentMethod: "cash",
        storeId,
        tip: 0,
        address: { line1: "1 Test Street", city: "New York" },
        location: { lat: 40.7589, lng: -73.9851 },
        items: [{ itemId: "pepperoni", variant: "large", quantity: 1 }],
      });
      for (const to of ["preparing", "baking", "quality_check", "ready"] as const)
        await staffApi.order.advance.mutate({ orderId: order.id, to });
      // Ready with no driver on shift: dispatch found nobody (and, without a tick, will not retry).
      await expect
        .poll(async () => (await staffApi.delivery.getDeliveryStatus.query({ orderId: order.id })).stage, {
          timeout: 5_000,
        })
        .toBe("waiting");

      // Now a driver clocks in near the store.
      const driver = await login("driver1.nyc-midtown@pizza.example");
      const driverApi = client(driver.accessToken);
      await driverApi.delivery.goOnline.mutate({ storeId });
      const driverSocket = ui.socket(driver.accessToken);
      await new Promise<void>((resolve) => driverSocket.on("connect", () => resolve()));
      await new Promise<void>((resolve) =>
        driverSocket.emit("driver:position", { lat: 40.7601, lng: -73.9822 }, () => resolve()),
      );

      await page.getByRole("button", { name: "Drivers" }).click();
      // The Drivers tab loads its map code on first open: slow on a loaded 2-core machine (a CI run with
      // every e2e file in parallel once took longer than 30 s here).
      await page.getByTestId("roster").getByText("Available").waitFor({ timeout: 60_000 });
      await page.getByRole("combobox", { name: /^Order/ }).selectOption(order.id);
      await page.getByRole("combobox", { name: /^Driver/ }).selectOption(driver.user.id);
      await page.getByRole("button", { name: "Assign / reassign" }).click();
      // A manual assignment is final (no offer to accept): the order shows the driver at once.
      // The form's note says what happened (an error would be shown there too, and fail here in words).
      const assignNote = page
        .getByRole("region", { name: "Assign a delivery" })
        .getByRole("status")
        .filter({ hasText: /Assigned|Offered|not|cannot|changed/ });
      await assignNote.waitFor({ timeout: 20_000 });
      expect(await assignNote.textContent()).toBe(`Assigned to ${driver.user.name}.`);
      await page.getByTestId("delivery-status").getByText(`driver ${driver.user.name}`).waitFor();
      const why = page.getByTestId("assignment-explanation");
      await why.getByText(`Manual assignment by staff: ${driver.user.name}`).waitFor();
      await why.getByText(/— chosen$/).waitFor();
      expect(await why.textContent()).toMatch(/km away, at the store in about \d+ min/);
      expect(await why.textContent()).not.toContain("{");

      const status = await staffApi.delivery.getDeliveryStatus.query({ orderId: order.id });
      expect(status.stage).toBe("assigned");
      expect(status.driver?.driverId).toBe(driver.user.id);
      expect((status.explanation as { note?: string }).note).toBe("manual assignment by staff");
      const current = await driverApi.delivery.current.query();
      expect(JSON.stringify(current)).toContain(order.id);
      await screenshot(page, "store-console-manual-assignment-tablet");
      expect(errors).toEqual([]);
    },
    LONG,
  );

  it(
    "an admin creates an amount-off code in yen and a free-delivery code with limits and dates; mistakes are explained",
    async () => {
      const { page, errors, api } = await consolePage("admin@pizza.example");
      await page.getByRole("button", { name: "Today" }).click();
      const form = page.locator(".promo-form");
      await form.waitFor();
      const stamp = Date.now().toString(36).toUpperCase();

      // Amount off in JPY (no minor digits): 5.5 yen is refused in words, 500 is sent as 500.
      await form.getByRole("textbox", { name: "Code" }).fill(`YEN${stamp}`);
      await form.getByRole("combobox", { name: /^Kind/ }).selectOption("fixed");
      await form.getByRole("textbox", { name: "Amount off" }).fill("500");
      await page.getByRole("button", { name: "Create" }).click();
      await form.getByText("Choose a region: the amount off is in its currency.").waitFor();
      await form.getByRole("combobox", { name: /^Region/ }).selectOption("jp");
      await form.getByRole("textbox", { name: "Amount off (JPY)" }).fill("5.5");
      await page.getByRole("button", { name: "Create" }).click();
      await form.getByText("Enter the amount off in whole JPY, e.g. 500.").waitFor();
      expect(await form.getByRole("textbox", { name: "Amount off (JPY)" }).getAttribute("aria-invalid")).toBe(
        "true",
      );
      await form.getByRole("textbox", { name: "Amount off (JPY)" }).fill("500");
      await form.getByRole("textbox", { name: "Minimum order (JPY)" }).fill("2000");
      await page.getByRole("button", { name: "Create" }).click();
      await page
        .getByRole("status")
        .filter({ hasText: `Created YEN${stamp}` })
        .waitFor();

      // Free delivery in Germany: minimum 15,00 €, dates, limits, first order only; an end before the start is refused.
      await form.getByRole("textbox", { name: "Code" }).fill(`FREE${stamp}`);
      await form.getByRole("combobox", { name: /^Kind/ }).selectOption("free_delivery");
      await form.getByRole("combobox", { name: /^Region/ }).selectOption("de");
      await form.getByRole("textbox", { name: "Minimum order (EUR)" }).fill("15,00");
      await form.getByLabel("Starts").fill("2030-06-30T10:00");
      await form.getByLabel("Ends").fill("2030-06-01T10:00");
      await page.getByRole("button", { name: "Create" }).click();
      await form.getByText("The code must end after it starts.").waitFor();
      await form.getByLabel("Ends").fill("2030-07-31T22:00");
      await form.getByRole("textbox", { name: "Total uses" }).fill("100");
      await form.getByRole("textbox", { name: "Uses per customer" }).fill("1");
      await form.getByLabel("First order only").check();
      await page.getByRole("button", { name: "Create" }).click();
      await page
        .getByRole("status")
        .filter({ hasText: `Created FREE${stamp}` })
        .waitFor();
      await page
        .getByTestId("promos")
        .locator("tr", { hasText: `FREE${stamp}` })
        .getByText("first order only")
        .waitFor();

      const codes = await api.promo.list.query({});
      expect(codes.find((p) => p.code === `YEN${stamp}`)).toMatchObject({
        kind: "fixed",
        amount: 500,
        currency: "JPY",
        minSubtotal: 2000,
        regionCode: "jp",
      });
      const free = codes.find((p) => p.code === `FREE${stamp}`);
      expect(free).toMatchObject({
        kind: "free_delivery",
        minSubtotal: 1500,
        regionCode: "de",
        usageLimit: 100,
        perCustomerLimit: 1,
        firstOrderOnly: true,
      });
      expect(new Date(free!.validFrom!).getTime()).toBeLessThan(new Date(free!.validTo!).getTime());
      await page.setViewportSize({ width: 360, height: 740 });
      await noHorizontalScroll(page);
      await screenshot(page, "store-console-promo-form-narrow");
      expect(errors).toEqual([]);
    },
    LONG,
  );

  it(
    "a store manager prices their store within the region's range; crew see no price form; customers' quotes follow",
    async () => {
      const { page, errors, session, api } = await consolePage("manager.nyc-midtown@pizza.example");
      const storeId = session.user.storeId!;
      const rules = await api.store.storePrices.query({ storeId });
      const row = rules.prices.find(
        (p) => p.entity === "item" && p.entityId === "pepperoni" && p.variant === "large",
      )!;
      const dollars = (n: number) => `$${(n / 100).toFixed(2)}`;

      await page.getByRole("button", { name: "Store & stock" }).click();
      const panel = page.getByRole("region", { name: "This store's prices" });
      await panel.getByRole("combobox", { name: /^Item/ }).selectOption("pepperoni");
      await panel.getByRole("combobox", { name: /^Size/ }).selectOption("large");
      await panel
        .getByTestId("store-price-range")
        .getByText(`allowed ${dollars(row.min)}–${dollars(row.max)}`)
        .waitFor();

      // Above the range: refused with the range in words; nothing changes.
      await panel.getByRole("textbox", { name: "Store price" }).fill(((row.max + 100) / 100).toFixed(2));
      await panel.getByRole("button", { name: "Save store price" }).click();
      await panel
        .getByRole("status")
        .filter({ hasText: `may cost between ${dollars(row.min)} and ${dollars(row.max)}` })
        .waitFor();
      const menuPrice = async () =>
        (await client().menu.getMenu.query({ storeId })).items
          .find((i) => i.id === "pepperoni")!
          .variants.find((v) => v.id === "large")!.price;
      expect(await menuPrice()).toBe(row.listAmount);

      const customer = await login("customer@pizza.example");
      const quote = () =>
        client(customer.accessToken).order.quote.query({
          channel: "carryout",
          storeId,
          items: [{ itemId: "pepperoni", variant: "large", quantity: 1 }],
        });
      const before = await quote();
      const newPrice = row.listAmount + 100;
      await panel.getByRole("textbox", { name: "Store price" }).fill((newPrice / 100).toFixed(2));
      await panel.getByRole("button", { name: "Save store price" }).click();
      await panel
        .getByRole("status")
        .filter({ hasText: `Saved: ${dollars(newPrice)} at this store.` })
        .waitFor();
      expect(await menuPrice()).toBe(newPrice);
      expect((await quote()).subtotal).toBe(before.subtotal + 100);
      await screenshot(page, "store-console-store-prices-tablet");

      // Crew of the same store see no price form, and the API refuses them.
      const crew = await consolePage("staff.nyc-midtown@pizza.example");
      await crew.page.getByRole("button", { name: "Store & stock" }).click();
      await crew.page.getByRole("region", { name: /Menu & stock/ }).waitFor();
      expect(await crew.page.getByRole("region", { name: "This store's prices" }).count()).toBe(0);
      await expect(
        crew.api.store.setStorePrice.mutate({
          storeId,
          entity: "item",
          entityId: "pepperoni",
          variant: "large",
          amount: newPrice,
        }),
      ).rejects.toThrow(/Only the store manager/);

      await panel.getByRole("button", { name: "Use the region's price" }).click();
      await panel.getByRole("status").filter({ hasText: "Back to the region's price" }).waitFor();
      expect(await menuPrice()).toBe(row.listAmount);
      expect(errors).toEqual([]);
      expect(crew.errors).toEqual([]);
    },
    LONG,
  );
});
