import { randomUUID } from "node:crypto";
import type { DbHandle } from "@pizza/db/testing";
import { destination } from "@pizza/dispatch";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Platform } from "../../platform.ts";
import { createCaller } from "../../root.ts";
import { aDeliveryOrder } from "../../testing/builders.ts";
import { createNodeCluster, type NodeCluster } from "../../testing/nodes.ts";
import { until } from "../../testing/signals.ts";
import { createContextInner } from "../../trpc.ts";
import type { AuthUser } from "../auth/tokens.ts";

/** Two API nodes, each with its own Dispatcher, over one PostgreSQL and one Redis (the index is shared). */
describe("dispatch on two API nodes (PostgreSQL + Redis)", () => {
  let cluster: NodeCluster;
  let db: DbHandle;

  // No HTTP needed; the dispatch tick is driven by the test.
  const node = async (name: string): Promise<Platform> =>
    (await cluster.start(name, { listen: false, env: { DISPATCH_TICK_MS: "0" } })).platform;
  const as = (p: Platform, user: AuthUser) => createCaller(createContextInner({ platform: p, user }));

  beforeAll(async () => {
    cluster = await createNodeCluster();
    db = cluster.db;
  });
  afterAll(async () => {
    await cluster?.close();
  });

  it("an offer made on one node expires exactly once when both tick, goes to the next driver, is accepted on the other", async () => {
    const a = await node("a");
    const b = await node("b");
    const user = async (email: string): Promise<AuthUser> => {
      const u = await db.db
        .selectFrom("users")
        .select(["id", "role", "store_id", "name"])
        .where("email", "=", email)
        .executeTakeFirstOrThrow();
      return { id: u.id, role: u.role, storeId: u.store_id, name: u.name };
    };
    const staff = await user("staff.nyc-midtown@pizza.example");
    const customer = await user("customer@pizza.example");
    const d1 = await user("driver1.nyc-midtown@pizza.example");
    const d2 = await user("driver2.nyc-midtown@pizza.example");
    const store = staff.storeId!;
    const centre = { lat: 40.757, lng: -73.9877 };
    // d1 reports to node a, d2 to node b: one index.
    await a.services.tracking.reportPosition(d1, { ...destination(centre, 0, 300), at: Date.now() });
    await b.services.tracking.reportPosition(d2, { ...destination(centre, 90, 900), at: Date.now() });
    await as(a, d1).delivery.goOnline({ storeId: store });
    await as(b, d2).delivery.goOnline({ storeId: store });

    const order = await as(a, customer).order.placeOrder(
      aDeliveryOrder(store, { paymentMethod: "cash", idempotencyKey: `k-${randomUUID()}` }),
    );
    for (const to of ["preparing", "baking", "quality_check", "ready"] as const) {
      await as(b, staff).order.advance({ orderId: order.id, to });
    }
    const offers = () =>
      db.db
        .selectFrom("delivery_offers as f")
        .innerJoin("deliveries as d", "d.id", "f.delivery_id")
        .select(["f.id", "f.driver_id", "f.status"])
        .where("d.order_id", "=", order.id)
        .orderBy("f.offered_at")
        .execute();
    await until("an offer made", async () => (await offers()).some((o) => o.status === "pending"));
    expect((await offers()).map((o) => o.driver_id)).toEqual([d1.id]);

    // Both nodes tick past the deadline at the same moment: one expiry, one new offer.
    const later = Date.now() + 31_000;
    const [ra, rb] = await Promise.all([
      a.services.delivery.dispatcher.tick(later),
      b.services.delivery.dispatcher.tick(later),
    ]);
    expect(ra.expired + rb.expired).toBe(1);
    const now = await offers();
    expect(now.map((o) => [o.driver_id, o.status])).toEqual([
      [d1.id, "expired"],
      [d2.id, "pending"],
    ]);
    const accepted = await as(a, d2).delivery.acceptOffer({ offerId: now[1]!.id });
    expect(accepted.status).toBe("assigned");
    expect((await b.services.delivery.index.getDriver(d2.id, store))?.state).toBe("assigned");
    expect((await as(b, staff).delivery.getDeliveryStatus({ orderId: order.id })).driver?.driverId).toBe(
      d2.id,
    );
  });
});
