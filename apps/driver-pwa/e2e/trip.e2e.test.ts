import { randomUUID } from "node:crypto";
import { screenshot } from "@pizza/api/testing/browser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD, offset, signInAsDriver, tickBagChecks, until } from "./support.ts";
import { type DriverSession, driverSession, orderRow, signedIn } from "./trip-support.ts";

// Batching in real Chromium (issue 20): two cash orders of Shibuya to neighbouring addresses wait, ready,
// while nobody is on shift; the driver clocks in and is offered both as one trip; accepting one takes
// both; the PWA lists the two stops in route order; the customer's tracker says the farther order is 2nd
// on the trip, and the store console why they were batched; the driver picks up both and delivers each
// at its door.
// Shibuya's driver1 and staff: no other e2e file uses this store's drivers or staff.
const SLUG = "tyo-shibuya";
const LONG = 180_000;

let s: DriverSession;
const orderStatus = async (orderId: string) => (await orderRow(s.server, orderId)).status;

beforeAll(async () => {
  s = await driverSession(SLUG, { SIM_DRIVERS: "0", KITCHEN_AUTOPILOT: "false", DISPATCH_BATCHING: "on" });
}, 120_000);

afterAll(async () => {
  await s?.close();
});

/** A cash order from Shibuya to a point `northM`/`eastM` from the store, taken to ready by the staff. */
async function readyOrder(northM: number, eastM: number) {
  const { server, store } = s;
  const login = (email: string) => server.caller().auth.login({ email, password: DEMO_PASSWORD });
  const customer = await login("customer@pizza.example");
  const staff = await login(`staff.${SLUG}@pizza.example`);
  const door = offset(store, northM, eastM);
  const order = await server.caller(customer.user).order.placeOrder({
    idempotencyKey: `key-${randomUUID()}`,
    channel: "delivery",
    paymentMethod: "cash",
    storeId: store.id,
    address: { line1: `${northM} Dogenzaka`, city: "Tokyo" },
    location: { lat: door.latitude, lng: door.longitude },
    items: [{ itemId: "margherita", variant: "large", quantity: 1 }],
    tip: 0,
  });
  for (const to of ["preparing", "baking", "quality_check", "ready"] as const) {
    await server.caller(staff.user).order.advance({ orderId: order.id, to });
  }
  return { id: order.id, door };
}

describe("driver PWA and tracker: two orders on one trip", { timeout: LONG }, () => {
  it("one trip offered, accepted whole, stops in route order, picked up together, delivered each", async () => {
    const { server, context, page, store } = s;
    const far = await readyOrder(1400, 1300);
    const near = await readyOrder(800, 800);
    await signInAsDriver(page, `driver1.${SLUG}@pizza.example`);
    await page.getByRole("button", { name: /Clock in/ }).click();
    await page.getByRole("heading", { name: "On shift" }).waitFor();

    // Both waited for a driver; the dispatcher's retry offers them together.
    const offers = page.getByTestId("offer");
    await until("both stops offered", async () => (await offers.count()) === 2, 60_000);
    expect(await offers.nth(0).getByRole("heading").textContent()).toBe("Trip · stop 1 of 2");
    expect(await offers.nth(1).getByRole("heading").textContent()).toBe("Trip · stop 2 of 2");
    expect(await offers.nth(0).getByTestId("offer-trip").textContent()).toMatch(
      /accepting takes all 2 stops/,
    );
    await screenshot(page, "driver-trip-offer-phone");
    await offers.nth(0).getByRole("button", { name: "Accept" }).click();

    const cards = page.getByTestId("delivery");
    await until("two stops held", async () => (await cards.count()) === 2);
    expect(await cards.nth(0).getByTestId("trip-stop").textContent()).toBe("Trip stop 1 of 2");
    expect(await cards.nth(1).getByTestId("trip-stop").textContent()).toBe("Trip stop 2 of 2");
    const numberOf = async (orderId: string) => (await orderRow(server, orderId)).order_number;
    expect(await cards.nth(0).getByRole("heading").textContent()).toContain(`#${await numberOf(near.id)}`);
    expect(await cards.nth(1).getByRole("heading").textContent()).toContain(`#${await numberOf(far.id)}`);
    await screenshot(page, "driver-trip-two-stops-phone");

    // The customer of the farther order sees it is second on the trip.
    const customer = await signedIn(s, "customer-web", "customer@pizza.example");
    await customer.page.goto(`/track?order=${far.id}`);
    const position = customer.page.getByTestId("trip-position");
    await position.waitFor();
    expect(await position.textContent()).toMatch(/your order is 2nd on this trip \(2 stops\)/);
    await screenshot(customer.page, "customer-trip-position");
    await customer.page.context().close();

    // The store sees why: the batch decision in words, with the detour and directions against the limits.
    const staff = await signedIn(s, "store-console", `staff.${SLUG}@pizza.example`);
    await staff.page.goto("/store/");
    await staff.page.getByRole("button", { name: "Drivers" }).click();
    await staff.page.getByRole("combobox", { name: /^Order/ }).selectOption(far.id, { timeout: 60_000 });
    const why = staff.page.getByTestId("assignment-explanation");
    await why
      .getByText(/^On one trip with another order of the store \(this order is stop 2 of 2\)/)
      .waitFor();
    expect(await why.textContent()).toMatch(
      /detour [\d.]+ min of 5 allowed; directions \d+° apart of 45° allowed/,
    );
    await screenshot(staff.page, "store-console-trip-explanation");
    await staff.page.context().close();

    // Both picked up at the store, then each delivered at its own door, in route order.
    const { driver_id: driverId } = await server.db.db
      .selectFrom("deliveries")
      .select("driver_id")
      .where("order_id", "=", near.id)
      .executeTakeFirstOrThrow();
    for (const i of [0, 1]) {
      await tickBagChecks(cards.nth(i));
      await cards.nth(i).getByRole("button", { name: "Picked up" }).click();
    }
    await until(
      "both out for delivery",
      async () =>
        (await orderStatus(near.id)) === "out_for_delivery" &&
        (await orderStatus(far.id)) === "out_for_delivery",
    );
    for (const stop of [near, far]) {
      await context.setGeolocation(stop.door);
      const card = page.getByTestId("delivery").and(page.locator('[data-stage="dropoff"]')).first();
      await until("the phone at the door", async () => {
        const snap = await server.platform.services.delivery.index.getDriver(driverId!, store.id);
        return snap?.position && Math.abs(snap.position.lat - stop.door.latitude) < 1e-6;
      });
      await card.getByRole("button", { name: "Delivered", exact: true }).click();
      await until("delivered", async () => (await orderStatus(stop.id)) === "delivered");
    }
    expect(await orderStatus(far.id)).toBe("delivered");
  });
});
