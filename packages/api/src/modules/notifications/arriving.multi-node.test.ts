// "Your driver is arriving" on two API nodes over one PostgreSQL and one Redis: positions streamed to both
// nodes as the driver nears the drop-off write `delivery.arriving` once, the customer gets one email (their
// default channel without a verified phone) and their tracker one `order:arriving`; two nodes racing on the
// same delivery record it once; the delivery status a tracker loads after a reload, on either node, says since
// when the driver is arriving.
import { destination } from "@pizza/dispatch";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  aCustomer,
  anOrder,
  aStore,
  collect,
  connect,
  seededUser,
  type TestOrder,
  transition,
} from "../../realtime/testing.ts";
import { type ApiNode, createNodeCluster, type NodeCluster } from "../../testing/nodes.ts";
import { until } from "../../testing/signals.ts";
import { startTestSmtpServer, type TestSmtpServer } from "../../testing/smtp-server.ts";
import type { AuthUser } from "../auth/tokens.ts";

describe("the arriving alert on two API nodes (PostgreSQL + Redis)", () => {
  let cluster: NodeCluster;
  let smtp: TestSmtpServer;
  let a: ApiNode;
  let b: ApiNode;
  let driver: AuthUser;
  let store: { id: string; regionCode: string };
  const dropoff = { lat: 40.75, lng: -73.99 };

  beforeAll(async () => {
    smtp = await startTestSmtpServer();
    cluster = await createNodeCluster();
    const env = { NOTIFIER: "smtp", SMTP_URL: smtp.url, NOTIFY_SWEEP_MS: "50", DISPATCH_TICK_MS: "0" };
    a = await cluster.start("a", { env });
    b = await cluster.start("b", { listen: false, env });
    driver = await seededUser(cluster.db.db, "driver1.nyc-midtown@pizza.example");
    store = await aStore(cluster.db.db, "nyc-midtown");
  });
  afterAll(async () => {
    await cluster?.close();
    await smtp?.close();
  });

  const outForDelivery = async (customer: AuthUser): Promise<TestOrder> => {
    let order = await anOrder(cluster.db.db, {
      customerId: customer.id,
      storeId: store.id,
      regionCode: store.regionCode,
    });
    for (const to of ["preparing", "baking", "quality_check", "ready"] as const)
      order = await transition(cluster.db.db, order, to);
    return transition(cluster.db.db, order, "out_for_delivery", { driverId: driver.id });
  };
  const arrivingEvents = (orderId: string) =>
    cluster.db.db
      .selectFrom("outbox")
      .select("payload")
      .where("topic", "=", "delivery.arriving")
      .where("aggregate_id", "=", orderId)
      .execute();
  const emailOf = async (userId: string) =>
    (
      await cluster.db.db
        .selectFrom("users")
        .select("email")
        .where("id", "=", userId)
        .executeTakeFirstOrThrow()
    ).email!;

  it("streams positions to both nodes and sends one alert, by email, and one tracker event", async () => {
    const customer = await aCustomer(cluster.db.db, "Ana");
    const to = await emailOf(customer.id);
    const order = await outForDelivery(customer);
    const socket = await connect(a.url, a.platform.tokens, customer);
    const arriving = collect(socket, "order:arriving");
    expect(await socket.emitWithAck("order:join", { orderId: order.id })).toMatchObject({ ok: true });

    // From 3 km out to the door, 100 m a step, each step reported to both nodes at (nearly) the same time.
    let ts = Date.now() - 60_000;
    for (let m = 3_000; m >= 0; m -= 100) {
      const here = destination(dropoff, 45, m);
      ts += 100;
      await Promise.all([
        a.platform.services.tracking.reportPosition(driver, { ...here, at: ts }),
        b.platform.services.tracking.reportPosition(driver, { ...here, at: ts + 1 }),
      ]);
      ts += 1;
    }
    const isArriving = (m: (typeof smtp.received)[number]) => m.parsed.subject === "Your driver is arriving";
    const mail = await smtp.waitFor((m) => smtp.to(to).includes(m) && isArriving(m));
    expect(mail.parsed.text).toContain(`with order #${order.orderNumber}`);
    await until("the tracker told", async () => arriving.length > 0);
    expect(arriving[0]).toMatchObject({ orderId: order.id });

    // The event was written once, however many positions both nodes saw inside the radius.
    const events = await arrivingEvents(order.id);
    expect(events).toHaveLength(1);
    const payload = events[0]!.payload as { distanceM: number; etaS: number };
    expect(payload.distanceM <= 500 || payload.etaS <= 120).toBe(true);
    const delivery = await cluster.db.db
      .selectFrom("deliveries")
      .select(["id", "arriving_at"])
      .where("order_id", "=", order.id)
      .executeTakeFirstOrThrow();
    expect(delivery.arriving_at).not.toBeNull();
    // A late attempt from either node (a retry, a node that had not noticed yet) writes nothing.
    const late = {
      deliveryId: delivery.id,
      orderId: order.id,
      storeId: store.id,
      customerId: customer.id,
      zone: "",
      point: dropoff,
      done: false,
      seenAt: Date.now(),
    };
    expect(await b.platform.services.delivery.arrivals.announce(late, driver.id, 10, 5)).toBe(false);
    expect(await arrivingEvents(order.id)).toHaveLength(1);
    const rows = await cluster.db.db
      .selectFrom("notification_deliveries")
      .select(["channel", "recipient"])
      .where("kind", "=", "order_arriving")
      .where("recipient", "=", to)
      .execute();
    expect(rows).toEqual([{ channel: "email", recipient: to }]);
    expect(smtp.to(to).filter(isArriving)).toHaveLength(1);
    socket.close();
  });

  it("records the arrival once when two nodes race on the same delivery, and a reloaded tracker reads it", async () => {
    const customer = await aCustomer(cluster.db.db, "Ben");
    const order = await outForDelivery(customer);
    const delivery = await cluster.db.db
      .selectFrom("deliveries")
      .select("id")
      .where("order_id", "=", order.id)
      .executeTakeFirstOrThrow();
    const d = () => ({
      deliveryId: delivery.id,
      orderId: order.id,
      storeId: store.id,
      customerId: customer.id,
      zone: "",
      point: dropoff,
      done: false,
      seenAt: Date.now(),
    });
    const status = (node: ApiNode) => node.platform.services.delivery.getDeliveryStatus(customer, order.id);
    expect(await status(b)).toMatchObject({ stage: "picked_up", arrivingAt: null });
    const results = await Promise.all([
      a.platform.services.delivery.arrivals.announce(d(), driver.id, 400, 90),
      b.platform.services.delivery.arrivals.announce(d(), driver.id, 380, 85),
    ]);
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await arrivingEvents(order.id)).toHaveLength(1);
    // The tracker loads this after a reload: its "arriving" banner does not wait for a live event.
    const recorded = await cluster.db.db
      .selectFrom("deliveries")
      .select("arriving_at")
      .where("id", "=", delivery.id)
      .executeTakeFirstOrThrow();
    for (const node of [a, b])
      expect((await status(node)).arrivingAt).toBe(new Date(recorded.arriving_at!).toISOString());
  });
});
