import { randomUUID } from "node:crypto";
import type { OrderSnapshot, OrderStatusEvent } from "@pizza/api/realtime-types";
import { screenshot, watchConsole } from "@pizza/api/testing/browser";
import type { BrowserContextOptions, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { consoleUnderTest, expectAccessible, LONG, PASSWORD } from "./support.ts";

// The kitchen display against a real server (embedded backing, seeded demo data), the kitchen
// autopilot and the simulated fleet OFF so only the staff move the order.

const SIZES = {
  tablet: { viewport: { width: 1280, height: 800 } },
  tv: { viewport: { width: 1920, height: 1080 } },
  phone: { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true },
  narrow: { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true },
} satisfies Record<string, BrowserContextOptions>;

const ui = consoleUnderTest({ KITCHEN_AUTOPILOT: "false", SIM_DRIVERS: "0" });
const { client, login } = ui;
const consolePage = (email: string, size: keyof typeof SIZES) => ui.consolePage(email, SIZES[size]);

function ticket(page: Page, orderNumber: number) {
  return page.locator(`[data-testid="ticket"][data-order-number="${orderNumber}"]`);
}

async function noHorizontalScroll(page: Page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, "page is wider than the viewport").toBeLessThanOrEqual(0);
}

describe("store console: kitchen display", () => {
  it(
    "shows a new order within 2 s, bumps it by keyboard while the customer's tracker follows, 86es a topping, and keeps other stores out",
    async () => {
      const staff = await consolePage("staff.nyc-midtown@pizza.example", "tablet");
      const storeId = staff.session.user.storeId!;
      const other = await consolePage("staff.ber-mitte@pizza.example", "tablet");

      // Another store's staff listen on their own socket too: they must hear nothing of this order.
      const otherHeard: OrderStatusEvent[] = [];
      const otherSocket = ui.socket(other.session.accessToken);
      otherSocket.on("store:order", (e: OrderStatusEvent) => otherHeard.push(e));
      await new Promise<void>((resolve) => otherSocket.on("connect", () => resolve()));

      // The customer places a carryout order through the API (cash: placed at once).
      const customer = await login("customer@pizza.example");
      const api = client(customer.accessToken);
      const placedAt = Date.now();
      const order = await api.order.placeOrder.mutate({
        idempotencyKey: `e2e-${randomUUID()}`,
        channel: "carryout",
        paymentMethod: "cash",
        storeId,
        tip: 0,
        notes: "Ring the bell twice",
        items: [
          {
            itemId: "pepperoni",
            variant: "large",
            quantity: 1,
            toppings: [
              { id: "mushrooms", placement: "left", portion: "normal" },
              { id: "black_olives", placement: "right", portion: "extra" },
            ],
          },
          { itemId: "margherita", variant: "medium", quantity: 2 },
        ],
      });
      expect(order.status).toBe("placed");

      // The customer's tracker: a Socket.IO client following the order (snapshot first, then statuses).
      const seen: string[] = [];
      const tracker = ui.socket(customer.accessToken);
      // Delivery is at-least-once: a client keeps only events newer than what it has (the order's version).
      let version = 0;
      tracker.on("order:snapshot", (s: OrderSnapshot) => {
        version = Math.max(version, s.version);
        seen.push(`snapshot:${s.status}`);
      });
      tracker.on("order:status", (e: OrderStatusEvent) => {
        if (e.version <= version) return;
        version = e.version;
        seen.push(e.status);
      });
      await new Promise<void>((resolve, reject) =>
        tracker.on("connect", () =>
          tracker.emit("order:join", { orderId: order.id }, (r: { ok: boolean }) =>
            r.ok ? resolve() : reject(new Error("join refused")),
          ),
        ),
      );

      const t = ticket(staff.page, order.orderNumber);
      await t.waitFor({ timeout: 2_000 });
      const appearedMs = Date.now() - placedAt;
      console.log(
        `[kitchen e2e] order ${order.orderNumber} on the console ${appearedMs} ms after placeOrder returned`,
      );
      expect(appearedMs).toBeLessThan(2_000);
      await staff.page
        .getByRole("alert")
        .filter({ hasText: `New order ${order.orderNumber}` })
        .waitFor();

      // The ticket reads from across the kitchen: halves and extra marked, notes shown.
      const text = (await t.textContent()) ?? "";
      expect(text).toContain("CARRYOUT");
      expect(text).toMatch(/LEFT ½\s*Mushrooms/);
      expect(text).toMatch(/RIGHT ½\s*Black Olives\s*EXTRA/);
      expect(text).toContain("2×");
      expect(text).toContain("Ring the bell twice");
      await screenshot(staff.page, "store-console-kitchen-tablet");
      await expectAccessible(staff.page, "the kitchen display");

      // Bump bar: type the ticket's number, then Enter / B / Space.
      const stages = ["preparing", "baking", "quality_check", "ready"] as const;
      const keys = ["Enter", "b", " ", "Enter"];
      for (const [i, stage] of stages.entries()) {
        const index = (await t.locator(".ticket__index").textContent())!.trim();
        for (const digit of index) await staff.page.keyboard.press(digit);
        await expect
          .poll(() => staff.page.getByTestId("kds-selected").textContent())
          .toContain(`order ${order.orderNumber}`);
        const started = Date.now();
        await staff.page.keyboard.press(keys[i]!);
        await ticket(staff.page, order.orderNumber)
          .and(staff.page.locator(`[data-status="${stage}"]`))
          .waitFor();
        console.log(`[kitchen e2e] bump → ${stage} on screen in ${Date.now() - started} ms`);
        await expect.poll(() => seen.at(-1), { timeout: 3_000 }).toBe(stage);
      }
      // Recall the last bumped ticket (R): selected again, with the explanation that bumps only go forward.
      await staff.page.keyboard.press("Escape");
      await staff.page.keyboard.press("r");
      await staff.page
        .getByRole("status")
        .filter({ hasText: `Recalled order ${order.orderNumber}` })
        .waitFor();

      // The oven view, then hand the order over (carryout): it leaves the board; the tracker saw it all.
      // Cash above the store's handover limit: the counter asks for the code the customer's page shows.
      const index = (await t.locator(".ticket__index").textContent())!.trim();
      for (const digit of index) await staff.page.keyboard.press(digit);
      await staff.page.keyboard.press("Enter");
      const counter = staff.page.getByTestId("counter-code");
      await counter.waitFor();
      const { handoverCode } = await api.order.trackOrder.query({ orderId: order.id });
      expect(handoverCode).toMatch(/^\d{4}$/);
      await counter.getByRole("textbox").fill(handoverCode!);
      await counter.getByRole("button", { name: "Hand over" }).click();
      await t.waitFor({ state: "detached" });
      await expect.poll(() => seen.at(-1), { timeout: 3_000 }).toBe("picked_up");
      expect(seen).toEqual(["snapshot:placed", ...stages, "picked_up"]);

      // 86 a topping: the customers' menu shows it unavailable at once; then back in stock.
      await staff.page.getByRole("button", { name: "Store & stock" }).click();
      await staff.page.getByTestId("stock-topping-mushrooms").click();
      await staff.page
        .getByTestId("stock-topping-mushrooms")
        .and(staff.page.locator('[aria-pressed="true"]'))
        .waitFor();
      const menu = await client().menu.getMenu.query({ storeId });
      expect(menu.toppings.find((x) => x.id === "mushrooms")?.available).toBe(false);
      await screenshot(staff.page, "store-console-store-tablet");
      await expectAccessible(staff.page, "store & stock");
      await staff.page.getByTestId("stock-topping-mushrooms").click();
      await staff.page
        .getByTestId("stock-topping-mushrooms")
        .and(staff.page.locator('[aria-pressed="false"]'))
        .waitFor();
      expect(
        (await client().menu.getMenu.query({ storeId })).toppings.find((x) => x.id === "mushrooms")
          ?.available,
      ).toBe(true);

      // Another store's staff saw none of it: not on their board, not on their socket, not through the API.
      // Markers first: an order of their own store, placed and moved to ready after ours was handed
      // over. Each topic reaches them in order, so anything of ours would have come before the markers.
      const theirStoreId = other.session.user.storeId!;
      const marker = await api.order.placeOrder.mutate({
        idempotencyKey: `e2e-${randomUUID()}`,
        channel: "carryout",
        paymentMethod: "cash",
        storeId: theirStoreId,
        tip: 0,
        items: [{ itemId: "margherita", variant: "medium", quantity: 1 }],
      });
      for (const to of stages)
        await client(other.session.accessToken).order.advance.mutate({ orderId: marker.id, to });
      await expect
        .poll(() => otherHeard.filter((e) => e.orderId === marker.id).map((e) => e.status), {
          timeout: 10_000,
        })
        .toEqual(expect.arrayContaining(["placed", "ready"]));
      expect(await ticket(other.page, order.orderNumber).count()).toBe(0);
      expect(otherHeard.filter((e) => e.orderId === order.id)).toEqual([]);
      const theirs = await client(other.session.accessToken).order.storeOrders.query({ limit: 200 });
      expect(theirs.some((o) => o.id === order.id)).toBe(false);
      await expect(
        client(other.session.accessToken).order.storeOrders.query({ storeId, limit: 10 }),
      ).rejects.toThrow(/could not find that store/);

      expect(staff.errors).toEqual([]);
      expect(other.errors).toEqual([]);
    },
    LONG,
  );

  it(
    "reads well on a TV, a tablet and phones (screenshots), without sideways scrolling on phones",
    async () => {
      const customer = await login("customer@pizza.example");
      const api = client(customer.accessToken);
      const staffLogin = await login("staff.nyc-midtown@pizza.example");
      const storeId = staffLogin.user.storeId!;
      const staffApi = client(staffLogin.accessToken);
      // A few orders spread over the stages.
      const placed = [];
      for (let i = 0; i < 5; i++) {
        placed.push(
          await api.order.placeOrder.mutate({
            idempotencyKey: `e2e-${randomUUID()}`,
            channel: "carryout",
            paymentMethod: "cash",
            storeId,
            tip: 0,
            items: [
              {
                itemId: i % 2 ? "margherita" : "pepperoni",
                variant: "large",
                quantity: 1 + (i % 2),
                toppings: i % 2 ? [{ id: "onions", placement: "whole", portion: "extra" }] : [],
              },
            ],
          }),
        );
      }
      // A driver goes on shift and reports a position: the roster and the map show them.
      const driver = await login("driver1.nyc-midtown@pizza.example");
      await client(driver.accessToken).delivery.goOnline.mutate({ storeId });
      const driverSocket = ui.socket(driver.accessToken);
      await new Promise<void>((resolve) => driverSocket.on("connect", () => resolve()));
      await new Promise<void>((resolve) =>
        driverSocket.emit("driver:position", { lat: 40.7601, lng: -73.9822 }, () => resolve()),
      );
      const path = ["preparing", "baking", "quality_check", "ready"] as const;
      for (const [i, o] of placed.entries()) {
        for (const to of path.slice(0, i)) await staffApi.order.advance.mutate({ orderId: o.id, to });
      }
      for (const size of ["tv", "tablet", "phone", "narrow"] as const) {
        const { page, errors } = await consolePage("staff.nyc-midtown@pizza.example", size);
        await ticket(page, placed[4]!.orderNumber).waitFor();
        await screenshot(page, `store-console-kitchen-${size}`);
        if (size === "phone" || size === "narrow") await noHorizontalScroll(page);
        await page.getByRole("button", { name: /^Oven/ }).click();
        await page.getByTestId("oven-row").first().waitFor();
        if (size === "tablet" || size === "phone") await screenshot(page, `store-console-oven-${size}`);
        if (size === "tablet" || size === "narrow") {
          await page.getByRole("button", { name: "Drivers" }).click();
          await page.getByTestId("roster").getByText("Available").waitFor();
          await page.getByTestId("map-driver").first().waitFor();
          await screenshot(page, `store-console-drivers-${size}`);
          await expectAccessible(page, "drivers");
          if (size === "narrow") await noHorizontalScroll(page);
          await page.getByRole("button", { name: "Today" }).click();
          await page.getByTestId("today-stats").waitFor();
          expect(await page.getByTestId("today-stats").textContent()).toContain("$");
          await screenshot(page, `store-console-today-${size}`);
          if (size === "narrow") await noHorizontalScroll(page);
        }
        expect(errors).toEqual([]);
      }
    },
    LONG,
  );

  it(
    "an admin signs in, picks a store, creates a promo code and pauses it",
    async () => {
      const context = await ui.newContext(SIZES.tablet);
      const page = await context.newPage();
      page.setDefaultTimeout(10_000);
      const { errors } = watchConsole(page);
      await page.goto("/store/");
      await page.getByRole("textbox", { name: "Email" }).fill("admin@pizza.example");
      await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
      await page.getByRole("button", { name: "Sign in" }).click();
      await page.getByLabel("Store (admin)").waitFor();
      await page.getByTestId("connection").and(page.locator('[data-state="connected"]')).waitFor();
      await page.getByRole("button", { name: "Today" }).click();
      await page.getByTestId("today-stats").waitFor();
      const code = `E2E${Date.now().toString(36).toUpperCase()}`;
      await page.getByRole("textbox", { name: "Code" }).fill(code);
      await page.getByRole("textbox", { name: "Percent off" }).fill("15");
      await page.getByRole("button", { name: "Create" }).click();
      await page
        .getByRole("status")
        .filter({ hasText: `Created ${code}` })
        .waitFor();
      const row = page.getByTestId("promos").locator("tr", { hasText: code });
      await row.getByRole("button", { name: "Pause" }).click();
      await row.getByText("Paused").waitFor();
      await row.getByRole("button", { name: "Redemptions" }).click();
      await page.getByTestId("redemptions").getByText("Not used yet.").waitFor();
      await screenshot(page, "store-console-admin-promos-tablet");
      await expectAccessible(page, "today and promo codes");
      expect(errors).toEqual([]);
    },
    LONG,
  );
});
