import { OrderTracker } from "@pizza/contracts";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { waitFor } from "../events/event-bus.contract.ts";
import type { AuthUser } from "../modules/auth/tokens.ts";
import { backings, createTestPlatform, startTestServer, type TestPlatform } from "../testing/harness.ts";
import type { OrderSnapshot } from "./events.ts";
import {
  aCustomer,
  anOrder,
  aStore,
  collect,
  connect,
  position,
  seededUser,
  type TestClient,
  transition,
} from "./testing.ts";

describe.each(backings)("live tracking over Socket.IO — $name", (backing) => {
  let t: TestPlatform;
  let url: string;
  let closeServer: () => Promise<void>;
  const clients: TestClient[] = [];
  let customer: AuthUser;
  let other: AuthUser;
  let staff: AuthUser;
  let otherStaff: AuthUser;
  let driver: AuthUser;
  let store: { id: string; regionCode: string };

  const open = async (user: AuthUser | null) => {
    const c = await connect(url, t.platform.tokens, user);
    clients.push(c);
    return c;
  };

  beforeEach(async () => {
    t = await createTestPlatform(backing, { seed: true });
    const db = t.platform.db;
    const server = await startTestServer(t.platform);
    url = server.url;
    closeServer = server.close;
    await t.platform.events.start();
    customer = await seededUser(db, "customer@pizza.example");
    other = await aCustomer(db);
    staff = await seededUser(db, "staff.nyc-midtown@pizza.example");
    otherStaff = await seededUser(db, "staff.nyc-williamsburg@pizza.example");
    driver = await seededUser(db, "driver1.nyc-midtown@pizza.example");
    store = await aStore(db, "nyc-midtown");
  });
  afterEach(async () => {
    for (const c of clients.splice(0)) c.close();
    await closeServer();
    await t.close();
  });

  it("refuses a connection without a valid access token", async () => {
    await expect(connect(url, t.platform.tokens, null)).rejects.toThrow("unauthorized");
  });

  it("lets a customer follow their own order: snapshot first, then every status in order", async () => {
    const db = t.platform.db;
    let order = await anOrder(db, {
      customerId: customer.id,
      storeId: store.id,
      regionCode: store.regionCode,
    });
    order = await transition(db, order, "preparing");
    const c = await open(customer);
    const seen: string[] = [];
    c.onAny((name) => seen.push(name));
    const snapshots = collect(c, "order:snapshot");
    const statuses = collect(c, "order:status");
    const joined = await c.emitWithAck("order:join", { orderId: order.id });
    expect(joined).toEqual({ ok: true, version: 2 });
    expect(seen[0]).toBe("order:snapshot");
    expect(snapshots[0]).toMatchObject({ orderId: order.id, status: "preparing", version: 2, driver: null });
    expect(snapshots[0]!.timeline.map((e) => e.status)).toEqual(["placed", "preparing"]);

    const tracker = new OrderTracker(order.id);
    tracker.onSnapshot(snapshots[0]!);
    for (const to of ["baking", "quality_check", "ready"] as const) order = await transition(db, order, to);
    await waitFor(() => statuses.some((s) => s.status === "ready"), 10_000, "the ready event");
    const mine = statuses.filter((s) => s.version <= 5); // (other modules may move the order on from "ready")
    for (const s of mine) tracker.onStatus(s);
    // The events already covered by the snapshot (placed, preparing) are dropped as stale.
    expect(tracker.state).toMatchObject({ status: "ready", version: 5 });
    expect(tracker.state.timeline.map((e) => e.status)).toEqual([
      "placed",
      "preparing",
      "baking",
      "quality_check",
      "ready",
    ]);
    expect(mine.filter((s) => s.version > 2).map((s) => s.status)).toEqual([
      "baking",
      "quality_check",
      "ready",
    ]);
  });

  it("carries the orders module's own transitions to the tracker (OrdersService.transition)", async () => {
    const db = t.platform.db;
    const order = await anOrder(db, {
      customerId: customer.id,
      storeId: store.id,
      regionCode: store.regionCode,
    });
    const c = await open(customer);
    const statuses = collect(c, "order:status");
    const staffSocket = await open(staff);
    const storeEvents = collect(staffSocket, "store:order");
    await c.emitWithAck("order:join", { orderId: order.id });
    for (const to of ["preparing", "baking", "quality_check", "ready"] as const)
      await t.platform.services.orders.transition(order.id, to, "system");
    await waitFor(() => statuses.some((s) => s.status === "ready"), 10_000, "ready from the orders module");
    // (the builder's own `order.placed` may arrive after the join too; the tracker drops it by version)
    expect(statuses.filter((s) => s.version > 1).map((s) => [s.status, s.version])).toEqual([
      ["preparing", 2],
      ["baking", 3],
      ["quality_check", 4],
      ["ready", 5],
    ]);
    expect(statuses.find((s) => s.version === 2)).toMatchObject({
      orderId: order.id,
      storeId: store.id,
      previousStatus: "placed",
    });
    await waitFor(() => storeEvents.some((s) => s.status === "ready"), 10_000, "the store's copy");
  });

  it("refuses someone else's order, and its events never reach the intruder", async () => {
    const db = t.platform.db;
    let order = await anOrder(db, {
      customerId: customer.id,
      storeId: store.id,
      regionCode: store.regionCode,
    });
    const intruder = await open(other);
    const everything: { name: string; orderId?: string }[] = [];
    intruder.onAny((name, payload?: { orderId?: string }) =>
      everything.push({ name, orderId: payload?.orderId }),
    );
    expect(await intruder.emitWithAck("order:join", { orderId: order.id })).toEqual({
      ok: false,
      error: "not_found",
    });
    expect(await intruder.emitWithAck("order:join", { orderId: "not-a-uuid" })).toEqual({
      ok: false,
      error: "bad_request",
    });
    const otherStoreStaff = await open(otherStaff);
    expect(await otherStoreStaff.emitWithAck("order:join", { orderId: order.id })).toEqual({
      ok: false,
      error: "not_found",
    });

    const owner = await open(customer);
    await owner.emitWithAck("order:join", { orderId: order.id });
    const ownerStatuses = collect(owner, "order:status");
    order = await transition(db, order, "preparing");
    await waitFor(() => ownerStatuses.length >= 1, 10_000, "the owner's event");
    // A marker on the same ordered channel: the intruder's own order moves after the owner's did, so
    // a leaked event would have reached the intruder before the marker.
    let marker = await anOrder(db, { customerId: other.id, storeId: store.id, regionCode: store.regionCode });
    expect(await intruder.emitWithAck("order:join", { orderId: marker.id })).toMatchObject({ ok: true });
    marker = await transition(db, marker, "preparing");
    await waitFor(
      () => everything.some((e) => e.name === "order:status" && e.orderId === marker.id),
      10_000,
      "the marker on the intruder's own order",
    );
    expect(everything.filter((e) => e.orderId !== marker.id)).toEqual([]);
  });

  it("tells staff about their store's new orders and changes, not other stores'", async () => {
    const db = t.platform.db;
    const mine = await open(staff);
    const theirs = await open(otherStaff);
    const mineEvents = collect(mine, "store:order");
    const theirEvents = collect(theirs, "store:order");
    const order = await anOrder(db, {
      customerId: customer.id,
      storeId: store.id,
      regionCode: store.regionCode,
    });
    await transition(db, order, "preparing");
    await waitFor(() => mineEvents.length >= 2, 10_000, "the store's events");
    expect(mineEvents.map((e) => [e.topic, e.status, e.orderId])).toEqual([
      ["order.placed", "placed", order.id],
      ["order.status_changed", "preparing", order.id],
    ]);
    // Markers on the same ordered channels (one per topic): an order of their own store, placed and
    // moved after ours, so a leaked event would have reached them before the markers.
    const theirStore = await aStore(db, "nyc-williamsburg");
    const marker = await anOrder(db, {
      customerId: customer.id,
      storeId: theirStore.id,
      regionCode: theirStore.regionCode,
    });
    await transition(db, marker, "preparing");
    await waitFor(
      () => theirEvents.filter((e) => e.orderId === marker.id).length >= 2,
      10_000,
      "the markers on the other store",
    );
    expect(theirEvents.filter((e) => e.orderId !== marker.id)).toEqual([]);
    // Staff may also follow the order itself; a customer may not join a store's room.
    expect(await mine.emitWithAck("order:join", { orderId: order.id })).toMatchObject({ ok: true });
    const c = await open(customer);
    expect(await c.emitWithAck("store:join", { storeId: store.id })).toEqual({
      ok: false,
      error: "forbidden",
    });
  });

  it("relays the driver's positions to the order's room while it is out for delivery, throttled, and to nobody else", async () => {
    const db = t.platform.db;
    let order = await anOrder(db, {
      customerId: customer.id,
      storeId: store.id,
      regionCode: store.regionCode,
    });
    const elsewhere = await anOrder(db, {
      customerId: other.id,
      storeId: store.id,
      regionCode: store.regionCode,
    });
    const d = await open(driver);
    const sink: { lat: number }[] = [];
    t.platform.services.tracking.positionSink = { onDriverPosition: (_u, p) => void sink.push(p) };

    const c = await open(customer);
    await c.emitWithAck("order:join", { orderId: order.id });
    const o = await open(other);
    await o.emitWithAck("order:join", { orderId: elsewhere.id });
    const positions = collect(c, "order:driver_position");
    const leaked = collect(o, "order:driver_position");

    // Before pick-up: the dispatch hook gets the position, customers get nothing.
    expect(await d.emitWithAck("driver:position", position(40.7, -73.9))).toEqual({ ok: true, fannedOut: 0 });
    expect(sink).toHaveLength(1);

    for (const to of ["preparing", "baking", "quality_check", "ready"] as const)
      order = await transition(db, order, to);
    const statuses = collect(c, "order:status");
    order = await transition(db, order, "out_for_delivery", { driverId: driver.id });
    // The status event also tells every node to forget what it cached about drivers' deliveries.
    await waitFor(() => statuses.some((e) => e.status === "out_for_delivery"), 10_000, "out for delivery");

    const start = Date.now();
    for (let i = 0; i < 6; i++) {
      expect(await d.emitWithAck("driver:position", position(40.7 + i / 1000, -73.9))).toMatchObject({
        ok: true,
      });
      // Real time passing is what is under test here (the throttle's spacing): the driver reports
      // every 250 ms, as a phone would; there is no signal to wait for instead.
      await new Promise((r) => setTimeout(r, 250));
    }
    await waitFor(
      () => positions.some((p) => Math.abs(p.position.lat - 40.705) < 1e-9),
      5_000,
      "the last position (trailing edge)",
    );
    const elapsed = Date.now() - start;
    // About one per second (900 ms minimum spacing, see position-throttle.ts), never one per emit.
    expect(positions.length).toBeLessThanOrEqual(Math.ceil(elapsed / 900) + 1);
    expect(positions.length).toBeLessThan(6);
    expect(positions.length).toBeGreaterThanOrEqual(2);
    expect(positions[0]).toMatchObject({ orderId: order.id, driverId: driver.id, version: order.version });
    // A round trip on the other customer's socket after the last position went out: anything sent to
    // it before (a leaked position included) arrives before the answer.
    expect(await o.emitWithAck("order:join", { orderId: elsewhere.id })).toMatchObject({ ok: true });
    expect(leaked).toEqual([]);

    // A late joiner (or a reconnect) gets the driver and last position in the snapshot.
    const again = await open(customer);
    const snaps = collect(again, "order:snapshot");
    await again.emitWithAck("order:join", { orderId: order.id });
    const snapshot = snaps[0] as OrderSnapshot;
    expect(snapshot.status).toBe("out_for_delivery");
    expect(snapshot.driver).toMatchObject({ driverId: driver.id });
    expect(snapshot.driver?.position?.lat).toBeCloseTo(40.705, 9);

    // Only drivers send positions; bad coordinates are refused.
    expect(await c.emitWithAck("driver:position", position(1, 1))).toEqual({ ok: false, error: "forbidden" });
    expect(await d.emitWithAck("driver:position", { lat: 123, lng: 0, at: Date.now() })).toEqual({
      ok: false,
      error: "bad_request",
    });
  });
});
