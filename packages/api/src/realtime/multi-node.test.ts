import { randomUUID } from "node:crypto";
import type { DbHandle } from "@pizza/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { waitFor } from "../events/event-bus.contract.ts";
import type { RedisStreamsEventBus } from "../events/redis-streams-event-bus.ts";
import { countEffects, createEffectsTable } from "../events/testing.ts";
import { writeOutbox } from "../infra/outbox.ts";
import type { AuthUser } from "../modules/auth/tokens.ts";
import { type ApiNode, createNodeCluster, type NodeCluster } from "../testing/nodes.ts";
import { groupCaughtUp } from "../testing/signals.ts";
import {
  anOrder,
  aStore,
  collect,
  connect,
  position,
  seededUser,
  type TestClient,
  transition,
} from "./testing.ts";

/** Two API nodes in one process, sharing one PostgreSQL database and one Redis, as two machines would. */
describe("several API nodes (PostgreSQL + Redis)", () => {
  let cluster: NodeCluster;
  let db: DbHandle;
  const clients: TestClient[] = [];
  let customer: AuthUser;
  let driver: AuthUser;
  let store: { id: string; regionCode: string };

  const startNode = (name: string) => cluster.start(name, { bus: { claimIdleMs: 500 } });

  const open = async (node: ApiNode, user: AuthUser) => {
    const c = await connect(node.url, node.platform.tokens, user);
    clients.push(c);
    return c;
  };

  beforeAll(async () => {
    cluster = await createNodeCluster();
    db = cluster.db;
    await createEffectsTable(db.db);
    customer = await seededUser(db.db, "customer@pizza.example");
    driver = await seededUser(db.db, "driver1.nyc-midtown@pizza.example");
    store = await aStore(db.db, "nyc-midtown");
  });
  afterAll(async () => {
    for (const c of clients) c.close();
    await cluster?.close();
  });

  it("a driver on node A and a customer on node B see each other's events", async () => {
    const a = await startNode("A");
    const b = await startNode("B");
    let order = await anOrder(db.db, {
      customerId: customer.id,
      storeId: store.id,
      regionCode: store.regionCode,
    });
    for (const to of ["preparing", "baking", "quality_check", "ready"] as const)
      order = await transition(db.db, order, to);

    const c = await open(b, customer);
    const statuses = collect(c, "order:status");
    const positions = collect(c, "order:driver_position");
    expect(await c.emitWithAck("order:join", { orderId: order.id })).toEqual({
      ok: true,
      version: order.version,
    });
    const d = await open(a, driver);
    const deliveries = collect(d, "driver:delivery");

    order = await transition(db.db, order, "out_for_delivery", { driverId: driver.id });
    await db.db.transaction().execute((trx) =>
      writeOutbox(trx, {
        topic: "delivery.picked_up",
        aggregateId: order.id,
        payload: {
          deliveryId: randomUUID(),
          orderId: order.id,
          storeId: store.id,
          customerId: customer.id,
          driverId: driver.id,
          at: new Date().toISOString(),
        },
      }),
    );
    await waitFor(
      () => statuses.some((s) => s.status === "out_for_delivery"),
      10_000,
      "the status on node B",
    );
    await waitFor(() => deliveries.length >= 1, 10_000, "the delivery event on node A");
    expect(deliveries[0]).toMatchObject({ topic: "delivery.picked_up", orderId: order.id });

    await waitFor(
      async () => {
        await d.emitWithAck("driver:position", position(40.76, -73.98));
        return positions.length > 0;
      },
      10_000,
      "a position from node A on node B",
    );
    expect(positions[0]).toMatchObject({ orderId: order.id, driverId: driver.id, version: order.version });

    order = await transition(db.db, order, "delivered");
    await waitFor(() => statuses.some((s) => s.status === "delivered"), 10_000, "delivered on node B");
  });

  it("killing one node loses no order, and its clients reconnect to the other and catch up", async () => {
    const [a, b] = cluster.nodes as [ApiNode, ApiNode];
    for (const n of [a, b]) {
      n.platform.events.register({
        name: "test.orders-seen",
        topics: ["order.placed"],
        handle: async (e, trx) => {
          await trx
            .insertInto("test_effects" as never)
            .values({ consumer: "seen", event_id: e.id } as never)
            .execute();
        },
      });
    }
    let followed = await anOrder(db.db, {
      customerId: customer.id,
      storeId: store.id,
      regionCode: store.regionCode,
    });
    let c = await open(b, customer);
    await c.emitWithAck("order:join", { orderId: followed.id });
    const disconnected = new Promise<void>((resolve) => c.once("disconnect", () => resolve()));

    const placed = [];
    for (let i = 0; i < 20; i++)
      placed.push(
        await anOrder(db.db, { customerId: customer.id, storeId: store.id, regionCode: store.regionCode }),
      );
    await b.stop(); // mid-stream: B may hold read-but-unacknowledged events; A claims them
    await disconnected;

    // The client reconnects (through the load balancer: to the surviving node) and re-joins: snapshot first.
    c = await open(a, customer);
    const snapshots = collect(c, "order:snapshot");
    const statuses = collect(c, "order:status");
    await c.emitWithAck("order:join", { orderId: followed.id });
    expect(snapshots[0]).toMatchObject({ orderId: followed.id, status: "placed", version: followed.version });
    followed = await transition(db.db, followed, "preparing");
    await waitFor(
      () => statuses.some((s) => s.version === followed.version),
      10_000,
      "the next event on node A",
    );

    const ids = [followed.id, ...placed.map((o) => o.id)];
    const stored = await db.db.selectFrom("orders").select("id").where("id", "in", ids).execute();
    expect(stored).toHaveLength(ids.length);
    const placedEvents = await db.db
      .selectFrom("outbox")
      .select("id")
      .where("topic", "=", "order.placed")
      .execute();
    await waitFor(
      async () => (await countEffects(db.db)).distinct >= placedEvents.length,
      15_000,
      "every order.placed handled",
    );
    // Whatever B read and never acknowledged is claimed by A: once the group has nothing pending and
    // has read the whole stream, no redelivery is left that could apply an effect twice.
    await waitFor(
      () =>
        groupCaughtUp(
          db.db,
          a.platform.events.bus as RedisStreamsEventBus,
          a.redis,
          "order.placed",
          "test.orders-seen",
        ),
      15_000,
      "the group to have read and acknowledged every order.placed",
    );
    expect(await countEffects(db.db)).toEqual({ total: placedEvents.length, distinct: placedEvents.length });
  });
});
