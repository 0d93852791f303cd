import { screenshot, startAppServer } from "@pizza/api/testing/browser";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { appUnderTest, findStoreFor, firstPizzaIntoCart, register } from "./support.ts";

// No kitchen autopilot here: the order stays "placed" until the test moves it, as staff would.
const LONG = 120_000;
const web = appUnderTest(() => startAppServer());
const { openPage } = web;

/** A medium pizza (the builder's defaults) delivered in Midtown, paid with 4242…; ends on the tracker. */
async function orderAPizzaAndPay(page: Page): Promise<string> {
  await findStoreFor(page);
  await firstPizzaIntoCart(page);
  const place = page.getByTestId("place-order");
  await expect.poll(() => place.isEnabled(), { timeout: 15_000 }).toBe(true);
  await place.click();
  await page.waitForURL("**/pay?order=*");
  await page.getByLabel("Card number").fill("4242 4242 4242 4242");
  await page.getByTestId("pay").click();
  await page.waitForURL("**/track?order=*");
  await expect.poll(() => page.getByTestId("order-status").getAttribute("data-status")).toBe("placed");
  return new URL(page.url()).searchParams.get("order")!;
}

async function orderRow(orderId: string) {
  return web.server.db.db
    .selectFrom("orders")
    .select(["total", "version", "status", "store_id"])
    .where("id", "=", orderId)
    .executeTakeFirstOrThrow();
}

/** The kitchen of the order's store starts on it (as its staff would, through the API). */
function kitchenStarts(orderId: string) {
  return kitchenAdvances(orderId, "preparing");
}

async function kitchenAdvances(orderId: string, to: "preparing" | "baking" | "quality_check") {
  const { store_id } = await orderRow(orderId);
  const staff = await web.server.db.db
    .selectFrom("users")
    .select(["id", "name"])
    .where("role", "=", "staff")
    .where("store_id", "=", store_id)
    .executeTakeFirstOrThrow();
  await web.server
    .caller({ id: staff.id, role: "staff", storeId: store_id, name: staff.name })
    .order.advance({ orderId, to });
}

