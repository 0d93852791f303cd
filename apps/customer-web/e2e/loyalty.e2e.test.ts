// Loyalty points in Chromium (issue 21): a new customer's account page says they have no points; once an
// order of theirs is picked up (staff of Berlin Mitte, which no other customer-web e2e file uses as staff)
// the page shows the points the region's rule gives and the history line naming the order. In the cart a
// signed-in customer uses their points on a reward: its own discount line, and the points spent with the order.
// An expired credit, once the expiry sweep has run, is an "expired" row in the history, the balance unchanged.
import { randomUUID } from "node:crypto";
import {
  appendPointsEntry,
  aStaff,
  screenshot,
  startAppServer,
  sweepExpiredPoints,
  until,
} from "@pizza/api/testing/browser";
import { describe, expect, it } from "vitest";
import {
  appUnderTest,
  expectAccessible,
  expectNoHorizontalScroll,
  findStoreFor,
  firstPizzaIntoCart,
  register,
} from "./support.ts";

const web = appUnderTest(() => startAppServer());
const LONG = 120_000;

describe("loyalty points in the browser", { timeout: LONG }, () => {
  it("shows no points at first, then the points and history line of a picked-up order", async () => {
    const { page, errors } = await web.openPage("phone");
    const email = await register(page, "Lou Loyal", web.server);
    const card = page.getByRole("region", { name: "Loyalty points" });
    await card.getByText("No points yet.", { exact: false }).waitFor();
    await card.getByText("You have 0 points.").waitFor();

    const db = web.server.platform.db;
    const user = await db
      .selectFrom("users")
      .select(["id", "name"])
      .where("email", "=", email)
      .executeTakeFirstOrThrow();
    const me = { id: user.id, role: "customer" as const, storeId: null, name: user.name };
    const mitte = await db
      .selectFrom("stores")
      .select("id")
      .where("slug", "=", "ber-mitte")
      .executeTakeFirstOrThrow();
    const order = await web.server.caller(me).order.placeOrder({
      idempotencyKey: `key-${randomUUID()}`,
      channel: "carryout",
      paymentMethod: "cash",
      storeId: mitte.id,
      items: [{ itemId: "pepperoni", variant: "large", quantity: 1 }],
      tip: 0,
    });
    const staff = await aStaff(web.server, "ber-mitte");
    for (const to of ["preparing", "baking", "quality_check", "ready", "picked_up"] as const)
      await web.server.caller(staff).order.advance({ orderId: order.id, to });
    const spend = order.subtotal - order.discount;
    const points = (spend >= 1500 ? 10 : 0) + Math.floor(spend / 100);
    await until("the credit", async () => (await web.server.caller(me).loyalty.balance()).points === points);

    await page.reload();
    await card.getByText(`You have ${points} points.`).waitFor();
    const entry = card.getByTestId("loyalty-entry");
    expect(await entry.count()).toBe(1);
    expect(await entry.textContent()).toContain(`earned with order #${order.orderNumber} (+${points})`);

    await expectNoHorizontalScroll(page);
    await expectAccessible(page, "the account page with loyalty points");
    await card.scrollIntoViewIfNeeded();
    await screenshot(page, "customer-loyalty-phone");
    expect(errors).toEqual([]);
  });

  it("shows the expiry sweep's row in the history, the balance unchanged by it", async () => {
    const { page, errors } = await web.openPage("desktop");
    const email = await register(page, "Eve Expiry", web.server);
    const card = page.getByRole("region", { name: "Loyalty points" });
    await card.getByText("You have 0 points.").waitFor();
    const db = web.server.platform.db;
    const user = await db
      .selectFrom("users")
      .select("id")
      .where("email", "=", email)
      .executeTakeFirstOrThrow();
    const credit = (points: number, days: number, reason: string) =>
      appendPointsEntry(db, {
        userId: user.id,
        delta: points,
        kind: "goodwill",
        eventKey: `goodwill:${randomUUID()}`,
        reason,
        expiresAt: new Date(Date.now() + days * 86_400_000),
      });
    await credit(30, -1, "an old apology");
    await credit(15, 30, "a new apology");
    await page.reload();
    await card.getByText("You have 15 points.").waitFor();

    // The sweep (every node runs it every 10 minutes) writes the expiry into the ledger.
    while ((await sweepExpiredPoints({ db, batch: 100 })) === 100);
    await page.reload();
    await card.getByText("You have 15 points.").waitFor();
    const entries = card.getByTestId("loyalty-entry");
    await entries.filter({ hasText: "expired (-30)" }).waitFor();
    expect(await entries.count()).toBe(3);
    await expectAccessible(page, "the account page with an expired credit");
    await card.scrollIntoViewIfNeeded();
    await screenshot(page, "customer-loyalty-expired-desktop");
    expect(errors).toEqual([]);
  });

  it("uses points on a reward in the cart: a discount line named after it, the points spent with the order", async () => {
    const { page, errors } = await web.openPage("phone");
    const email = await register(page, "Rita Reward", web.server);
    const db = web.server.platform.db;
    const user = await db
      .selectFrom("users")
      .select("id")
      .where("email", "=", email)
      .executeTakeFirstOrThrow();
    await db
      .insertInto("loyalty_ledger")
      .values({
        user_id: user.id,
        delta: 45,
        kind: "goodwill",
        event_key: `goodwill:${user.id}`,
        reason: "e2e credit",
        expires_at: new Date(Date.now() + 86_400_000),
      })
      .execute();

    await findStoreFor(page);
    await firstPizzaIntoCart(page);
    const rewards = page.getByRole("group", { name: "Use your points" });
    await rewards.getByText("You have 45 points.").waitFor();
    // 60 points for the pizza: more than there is.
    expect(
      await rewards.getByRole("radio", { name: "Free medium Margherita · 60 points" }).isDisabled(),
    ).toBe(true);
    const before = await page.getByTestId("total").textContent();
    await rewards.getByRole("radio", { name: "$5 off · 40 points" }).check();
    const line = page.getByTestId("reward-line");
    await line.waitFor();
    expect(await line.textContent()).toBe("$5 off−$5.00");
    await expect.poll(() => page.getByTestId("total").textContent()).not.toBe(before);
    await expectNoHorizontalScroll(page);
    await expectAccessible(page, "the cart with a loyalty reward");
    await screenshot(page, "customer-reward-cart-phone");

    const place = page.getByTestId("place-order");
    await expect.poll(() => place.isEnabled(), { timeout: 15_000 }).toBe(true);
    await place.click();
    await page.waitForURL("**/pay?order=*");
    const orderId = new URL(page.url()).searchParams.get("order")!;
    const spent = await db
      .selectFrom("loyalty_ledger")
      .select(["delta", "event_key"])
      .where("user_id", "=", user.id)
      .where("kind", "=", "redeem")
      .execute();
    expect(spent).toEqual([{ delta: -40, event_key: `redeem:${orderId}` }]);
    const order = await db
      .selectFrom("orders")
      .select("discount")
      .where("id", "=", orderId)
      .executeTakeFirstOrThrow();
    expect(order.discount).toBe(500);
    expect(errors).toEqual([]);
  });
});
