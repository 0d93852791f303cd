import { randomUUID } from "node:crypto";
import { type DispatchEvent, destination, type LatLng } from "@pizza/dispatch";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Platform } from "../../platform.ts";
import { createCaller } from "../../root.ts";
import { aDeliveryOrder } from "../../testing/builders.ts";
import { createNodeCluster, type DispatcherNode, type NodeCluster } from "../../testing/nodes.ts";
import { until } from "../../testing/signals.ts";
import { createContextInner } from "../../trpc.ts";
import type { AuthUser } from "../auth/tokens.ts";

// Short leases and ticks so a takeover is seconds; offers last long enough to be accepted on a busy machine.
const DISPATCHER_ENV = {
  DISPATCH_TICK_MS: "100",
  DISPATCH_LEASE_TTL_MS: "1500",
  DISPATCH_LEASE_RENEW_MS: "300",
  DISPATCH_OFFER_TIMEOUT_MS: "5000",
};
const ALL_DAY = Object.fromEntries(
  ["mon", "tue", "wed", "thu", "fri", "sat", "sun"].map((d) => [d, [["00:00", "24:00"]]]),
);

interface Store {
  id: string;
  slug: string;
  at: LatLng;
}
type Offered = Extract<DispatchEvent, { type: "offer_made" }> & { by: string };

/**
 * Dispatch as its own service: one API node with DISPATCH=off and two stand-alone dispatchers sharing
 * the zones (one per store) by lease, over one PostgreSQL and one Redis.
 */
