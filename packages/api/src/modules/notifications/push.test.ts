// Web Push end to end: a driver's phone (a device of the local push service in testing/push-service.ts)
// subscribes; a new offer, an order ready to pick up and a shift reminder go from the event stream through
// the queue to the push service, which checks the VAPID signature and decrypts the payload with the
// device's private key. A 410 deletes the subscription; a 503 is retried; a replayed event sends nothing twice.
import { destination, type LatLng } from "@pizza/dispatch";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seededUser } from "../../realtime/testing.ts";
import { failure } from "../../testing/assertions.ts";
import { aCustomer, aDeliveryOrder, aStaff, NEAR, storeId } from "../../testing/builders.ts";
import { backings, createTestPlatform, type TestPlatform } from "../../testing/harness.ts";
import { startTestPushService, type TestDevice, type TestPushService } from "../../testing/push-service.ts";
import { until } from "../../testing/signals.ts";
import type { AuthUser } from "../auth/tokens.ts";
import { enqueuePushes, offerPush } from "./push-messages.ts";

const MIDTOWN: LatLng = { lat: 40.757, lng: -73.9877 };
const SHIBUYA: LatLng = { lat: 35.6591, lng: 139.6982 };

describe.each(backings)("Web Push on $name", (backing) => {
  let push: TestPushService;
  let t: TestPlatform;
  let midtown: string;
  let staff: AuthUser;

  beforeAll(async () => {
    push = await startTestPushService(() => t.platform.config.push!.publicKey);
    t = await createTestPlatform(backing, {
      seed: true,
      env: {
        DISPATCH_TICK_MS: "0",
        NOTIFY_SWEEP_MS: "50",
        NOTIFY_RETRY_BASE_MS: "100",
        NOTIFY_MAX_ATTEMPTS: "3",
      },
    });
    await t.platform.events.start();
    midtown = await storeId(t, "nyc-midtown");
    staff = await aStaff(t, "nyc-midtown");
  });
  afterAll(async () => {
    await t?.close();
    await push?.close();
  });

  const subscribe = async (user: AuthUser, app: "driver" | "customer" = "driver") => {
    const device = push.device();
    await t.caller(user).notifications.subscribePush({ app, subscription: device.subscription });
    return device;
  };
  const subscriptionRows = (device: TestDevice) =>
    t.platform.db
      .selectFrom("push_subscriptions")
      .selectAll()
      .where("endpoint", "=", device.subscription.endpoint)
      .execute();
  const online = async (email: string, metres: number, store = midtown, near = MIDTOWN) => {
    const driver = await seededUser(t.platform.db, email);
    const p = destination(near, 90, metres);
    await t.platform.services.tracking.positionSink?.onDriverPosition(driver, { ...p, at: Date.now() });
    await t.caller(driver).delivery.goOnline({ storeId: store });
    return driver;
  };
  const advance = async (
    orderId: string,
    ...stages: ("preparing" | "baking" | "quality_check" | "ready")[]
  ) => {
    for (const to of stages) await t.caller(staff).order.advance({ orderId, to });
  };

  it("gives the VAPID key to anyone; lets a driver subscribe their own phone only, with valid keys", async () => {
    expect(await t.caller().notifications.pushKey()).toEqual({
      publicKey: t.platform.config.push!.publicKey,
    });
    const driver = await seededUser(t.platform.db, "driver2.nyc-midtown@pizza.example");
    const customer = await aCustomer(t);
    const device = await subscribe(driver);
    expect(await subscriptionRows(device)).toMatchObject([{ user_id: driver.id, app: "driver" }]);

    const other = push.device();
    expect(
      await failure(
        t.caller(customer).notifications.subscribePush({ app: "driver", subscription: other.subscription }),
      ),
    ).toMatchObject({ code: "FORBIDDEN" });
    const badKeys = { ...other.subscription, keys: { p256dh: "abc", auth: other.subscription.keys.auth } };
    expect(
      await failure(t.caller(driver).notifications.subscribePush({ app: "driver", subscription: badKeys })),
    ).toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining("keys.p256dh") });
    expect(
      await failure(
        t.caller().notifications.subscribePush({ app: "driver", subscription: other.subscription }),
      ),
    ).toMatchObject({ code: "UNAUTHORIZED" });
    // Someone else's endpoint cannot be removed; the owner's can.
    expect(
      await failure(
        t.caller(customer).notifications.unsubscribePush({ endpoint: device.subscription.endpoint }),
      ),
    ).toMatchObject({ code: "NOT_FOUND" });
    expect(await subscriptionRows(device)).toHaveLength(1);
    await t.caller(driver).notifications.unsubscribePush({ endpoint: device.subscription.endpoint });
    expect(await subscriptionRows(device)).toEqual([]);
  });

  it("pushes a new offer to the offered driver's phone, encrypted, with Accept and Decline opening the app at it", async () => {
    const driver = await online("driver1.nyc-midtown@pizza.example", 300);
    const device = await subscribe(driver);
    const order = await t
      .caller(await aCustomer(t))
      .order.placeOrder(aDeliveryOrder(midtown, { paymentMethod: "cash" }));
    await advance(order.id, "preparing", "baking", "quality_check", "ready");

    const message = await push.waitFor("the offer push", (m) => m.deviceId === device.id);
    const offer = await t.platform.db
      .selectFrom("delivery_offers")
      .select(["id", "expires_at"])
      .where("driver_id", "=", driver.id)
      .where("status", "=", "pending")
      .executeTakeFirstOrThrow();
    expect(message.payload).toMatchObject({
      kind: "driver_offer",
      title: "New delivery offer",
      body: expect.stringContaining("Pick up at"),
      url: `/driver/?offer=${offer.id}`,
      offerId: offer.id,
      actions: [
        { action: "accept", title: "Accept" },
        { action: "decline", title: "Decline" },
      ],
      actionUrls: {
        accept: `/driver/?offer=${offer.id}&do=accept`,
        decline: `/driver/?offer=${offer.id}&do=decline`,
      },
    });
    expect(message.urgency).toBe("high");
    expect(message.ttl).toBeGreaterThan(0);
    expect(message.ttl).toBeLessThanOrEqual(
      Math.ceil((new Date(offer.expires_at).getTime() - Date.now()) / 1000) + 5,
    );
    expect(message.subject).toMatch(/^mailto:|^https:/);
    await until(
      "the subscription's last success",
      async () => (await subscriptionRows(device))[0]?.last_success_at,
    );
    await t.caller(driver).delivery.acceptOffer({ offerId: offer.id });
    await t.caller(driver).delivery.markPickedUp({
      checks: ["order", "items", "drinks"],
      deliveryId: (await t.caller(driver).delivery.current())[0]!.deliveryId,
      clientActionId: crypto.randomUUID(),
    });
  });

  it("tells the assigned driver when the order is ready to pick up", async () => {
    const driver = await online("driver3.nyc-midtown@pizza.example", 500);
    const device = await subscribe(driver);
    const order = await t
      .caller(await aCustomer(t))
      .order.placeOrder(aDeliveryOrder(midtown, { paymentMethod: "cash" }));
    await advance(order.id, "preparing", "baking");
    await until("the delivery row", () =>
      t.platform.db.selectFrom("deliveries").select("id").where("order_id", "=", order.id).executeTakeFirst(),
    );
    await t.caller(staff).delivery.assignDelivery({ orderId: order.id, driverId: driver.id });
    await advance(order.id, "quality_check", "ready");
    const message = await push.waitFor(
      "the ready push",
      (m) => m.deviceId === device.id && m.payload.kind === "order_ready",
    );
    expect(message.payload).toMatchObject({
      title: `Order #${order.orderNumber} is ready`,
      body: expect.stringContaining("waiting for you at"),
      url: "/driver/",
      orderId: order.id,
    });
  });

  it("reminds an off-shift driver when their store has orders and no driver free, in the store's German", async () => {
    const mitte = await storeId(t, "ber-mitte");
    const berlinStaff = await aStaff(t, "ber-mitte");
    const driver = await seededUser(t.platform.db, "driver1.ber-mitte@pizza.example");
    const device = await subscribe(driver);
    const order = await t
      .caller(await aCustomer(t))
      .order.placeOrder(aDeliveryOrder(mitte, { paymentMethod: "cash" }, { lat: 52.5251, lng: 13.4035 }));
    for (const to of ["preparing", "baking", "quality_check", "ready"] as const)
      await t.caller(berlinStaff).order.advance({ orderId: order.id, to });
    const message = await push.waitFor("the shift reminder", (m) => m.deviceId === device.id);
    expect(message.payload).toMatchObject({
      kind: "shift_reminder",
      locale: "de",
      title: "Bestellungen warten auf einen Fahrer",
      body: expect.stringContaining("Beginne deine Schicht"),
    });
  });

  it("retries a push the service refused with 503, never sends a replayed event twice, and forgets a phone that answers 410", async () => {
    const driver = await seededUser(t.platform.db, "driver2.nyc-midtown@pizza.example");
    const device = await subscribe(driver);
    const [sub] = await subscriptionRows(device);
    const payload = offerPush({
      offerId: "00000000-0000-4000-8000-000000000001",
      storeName: "Midtown",
      distanceM: 1200,
      pickupEtaS: 300,
      expiresAt: new Date(Date.now() + 60_000).toISOString(),
    });
    push.fail(1);
    expect(await enqueuePushes(t.platform.db, "retry-event", [sub!.id], payload)).toBe(1);
    await push.waitFor("the retried push", (m) => m.deviceId === device.id);
    expect(push.refusals.filter((r) => r.deviceId === device.id).map((r) => r.status)).toEqual([503]);
    const row = await t.platform.db
      .selectFrom("notification_deliveries")
      .selectAll()
      .where("event_id", "=", "retry-event")
      .executeTakeFirstOrThrow();
    await until(
      "the row marked sent",
      async () =>
        (
          await t.platform.db
            .selectFrom("notification_deliveries")
            .select(["status", "attempts"])
            .where("id", "=", row.id)
            .executeTakeFirst()
        )?.status === "sent",
    );
    expect(row).toMatchObject({ channel: "push", recipient: sub!.id, kind: "driver_offer" });
    // The same event again: the queue's unique key keeps it to one message.
    expect(await enqueuePushes(t.platform.db, "retry-event", [sub!.id], payload)).toBe(0);

    push.gone(device);
    await enqueuePushes(t.platform.db, "gone-event", [sub!.id], payload);
    const failed = await until("the 410 recorded", () =>
      t.platform.db
        .selectFrom("notification_deliveries")
        .select(["status", "attempts", "last_error"])
        .where("event_id", "=", "gone-event")
        .where("status", "=", "failed")
        .executeTakeFirst(),
    );
    expect(failed).toMatchObject({ attempts: 1, last_error: expect.stringContaining("410") });
    expect(await subscriptionRows(device)).toEqual([]);
    expect(push.to(device)).toHaveLength(1);
  });
  it("pushes an offer only to a driver who wants offers by push, in their store's language", async () => {
    const shibuya = await storeId(t, "tyo-shibuya");
    const tokyoStaff = await aStaff(t, "tyo-shibuya");
    const goOnline = (email: string, metres: number) => online(email, metres, shibuya, SHIBUYA);
    // The nearer driver turned offers' push off; the farther one keeps the default (push).
    const quiet = await goOnline("driver1.tyo-shibuya@pizza.example", 200);
    const quietPhone = await subscribe(quiet);
    const off = await t.caller(quiet).notifications.setPreference({ kind: "new_offer", channels: [] });
    expect(off.kinds).toContainEqual(
      expect.objectContaining({ kind: "new_offer", channels: [], choosable: ["push"], isDefault: false }),
    );
    const keen = await goOnline("driver2.tyo-shibuya@pizza.example", 900);
    const keenPhone = await subscribe(keen);

    const order = await t
      .caller(await aCustomer(t))
      .order.placeOrder(aDeliveryOrder(shibuya, { paymentMethod: "cash" }, NEAR["tyo-shibuya"]));
    for (const to of ["preparing", "baking", "quality_check", "ready"] as const)
      await t.caller(tokyoStaff).order.advance({ orderId: order.id, to });
    const pending = (driverId: string) =>
      t.platform.db
        .selectFrom("delivery_offers")
        .select("id")
        .where("driver_id", "=", driverId)
        .where("status", "=", "pending")
        .executeTakeFirst();
    const first = await until("the offer to the nearer driver", () => pending(quiet.id));
    // The push consumer has handled the offer's event: it queued nothing for the driver who said no.
    const event = await until("the offer's event", () =>
      t.platform.db
        .selectFrom("outbox")
        .select("id")
        .where("topic", "=", "delivery.offered")
        .where(({ ref }) => ref("payload", "->>").key("offerId"), "=", first.id)
        .executeTakeFirst(),
    );
    await until("the push consumer's turn", () =>
      t.platform.db
        .selectFrom("processed_events")
        .select("event_id")
        .where("consumer", "=", "notifications.push")
        .where("event_id", "=", event.id)
        .executeTakeFirst(),
    );
    const queued = await t.platform.db
      .selectFrom("notification_deliveries")
      .select("id")
      .where("event_id", "=", event.id)
      .execute();
    expect(queued).toEqual([]);

    // Declined: the offer moves to the other driver, whose phone gets it, decrypted, in Japanese.
    await t.caller(quiet).delivery.declineOffer({ offerId: first.id });
    const message = await push.waitFor(
      "the offer push to the other driver",
      (m) => m.deviceId === keenPhone.id,
    );
    const second = await pending(keen.id);
    expect(message.payload).toMatchObject({
      kind: "driver_offer",
      locale: "ja",
      title: "新しい配達の依頼",
      body: expect.stringContaining("で受け取り"),
      offerId: second?.id,
      actions: [
        { action: "accept", title: "受ける" },
        { action: "decline", title: "断る" },
      ],
    });
    expect(push.to(quietPhone)).toEqual([]);
  });
});
