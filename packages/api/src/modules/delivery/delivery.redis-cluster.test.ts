import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { waitFor } from "../../events/event-bus.contract.ts";
import type { RedisStreamsEventBus } from "../../events/redis-streams-event-bus.ts";
import { isCluster } from "../../infra/redis.ts";
import type { DriverPosition, PositionResult } from "../../realtime/events.ts";
import { collect, connect, seededUser, type TestClient } from "../../realtime/testing.ts";
import { createCaller } from "../../root.ts";
import { aDeliveryOrder } from "../../testing/builders.ts";
import { channelSubscribers, clusterAdmin } from "../../testing/cluster-slots.ts";
import { type ApiNode, createNodeCluster, type NodeCluster } from "../../testing/nodes.ts";
import { createContextInner } from "../../trpc.ts";
import type { AuthUser } from "../auth/tokens.ts";

/**
 * Two API nodes configured with REDIS_CLUSTER_NODES (the local Redis Cluster, `bash .ci/redis-cluster.sh`):
 * the order's events go over the cluster's Streams bus, the driver index and the limits live in it, and
 * positions reach a customer on the other node through sharded pub/sub.
 */
describe("an order on two API nodes over a Redis Cluster", () => {
  let cluster: NodeCluster;
  const clients: TestClient[] = [];
  const as = (node: ApiNode, user: AuthUser) =>
    createCaller(createContextInner({ platform: node.platform, user }));
  const open = async (node: ApiNode, user: AuthUser) => {
    const c = await connect(node.url, node.platform.tokens, user);
    clients.push(c);
    return c;
  };
  const send = (c: TestClient, p: DriverPosition) =>
    new Promise<PositionResult>((resolve) => c.emit("driver:position", p, resolve));

  beforeAll(async () => {
    cluster = await createNodeCluster({ redis: "cluster" });
  });
  afterAll(async () => {
    for (const c of clients.splice(0)) c.close();
    await cluster?.close();
  });

  it("placed on A, offered by the dispatch consumer of the cluster bus, the driver's moves seen from B", async () => {
    const options = { env: { DISPATCH_TICK_MS: "0" }, bus: { claimIdleMs: 500 } };
    const a = await cluster.start("A", options);
    const b = await cluster.start("B", options);
    expect(isCluster(a.redis) && isCluster(b.redis)).toBe(true);
    const db = cluster.db.db;
    const staff = await seededUser(db, "staff.nyc-midtown@pizza.example");
    const customer = await seededUser(db, "customer@pizza.example");
    const driver = await seededUser(db, "driver1.nyc-midtown@pizza.example");
    const store = staff.storeId!;

    // The driver's phone talks to node A: its positions go to the index in the cluster.
    const phone = await open(a, driver);
    const offers = collect(phone, "driver:delivery");
    expect(await send(phone, { lat: 40.7585, lng: -73.986, at: Date.now() })).toMatchObject({ ok: true });
    await as(a, driver).delivery.goOnline({ storeId: store });

    const order = await as(a, customer).order.placeOrder(aDeliveryOrder(store, { paymentMethod: "cash" }));
    for (const to of ["preparing", "baking", "quality_check", "ready"] as const)
      await as(b, staff).order.advance({ orderId: order.id, to });

    // order.ready: outbox → relay → the cluster's stream → the dispatch consumer → an offer to the phone.
    await waitFor(() => offers.some((e) => e.topic === "delivery.offered"), 10_000, "delivery.offered");
    const bus = a.platform.events.bus as RedisStreamsEventBus;
    expect(await a.redis.xlen(bus.streamKey("order.ready"))).toBeGreaterThan(0);
    const offered = offers.find((e) => e.topic === "delivery.offered")!;
    expect(offered).toMatchObject({ orderId: order.id });
    await as(b, driver).delivery.acceptOffer({ offerId: offered.payload.offerId as string });
    await as(a, driver).delivery.markPickedUp({
      checks: ["order", "items", "drinks"],
      deliveryId: offered.deliveryId!,
      clientActionId: `pickup-${randomUUID()}`,
    });

    // The customer follows the order on node B; the driver keeps reporting to node A.
    const follower = await open(b, customer);
    expect((await follower.emitWithAck("order:join", { orderId: order.id })).ok).toBe(true);
    const moves = collect(follower, "order:driver_position");
    await waitFor(
      async () => {
        await send(phone, { lat: 40.759 + Math.random() / 1000, lng: -73.985, at: Date.now() });
        return moves.length > 0;
      },
      10_000,
      "a position reported to node A in the order's room on node B",
    );
    expect(moves[0]).toMatchObject({ orderId: order.id, driverId: driver.id });

    // Positions travel on a sharded channel: both nodes listen on its shard only, none on every node.
    const admin = clusterAdmin();
    try {
      const listeners = await channelSubscribers(admin, `${cluster.redisPrefix}tracking:positions`);
      expect(listeners).toEqual({ sharded: 2, plain: 0 });
    } finally {
      admin.disconnect();
    }
  });
});