describe("changing a placed order in the customer web app", { timeout: LONG }, () => {
  it("changes a paid pizza from the tracker before prep: never to cost more than was charged; refused once the kitchen starts", async () => {
    const { page, errors } = await openPage("phone");
    await register(page, "Dorothy Vaughan", web.server);
    const orderId = await orderAPizzaAndPay(page);
    const before = await orderRow(orderId);
    const [line] = await web.server.db.db
      .selectFrom("order_items")
      .select(["variant", "config", "line_total"])
      .where("order_id", "=", orderId)
      .execute();
    expect(line?.variant).toBe("medium");

    await page.getByRole("button", { name: "Change order" }).click();
    await page
      .getByRole("link", { name: /^Change / })
      .first()
      .click();
    await page.waitForURL("**/build?order=*");
    await page.getByText(/Changing order #\d+/).waitFor();
    // Large instead of medium, and one more topping on the left half: more than the card paid, refused.
    await page.getByRole("radio", { name: /^Large/ }).check();
    const toppingsBefore = line?.config.toppings?.length ?? 0;
    const unused = page
      .locator('[data-testid^="topping-"]')
      .filter({ has: page.locator('select:not([disabled]) option[value="none"]:checked') })
      .first();
    const toppingId = await unused.getAttribute("data-testid");
    const placement = page
      .getByTestId(toppingId!)
      .locator("select")
      .filter({ has: page.locator('option[value="left"]') });
    await placement.selectOption("left");
    await expect
      .poll(() => page.getByTestId("live-price").textContent(), { timeout: 15_000 })
      .toMatch(/\$\d/);
    await expect.poll(() => page.getByTestId("add-to-cart").isEnabled()).toBe(true);
    await screenshot(page, "order-change-builder-phone");
    await page.getByRole("button", { name: "Save to my order" }).click();
    const refused = page.getByTestId("order-change-error");
    await refused.waitFor();
    expect(await refused.textContent()).toMatch(/already paid by card, so a change cannot make it cost more/);
    expect(await orderRow(orderId)).toMatchObject({ total: before.total, version: before.version });

    // Small with the extra topping on the left half: cheaper, saved, the difference goes back to the card.
    await page.getByRole("radio", { name: /^Small/ }).check();
    await expect.poll(() => page.getByTestId("add-to-cart").isEnabled(), { timeout: 15_000 }).toBe(true);
    await page.getByRole("button", { name: "Save to my order" }).click();
    await page.waitForURL("**/track?order=*");
    const notice = page.getByTestId("order-changed");
    await notice.waitFor();
    const after = await orderRow(orderId);
    expect(after.total).toBeLessThan(before.total);
    expect(after.version).toBe(before.version + 1);
    const [changed] = await web.server.db.db
      .selectFrom("order_items")
      .select(["variant", "config"])
      .where("order_id", "=", orderId)
      .execute();
    expect(changed?.variant).toBe("small");
    expect(changed?.config.toppings).toHaveLength(toppingsBefore + 1);
    expect(changed?.config.toppings?.filter((t) => t.placement === "left")).toHaveLength(1);
    // The re-priced total, and what it means for the card payment already taken.
    const text = await notice.textContent();
    const dollars = (n: number) => `$${(n / 100).toFixed(2)}`;
    expect(text).toContain(`New total ${dollars(after.total)} (was ${dollars(before.total)})`);
    expect(text).toContain(`${dollars(before.total - after.total)} goes back to your card`);
    await screenshot(page, "order-changed-phone");

    // Back into the builder, then the kitchen starts before the customer saves: refused, in words.
    await page.getByRole("button", { name: "Change order" }).click();
    await page
      .getByRole("link", { name: /^Change / })
      .first()
      .click();
    await page.waitForURL("**/build?order=*");
    await page.getByRole("radio", { name: /^Medium/ }).check();
    await expect.poll(() => page.getByTestId("add-to-cart").isEnabled(), { timeout: 15_000 }).toBe(true);
    await kitchenStarts(orderId);
    await page.getByRole("button", { name: "Save to my order" }).click();
    const refusal = page.getByTestId("order-change-error");
    await refusal.waitFor();
    expect(await refusal.textContent()).toMatch(/kitchen has started on this order \(it is preparing\)/);
    expect((await orderRow(orderId)).total).toBe(after.total);
    await screenshot(page, "order-change-refused-phone");
    expect(errors, "browser console").toEqual([]);
  });

  it("the tracker says it is reconnecting while offline and shows the stage reached meanwhile once back", async () => {
    const { page, errors } = await openPage("phone");
    await register(page, "Annie Easley", web.server);
    const orderId = await orderAPizzaAndPay(page);
    const live = page.getByTestId("live-state");
    const status = page.getByTestId("order-status");
    await expect.poll(() => live.textContent()).toBe("Live");

    // The phone loses its network: the socket drops and the tracker says so.
    await page.context().setOffline(true);
    await expect.poll(() => live.textContent(), { timeout: 20_000 }).toBe("Reconnecting…");
    await screenshot(page, "order-tracker-reconnecting-phone");
    // Meanwhile the kitchen moves on twice; the page cannot hear of it.
    await kitchenStarts(orderId);
    await kitchenAdvances(orderId, "baking");
    expect(await status.getAttribute("data-status")).toBe("placed");
    expect(await live.textContent()).toBe("Reconnecting…");

    // Back online: the socket reconnects, re-joins the order's room and gets the snapshot: the oven.
    const back = Date.now();
    await page.context().setOffline(false);
    await expect.poll(() => live.textContent(), { timeout: 20_000 }).toBe("Live");
    await expect.poll(() => status.getAttribute("data-status"), { timeout: 10_000 }).toBe("baking");
    console.log(`tracker live again and at "baking" ${Date.now() - back} ms after the network came back`);
    expect(await page.locator('.tracker__step[data-stage="preparing"]').getAttribute("data-state")).toBe(
      "done",
    );
    // And it is live again: the next stage arrives without a reload.
    await kitchenAdvances(orderId, "quality_check");
    await expect.poll(() => status.getAttribute("data-status"), { timeout: 10_000 }).toBe("quality_check");
    // Requests the browser could not send while offline are logged by Chromium itself, not by the app.
    expect(
      errors.filter((e) => !e.includes("ERR_INTERNET_DISCONNECTED")),
      "browser console",
    ).toEqual([]);
  });
});
