// Issue 22: a kitchen ticket prints by itself when an order enters the kitchen (auto-print on), once —
// a reload prints nothing more — and a reprint is an explicit, recorded second print. `window.print` is
// replaced by an init script that records each call (and the order number on the printed ticket) in
// sessionStorage, which survives the reload.
import { randomUUID } from "node:crypto";
import { screenshot } from "@pizza/api/testing/browser";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { consoleUnderTest, expectAccessible, LONG } from "./support.ts";

const ui = consoleUnderTest({ KITCHEN_AUTOPILOT: "false", SIM_DRIVERS: "0" });

/** Runs in the page before the app: each print call records what the printed ticket says. */
function countPrints() {
  window.print = () => {
    const printed = JSON.parse(sessionStorage.getItem("e2e.prints") ?? "[]") as string[];
    const area = document.querySelector('[data-testid="print-area"]');
    printed.push(area?.textContent ?? "(nothing to print)");
    sessionStorage.setItem("e2e.prints", JSON.stringify(printed));
  };
}

/** The tickets printed in this tab that name order `n` ("#n" on the ticket). */
async function printsOf(page: Page, n: number): Promise<string[]> {
  const all = await page.evaluate(() => JSON.parse(sessionStorage.getItem("e2e.prints") ?? "[]") as string[]);
  return all.filter((text) => text.includes(`#${n}`));
}

/** A time as the console's locale writes it: "19:02" or "07:02 PM". */
const T = String.raw`\d{1,2}:\d\d(?: [AP]M)?`;

describe("store console: kitchen tickets", () => {
  it(
    "auto-prints a new order once, not again after a reload, and reprints on request with who and when",
    async () => {
      const { page, session, api, errors } = await ui.consolePage(
        "staff.nyc-midtown@pizza.example",
        { viewport: { width: 1280, height: 800 } },
        (context) => context.addInitScript(countPrints),
      );
      const storeId = session.user.storeId!;
      await page.getByRole("button", { name: "Turn sound on" }).click();
      await page.getByLabel("Ticket paper").selectOption("80");
      await page.getByLabel("Auto-print new orders").check();

      const customer = await ui.login("customer@pizza.example");
      const order = await ui.client(customer.accessToken).order.placeOrder.mutate({
        idempotencyKey: `e2e-${randomUUID()}`,
        channel: "carryout",
        paymentMethod: "cash",
        storeId,
        tip: 0,
        notes: "Ring twice",
        items: [
          {
            itemId: "margherita",
            variant: "large",
            quantity: 1,
            toppings: [
              { id: "mushrooms", placement: "left", portion: "normal" },
              { id: "pepperoni", placement: "right", portion: "extra" },
            ],
          },
        ],
      });
      const ticket = page.locator(`[data-testid="ticket"][data-order-number="${order.orderNumber}"]`);
      await ticket.waitFor();

      // Printed here, once: the print call names this order and the server recorded the claim.
      await expect.poll(() => printsOf(page, order.orderNumber)).toHaveLength(1);
      const [printed] = await printsOf(page, order.orderNumber);
      expect(printed).toMatch(/LEFT ½/);
      expect(printed).toMatch(/RIGHT ½.*EXTRA/);
      expect(printed).toMatch(/Ring twice/);
      await expect.poll(() => ticket.getByTestId("ticket-prints").getAttribute("data-claim")).toBe("claimed");
      await expect
        .poll(() => ticket.getByTestId("ticket-prints").textContent())
        .toMatch(new RegExp(`^printed ${T} by Midtown`));
      const rows = await api.order.ticketPrints.query({ orderIds: [order.id] });
      expect(rows.map((r) => r.reprint)).toEqual([false]);

      // The print layout at 80 mm (≈ 302 CSS px): the QR is an SVG, the number is large.
      expect(await page.getByTestId("ticket-qr").count()).toBe(1);
      await page.emulateMedia({ media: "print" });
      await page.setViewportSize({ width: 302, height: 900 });
      await screenshot(page, "store-console-ticket-print-80mm");
      const qr = (await page.getByTestId("ticket-qr").boundingBox())!;
      expect(qr.width).toBeGreaterThan(100);
      await page.emulateMedia({ media: "screen" });
      await page.setViewportSize({ width: 1280, height: 800 });

      // A reload asks the server again and hears "already printed": no second print.
      await page.reload();
      await ticket.waitFor();
      await expect
        .poll(() => ticket.getByTestId("ticket-prints").getAttribute("data-claim"))
        .toBe("already_printed");
      expect(await printsOf(page, order.orderNumber)).toHaveLength(1);

      // The customer edits the order (a new ticket version): it prints again, with the new lines.
      await ui.client(customer.accessToken).order.updateOrder.mutate({
        orderId: order.id,
        items: [{ itemId: "garlic_bread", variant: "8pc", quantity: 2 }],
      });
      await expect.poll(() => printsOf(page, order.orderNumber), { timeout: 10_000 }).toHaveLength(2);
      expect((await printsOf(page, order.orderNumber))[1]).toMatch(/2× Garlic/);

      // Reprint: one more print, marked REPRINT, recorded with who and when.
      await ticket.getByRole("button", { name: `Reprint ticket of order ${order.orderNumber}` }).click();
      await expect.poll(() => printsOf(page, order.orderNumber)).toHaveLength(3);
      expect((await printsOf(page, order.orderNumber))[2]).toMatch(/REPRINT/);
      await expect
        .poll(() => ticket.getByTestId("ticket-prints").textContent())
        .toMatch(new RegExp(`^printed ${T} by .+, printed ${T} by .+, reprinted ${T} by Midtown`));
      const after = await api.order.ticketPrints.query({ orderIds: [order.id] });
      expect(after.map((r) => [r.version > 1, r.reprint])).toEqual([
        [false, false],
        [true, false],
        [true, true],
      ]);

      await screenshot(page, "store-console-kitchen-tickets-1280");
      await expectAccessible(page, "the kitchen display with printed tickets");
      await page.setViewportSize({ width: 390, height: 844 });
      await screenshot(page, "store-console-kitchen-tickets-390");
      // The 58 mm layout: the station's choice kept in this browser.
      await page.getByLabel("Ticket paper").selectOption("58");
      await page.emulateMedia({ media: "print" });
      await page.setViewportSize({ width: 219, height: 900 });
      await screenshot(page, "store-console-ticket-print-58mm");
      expect(await page.getByTestId("print-area").getAttribute("class")).toContain("print-area--58");
      expect(errors).toEqual([]);
    },
    LONG,
  );
});
