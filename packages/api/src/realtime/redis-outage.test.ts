import { createTestDb, type DbHandle, seed } from "@pizza/db/testing";
import type { FastifyInstance } from "fastify";
import type { Redis } from "ioredis";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { waitFor } from "../events/event-bus.contract.ts";
import { freePort, OwnRedisServer } from "../events/testing.ts";
import { createRedis } from "../infra/redis.ts";
import { createPlatform, type Platform } from "../platform.ts";
import { startTestServer, testConfig } from "../testing/harness.ts";
import { watchPublishes } from "../testing/signals.ts";
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

/** A brief Redis outage under live tracking (our own redis-server, never the shared one). */
describe("live tracking through a Redis outage", () => {
  let db: DbHandle;
  let server: OwnRedisServer;
  let redis: Redis;
  let platform: Platform;
  let http: { app: FastifyInstance; url: string; close(): Promise<void> };
  const clients: TestClient[] = [];

  beforeAll(async () => {
    db = await createTestDb("postgres");
    await seed(db.db);
    server = await OwnRedisServer.start();
    redis = createRedis(server.url);
    const config = testConfig();
    platform = await createPlatform(config, {
      dbHandle: db,
      redis,
      log: pino({ level: "silent" }),
      bus: { claimIdleMs: 500 },
    });
    http = await startTestServer(platform);
    await platform.events.start();
  }, 60_000);
  afterAll(async () => {
    for (const c of clients) c.close();
    await http?.close();
    await platform?.close();
    redis?.disconnect();
    await server?.kill();
    await db?.close();
  });

  it("keeps relaying positions on the node, holds status events in the outbox, and delivers them when Redis is back", async () => {
    const customer = await seededUser(db.db, "customer@pizza.example");
    const driver = await seededUser(db.db, "driver1.nyc-midtown@pizza.example");
    const store = await aStore(db.db, "nyc-midtown");
    let order = await anOrder(db.db, {
      customerId: customer.id,
      storeId: store.id,
      regionCode: store.regionCode,
    });
    for (const to of ["preparing", "baking", "quality_check", "ready"] as const)
      order = await transition(db.db, order, to);
    const c = await connect(http.url, platform.tokens, customer);
    const d = await connect(http.url, platform.tokens, driver);
    clients.push(c, d);
    const statuses = collect(c, "order:status");
    const positions = collect(c, "order:driver_position");
    await c.emitWithAck("order:join", { orderId: order.id });
    order = await transition(db.db, order, "out_for_delivery", { driverId: driver.id });
    await waitFor(() => statuses.some((s) => s.status === "out_for_delivery"), 10_000, "out for delivery");

    await server.kill();
    // Positions still reach the sockets of this node (a local broadcast does not wait for Redis)…
    const before = positions.length;
    await waitFor(
      async () => {
        await d
          .timeout(2_000)
          .emitWithAck("driver:position", position(40.77, -73.97))
          .catch(() => undefined);
        return positions.length > before;
      },
      10_000,
      "a position during the outage",
    );
    // …while a status change waits in the outbox: nothing is lost, it is late.
    const publishes = watchPublishes(platform.events.bus);
    try {
      order = await transition(db.db, order, "delivered");
      const held = order;
      await waitFor(
        () => publishes.refused((e) => e.aggregateId === held.id && e.payload.status === "delivered"),
        15_000,
        "the relay to try the delivered event and be refused",
      );
      expect(statuses.some((s) => s.status === "delivered")).toBe(false);
    } finally {
      publishes.restore();
    }

    await server.start();
    await waitFor(
      () => statuses.some((s) => s.status === "delivered"),
      30_000,
      "the held event after the restart",
    );
    expect(statuses.find((s) => s.status === "delivered")?.version).toBe(order.version);
  }, 60_000);

  it("boots while Redis is down and catches up once it comes up", async () => {
    // A database of its own: the first test's node still runs a relay, which would otherwise publish
    // this test's outbox rows to the first node's Redis half of the time.
    const ownDb = await createTestDb("postgres");
    await seed(ownDb.db);
    const late = new OwnRedisServer(await freePort());
    const lateRedis = createRedis(late.url);
    const config = testConfig();
    const node = await createPlatform(config, {
      dbHandle: ownDb,
      redis: lateRedis,
      log: pino({ level: "silent" }),
      bus: { claimIdleMs: 500 },
    });
    const srv = await startTestServer(node);
    try {
      await node.events.start();
      const customer = await seededUser(ownDb.db, "customer@pizza.example");
      const store = await aStore(ownDb.db, "nyc-midtown");
      const order = await anOrder(ownDb.db, {
        customerId: customer.id,
        storeId: store.id,
        regionCode: store.regionCode,
      });
      const c = await connect(srv.url, node.tokens, customer);
      clients.push(c);
      const statuses = collect(c, "order:status");
      expect(await c.emitWithAck("order:join", { orderId: order.id })).toMatchObject({ ok: true });
      await late.start();
      const next = await transition(ownDb.db, order, "preparing");
      await waitFor(
        () => statuses.some((s) => s.version === next.version),
        30_000,
        "the event once Redis is up",
      );
    } finally {
      await srv.close();
      await node.close();
      lateRedis.disconnect();
      await late.kill();
      await ownDb.close();
    }
  }, 60_000);
});
