import { aDeliveryOrder, aStaff, screenshot, startAppServer } from "@pizza/api/testing/browser";
import {
  deliverUntilShown,
  pushManagerStandIn,
  startTestPushService,
  type TestPushService,
} from "@pizza/api/testing/push-service";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appUnderTest, expectAccessible, expectNoHorizontalScroll, IN_ZONE, register } from "./support.ts";

// "Notify me" on the tracker: the customer turns it on (permission granted in the context; the browser's
// push service is the local one, see pushManagerStandIn), the kitchen starts the order, the server's push
// for that stage is decrypted by the local push service and delivered to the customer web's worker, which
// shows it with a link back to the tracker.
const web = appUnderTest(() => startAppServer(undefined, { NOTIFY_SWEEP_MS: "100" }));
let push: TestPushService;

beforeAll(async () => {
  push = await startTestPushService(() => web.server.platform.config.push!.publicKey);
});
afterAll(async () => {
  await push?.close();
});

describe("customer web: Notify me on the tracker", { timeout: 120_000 }, () => {
  it("subscribes from the tracker and shows the order's next stage as a notification", async () => {
    const device = push.device();
    const { page, errors } = await web.openPage("phone", { permissions: ["notifications"] });
    await page.context().addInitScript(pushManagerStandIn, device.subscription);
    const email = await register(page, "Notified Customer", web.server);
    const db = web.server.db.db;
    const me = await db
      .selectFrom("users")
      .select(["id", "name"])
      .where("email", "=", email)
      .executeTakeFirstOrThrow();
    const store = await db
      .selectFrom("stores")
      .select("id")
      .where("slug", "=", "nyc-midtown")
      .executeTakeFirstOrThrow();
    const customer = { id: me.id, role: "customer" as const, storeId: null, name: me.name };
    const location = { lat: Number(IN_ZONE.lat), lng: Number(IN_ZONE.lng) };
    const order = await web.server
      .caller(customer)
      .order.placeOrder(aDeliveryOrder(store.id, { paymentMethod: "cash" }, location));

    await page.goto(`/track?order=${order.id}`);
    const notify = page.getByTestId("notify-me");
    const toggle = notify.getByRole("button", { name: /Off/ });
    await toggle.waitFor();
    expect(await toggle.getAttribute("aria-pressed")).toBe("false");
    await toggle.click();
    await expect.poll(() => notify.getByRole("button").getAttribute("aria-pressed")).toBe("true");
    expect(await db.selectFrom("push_subscriptions").select(["user_id", "app"]).execute()).toEqual([
      { user_id: me.id, app: "customer" },
    ]);
    await expectAccessible(page, "tracker with Notify me on");
    await expectNoHorizontalScroll(page, "tracker");
    await screenshot(page, "customer-notify-me-phone");
    await page.setViewportSize({ width: 1366, height: 900 });
    await screenshot(page, "customer-notify-me-desktop");

    const staff = await aStaff(web.server, "nyc-midtown");
    await web.server.caller(staff).order.advance({ orderId: order.id, to: "preparing" });
    const pushed = await push.waitFor("the stage push", (m) => m.deviceId === device.id);
    expect(pushed.payload).toMatchObject({
      kind: "order_status",
      title: "The store is making your order",
      url: `/track?order=${order.id}`,
    });
    const [note] = await deliverUntilShown(page, `${web.server.url}/`, pushed.payload);
    expect(note).toMatchObject({
      title: "The store is making your order",
      body: `Your order #${order.orderNumber} is being prepared.`,
      data: { url: `/track?order=${order.id}` },
    });
    expect(errors).toEqual([]);
  });
});