describe("stand-alone dispatchers with zone leases (PostgreSQL + Redis)", () => {
  let cluster: NodeCluster;
  let api: Platform;
  let one: DispatcherNode;
  let two: DispatcherNode;
  let stores: Store[];
  const offers: Offered[] = [];
  const as = (user: AuthUser) => createCaller(createContextInner({ platform: api, user }));
  const user = async (email: string): Promise<AuthUser> => {
    const u = await cluster.db.db
      .selectFrom("users")
      .select(["id", "role", "store_id", "name"])
      .where("email", "=", email)
      .executeTakeFirstOrThrow();
    return { id: u.id, role: u.role, storeId: u.store_id, name: u.name };
  };
  const watch = (d: DispatcherNode) =>
    d.platform.delivery.service.dispatcher.subscribe((e) => {
      if (e.type === "offer_made") offers.push({ ...e, by: d.name });
    });
  const rows = (orderIds: string[]) =>
    cluster.db.db
      .selectFrom("delivery_offers as f")
      .innerJoin("deliveries as d", "d.id", "f.delivery_id")
      .select([
        "d.order_id",
        "d.id as delivery_id",
        "d.store_id",
        "d.driver_id",
        "f.id",
        "f.driver_id as offered_to",
        "f.status",
      ])
      .where("d.order_id", "in", orderIds)
      .orderBy("f.offered_at")
      .execute();

  /** A cash delivery order for the store, moved by its staff to ready on the API node. */
  async function readyOrder(store: Store): Promise<string> {
    const customer = await user("customer@pizza.example");
    const staff = await user(`staff.${store.slug}@pizza.example`);
    const order = await as(customer).order.placeOrder(
      aDeliveryOrder(
        store.id,
        { paymentMethod: "cash", idempotencyKey: `k-${randomUUID()}` },
        destination(store.at, 45, 600),
      ),
    );
    for (const to of ["preparing", "baking", "quality_check", "ready"] as const)
      await as(staff).order.advance({ orderId: order.id, to });
    return order.id;
  }

  beforeAll(async () => {
    cluster = await createNodeCluster();
    // Every store open whenever the suite runs (the demo keeps only one per region open all day).
    await cluster.db.db
      .updateTable("stores")
      .set({ hours: JSON.stringify(ALL_DAY) as never })
      .execute();
    api = (await cluster.start("api", { listen: false, env: { DISPATCH: "off", DISPATCH_TICK_MS: "100" } }))
      .platform;
    one = await cluster.startDispatcher("one", DISPATCHER_ENV);
    two = await cluster.startDispatcher("two", DISPATCHER_ENV);
    watch(one);
    watch(two);
    const all = await cluster.db.db.selectFrom("stores").select(["id", "slug", "lat", "lng"]).execute();
    stores = all.map((s) => ({ id: s.id, slug: s.slug, at: { lat: s.lat, lng: s.lng } }));
    // Three drivers per store, on shift through the API node: 300 m, 900 m and 1.5 km away.
    for (const s of stores) {
      for (const [i, m] of [300, 900, 1500].entries()) {
        const d = await user(`driver${i + 1}.${s.slug}@pizza.example`);
        await api.services.tracking.reportPosition(d, { ...destination(s.at, 90 * i, m), at: Date.now() });
        await as(d).delivery.goOnline({ storeId: s.id });
      }
    }
  });
  afterAll(async () => {
    await cluster?.close();
  });

  const holderOf = (zone: string) =>
    [one, two].find((d) => d.platform.delivery.leases?.fenceFor(zone) != null)?.name;
  let first: string[] = [];

  it("(a) splits the zones between the two; every order is offered exactly once, by its zone's holder", async () => {
    await until("the zones split three and three", () =>
      [one, two].every((d) => d.platform.delivery.leases?.held().length === 3),
    );
    first = [];
    for (const s of stores) first.push(await readyOrder(s));
    await until(
      "an offer for each order",
      async () => new Set((await rows(first)).map((r) => r.order_id)).size === 6,
    );

    const made = await rows(first);
    expect(made).toHaveLength(6);
    expect(made.every((r) => r.status === "pending")).toBe(true);
    expect(offers).toHaveLength(6);
    const byZone = new Map(offers.map((o) => [o.region, o.by]));
    for (const s of stores) expect(byZone.get(s.id)).toBe(holderOf(s.id));
    expect(new Set(offers.map((o) => o.by))).toEqual(new Set(["one", "two"]));
    // The nearest driver of each store got it.
    for (const r of made) {
      const nearest = await user(`driver1.${stores.find((s) => s.id === r.store_id)!.slug}@pizza.example`);
      expect(r.offered_to).toBe(nearest.id);
    }
  });

  it("(b) a dispatcher killed mid-offer: its zones move to the other within the lease TTL, its offers expire and are re-offered, none lost, none doubled", async () => {
    const deadZones = new Set(one.platform.delivery.leases!.held());
    expect(deadZones.size).toBe(3);
    await one.crash();
    // An order in one of the dead dispatcher's zones while nobody holds it yet.
    const orphanStore = stores.find((s) => deadZones.has(s.id))!;
    const orders = [...first, await readyOrder(orphanStore)];

    await until(
      "the survivor holds every zone",
      () => two.platform.delivery.leases?.held().length === 6,
      10_000,
    );
    // Accept what the survivor offers, as drivers would (the dead one's offers run out unanswered).
    const accepted = new Set<string>();
    await until(
      "every delivery assigned",
      async () => {
        for (const o of offers.filter((x) => x.by === "two" && !accepted.has(x.deliveryId))) {
          const driver = (await rows(orders)).find(
            (r) => r.delivery_id === o.deliveryId && r.offered_to === o.driverId && r.status === "pending",
          );
          if (!driver) continue;
          const u = await cluster.db.db
            .selectFrom("users")
            .select(["id", "role", "store_id", "name"])
            .where("id", "=", o.driverId)
            .executeTakeFirstOrThrow();
          await as({ id: u.id, role: u.role, storeId: u.store_id, name: u.name }).delivery.acceptOffer({
            offerId: driver.id,
          });
          accepted.add(o.deliveryId);
        }
        return accepted.size === orders.length;
      },
      30_000,
    );

    const all = await rows(orders);
    for (const orderId of orders) {
      const mine = all.filter((r) => r.order_id === orderId);
      const acceptedRows = mine.filter((r) => r.status === "accepted");
      expect(acceptedRows, `order ${orderId}`).toHaveLength(1);
      expect(mine.filter((r) => r.status === "pending")).toEqual([]);
      const zone = mine[0]!.store_id;
      if (deadZones.has(zone) && orderId !== orders.at(-1)) {
        // The dead dispatcher's offer ran out and the survivor offered the next driver.
        expect(mine.map((r) => r.status)).toEqual(["expired", "accepted"]);
      }
      expect(mine[0]!.driver_id).toBe(acceptedRows[0]!.offered_to);
    }
    // No driver holds two deliveries; after the crash only the survivor decided.
    const drivers = all.filter((r) => r.status === "accepted").map((r) => r.offered_to);
    expect(new Set(drivers).size).toBe(drivers.length);
    const afterCrash = offers.slice(6);
    expect(afterCrash.every((o) => o.by === "two")).toBe(true);
  });
});
