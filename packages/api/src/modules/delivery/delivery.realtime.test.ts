import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { waitFor } from "../../events/event-bus.contract.ts";
import type { DriverPosition, JoinResult, PositionResult } from "../../realtime/events.ts";
import { collect, connect, seededUser, type TestClient } from "../../realtime/testing.ts";
import { aCustomer, aDeliveryOrder, aStaff, storeId } from "../../testing/builders.ts";
import { backings, createTestPlatform, startTestServer, type TestPlatform } from "../../testing/harness.ts";
import type { AuthUser } from "../auth/tokens.ts";

/** The driver app's and the store console's view: offers, assignments and positions over Socket.IO. */
describe.each(backings)("delivery over Socket.IO on $name", (backing) => {
  let t: TestPlatform;
  let url: string;
  let closeServer: () => Promise<void>;
  const clients: TestClient[] = [];

  beforeAll(async () => {
    t = await createTestPlatform(backing, { seed: true, env: { DISPATCH_TICK_MS: "0" } });
    const server = await startTestServer(t.platform);
    url = server.url;
    closeServer = server.close;
    await t.platform.events.start();
  });
  afterAll(async () => {
    for (const c of clients.splice(0)) c.close();
    await closeServer?.();
    await t?.close();
  });

  const open = async (user: AuthUser) => {
    const c = await connect(url, t.platform.tokens, user);
    clients.push(c);
    return c;
  };
  const send = (c: TestClient, p: DriverPosition) =>
    new Promise<PositionResult>((resolve) => c.emit("driver:position", p, resolve));

  it("the store hears 'no driver', the driver gets the offer in their room, the customer sees the driver move", async () => {
    const midtown = await storeId(t, "nyc-midtown");
    const staff = await aStaff(t, "nyc-midtown");
    const driver = await seededUser(t.platform.db, "driver1.nyc-midtown@pizza.example");
    const other = await seededUser(t.platform.db, "driver2.nyc-midtown@pizza.example");
    const customer = await aCustomer(t);

    const store = await open(staff);
    const storeNews = collect(store, "store:delivery");
    const order = await t
      .caller(customer)
      .order.placeOrder(aDeliveryOrder(midtown, { paymentMethod: "cash" }));
    for (const to of ["preparing", "baking", "quality_check", "ready"] as const) {
      await t.caller(staff).order.advance({ orderId: order.id, to });
    }
    // Nobody is online: the store is told (once) that the order waits for a driver.
    await waitFor(
      () => storeNews.some((e) => e.topic === "delivery.no_driver"),
      10_000,
      "delivery.no_driver",
    );
    expect(storeNews.find((e) => e.topic === "delivery.no_driver")?.orderId).toBe(order.id);

    // The driver's phone: positions over the socket reach the dispatch index.
    const phone = await open(driver);
    const otherPhone = await open(other);
    const offers = collect(phone, "driver:delivery");
    const othersOffers = collect(otherPhone, "driver:delivery");
    expect(await send(phone, { lat: 40.7585, lng: -73.986, at: Date.now() })).toMatchObject({ ok: true });
    expect((await t.platform.services.delivery.index.getDriver(driver.id, midtown))?.position?.lat).toBe(
      40.7585,
    );
    await t.caller(driver).delivery.goOnline({ storeId: midtown });

    await t.platform.services.delivery.dispatcher.tick(Date.now() + 20_000);
    await waitFor(() => offers.some((e) => e.topic === "delivery.offered"), 10_000, "delivery.offered");
    const offered = offers.find((e) => e.topic === "delivery.offered")!;
    expect(offered).toMatchObject({ orderId: order.id });
    expect(othersOffers).toEqual([]);
    const offerId = offered.payload.offerId as string;
    await t.caller(driver).delivery.acceptOffer({ offerId });
    await waitFor(() => storeNews.some((e) => e.topic === "delivery.assigned"), 10_000, "delivery.assigned");

    // Out for delivery: the customer's order room gets the driver's positions.
    const follower = await open(customer);
    const joined = await new Promise<JoinResult>((resolve) =>
      follower.emit("order:join", { orderId: order.id }, resolve),
    );
    expect(joined.ok).toBe(true);
    const moves = collect(follower, "order:driver_position");
    const deliveryId = offered.deliveryId!;
    await t.caller(driver).delivery.markPickedUp({
      checks: ["order", "items", "drinks"],
      deliveryId,
      clientActionId: `pickup-${randomUUID()}`,
    });
    await waitFor(
      async () => {
        await send(phone, { lat: 40.759 + Math.random() / 1000, lng: -73.985, at: Date.now() });
        return moves.length > 0;
      },
      10_000,
      "a driver position in the order's room",
    );
    expect(moves[0]).toMatchObject({ orderId: order.id, driverId: driver.id });
    expect((await t.caller(customer).delivery.getDeliveryStatus({ orderId: order.id })).stage).toBe(
      "picked_up",
    );
  });
});
