// Batching on real PostgreSQL and Redis: two ready orders of one store to nearby addresses become one
// trip for one driver (both offers, both stops, one acceptance), the customer sees their place on the
// trip, an order cancelled ends its trip (accepted: the other stays with the driver; offered: the other's
// offer closed, back to dispatch), and PostgreSQL refuses a delivery on two active trips however many
// transactions try at once.
import { randomUUID } from "node:crypto";
import { destination, type LatLng } from "@pizza/dispatch";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { aDriver } from "../../testing/builders.ts";
import type { TestPlatform } from "../../testing/harness.ts";
import { until } from "../../testing/signals.ts";
import type { AuthUser } from "../auth/tokens.ts";
import { endTripStop, recordTripStop } from "./record-trip.ts";
import { aReadyOrder, aTripPlatform } from "./trip-test-support.ts";

const MIDTOWN: LatLng = { lat: 40.757, lng: -73.9877 };

describe("trips (batching on) on real PostgreSQL and Redis", () => {
  let t: TestPlatform;
  let midtown: string;
  let staff: AuthUser;

  beforeAll(async () => {
    ({ t, midtown, staff } = await aTripPlatform());
  });

  afterAll(async () => {
    await t?.close();
  });

  const onShift: AuthUser[] = [];

  async function online(metres: number, bearing: number): Promise<AuthUser> {
    const d = await aDriver(t, midtown, `Driver ${metres} m`);
    onShift.push(d);
    const p = destination(MIDTOWN, bearing, metres);
    await t.platform.services.tracking.positionSink?.onDriverPosition(d, { ...p, at: Date.now() });
    await t.caller(d).delivery.goOnline({ storeId: midtown });
    return d;
  }

  /** Every earlier driver off shift (one holding deliveries stays, refused): new orders wait together. */
  async function offDuty(): Promise<void> {
    await Promise.allSettled(onShift.splice(0).map((d) => t.caller(d).delivery.goOffline()));
  }

  /** Two orders waiting together, then one driver on shift offered both as one trip; [near, far]. */
  async function offeredTrip(bearing: number) {
    await offDuty();
    const far = await readyOrder(destination(MIDTOWN, bearing, 2200));
    const near = await readyOrder(destination(MIDTOWN, bearing + 10, 1500));
    const driver = await online(300, bearing + 180);
    await t.platform.services.delivery.dispatcher.tick(Date.now() + 16_000);
    const offers = await until("both orders offered as a trip", async () => {
      const rows = await t.platform.db
        .selectFrom("delivery_offers as o")
        .innerJoin("trip_stops as s", "s.delivery_id", "o.delivery_id")
        .select(["o.id", "o.delivery_id"])
        .where("o.delivery_id", "in", [far.deliveryId, near.deliveryId])
        .where("o.driver_id", "=", driver.id)
        .where("o.status", "=", "pending")
        .where("s.active", "=", true)
        .execute();
      return rows.length === 2 ? rows : undefined;
    });
    return { near, far, driver, offers };
  }

  const activeStops = (deliveryIds: string[]) =>
    t.platform.db
      .selectFrom("trip_stops")
      .select(["trip_id", "delivery_id"])
      .where("delivery_id", "in", deliveryIds)
      .where("active", "=", true)
      .execute();

  const readyOrder = (to: LatLng) => aReadyOrder(t, midtown, staff, to);

  it("two ready orders to nearby addresses: one trip, one driver, nearer door first; the tracker says which stop", async () => {
    // Nobody is on shift yet: both orders wait, as at a peak when every driver is out.
    const far = await readyOrder(destination(MIDTOWN, 40, 2200));
    const near = await readyOrder(destination(MIDTOWN, 50, 1500));
    for (const o of [far, near]) {
      const rec = await t.platform.services.delivery.dispatcher.status(midtown, o.deliveryId);
      expect(rec?.status).toBe("waiting");
    }
    const a = await online(300, 200);
    const b = await online(700, 200);
    await t.platform.services.delivery.dispatcher.tick(Date.now() + 16_000);
    const offers = await until("both orders offered", async () => {
      const rows = await t.platform.db
        .selectFrom("delivery_offers")
        .select(["id", "driver_id", "delivery_id"])
        .where("delivery_id", "in", [far.deliveryId, near.deliveryId])
        .where("status", "=", "pending")
        .execute();
      return rows.length === 2 ? rows : undefined;
    });
    expect(offers.map((o) => o.driver_id)).toEqual([a.id, a.id]);
    const stops = await t.platform.db
      .selectFrom("trip_stops")
      .select(["trip_id", "delivery_id", "position", "active"])
      .where("delivery_id", "in", [far.deliveryId, near.deliveryId])
      .orderBy("position")
      .execute();
    expect(stops.map((s) => [s.delivery_id, s.position, s.active])).toEqual([
      [near.deliveryId, 1, true],
      [far.deliveryId, 2, true],
    ]);
    expect(stops[0]!.trip_id).toBe(stops[1]!.trip_id);

    await t.caller(a).delivery.acceptOffer({ offerId: offers[0]!.id });
    await until("both assigned to the driver", async () => {
      const rows = await t.platform.db
        .selectFrom("deliveries")
        .select(["driver_id", "status"])
        .where("id", "in", [far.deliveryId, near.deliveryId])
        .execute();
      return rows.every((r) => r.status === "assigned" && r.driver_id === a.id) ? rows : undefined;
    });
    expect(await t.caller(b).delivery.myOffers()).toEqual([]);
    const held = await t.caller(a).delivery.current();
    expect(held.map((d) => [d.orderId, d.trip?.stop, d.trip?.stops])).toEqual([
      [near.order.id, 1, 2],
      [far.order.id, 2, 2],
    ]);
    const second = await t.caller(far.customer).delivery.getDeliveryStatus({ orderId: far.order.id });
    expect(second.trip).toMatchObject({ stop: 2, stops: 2 });
    expect(second.explanation).toBeNull();
    const first = await t.caller(near.customer).delivery.getDeliveryStatus({ orderId: near.order.id });
    expect(first.trip).toMatchObject({ stop: 1, stops: 2 });
    expect(new Date(second.etaDropoffAt!).getTime()).toBeGreaterThan(new Date(first.etaDropoffAt!).getTime());
    const forStaff = await t.caller(staff).delivery.getDeliveryStatus({ orderId: far.order.id });
    expect(forStaff.explanation?.batch).toMatchObject({
      batched: true,
      route: [near.deliveryId, far.deliveryId],
    });
    expect(
      (forStaff.explanation?.batch as { detourMin?: number } | undefined)?.detourMin,
    ).toBeLessThanOrEqual(5);
  });

  it("an order cancelled after its trip was accepted: the trip ends, the other order stays with the driver as a single delivery", async () => {
    const { near, far, driver, offers } = await offeredTrip(120);
    await t.caller(driver).delivery.acceptOffer({ offerId: offers[0]!.id });
    await until("both assigned to the driver", async () => {
      const rows = await t.platform.db
        .selectFrom("deliveries")
        .select("status")
        .where("id", "in", [far.deliveryId, near.deliveryId])
        .where("driver_id", "=", driver.id)
        .execute();
      return rows.length === 2 && rows.every((r) => r.status === "assigned") ? rows : undefined;
    });
    expect((await t.caller(driver).delivery.current()).map((d) => d.trip?.stops)).toEqual([2, 2]);

    await t.caller(staff).order.cancelOrder({ orderId: far.order.id, reason: "test" });
    await until("the cancelled order off its trip", async () =>
      (await activeStops([far.deliveryId])).length === 0 ? true : undefined,
    );
    expect(await activeStops([near.deliveryId])).toEqual([]);
    const held = await t.caller(driver).delivery.current();
    expect(held.map((d) => [d.orderId, d.trip])).toEqual([[near.order.id, null]]);
    const status = await t.caller(near.customer).delivery.getDeliveryStatus({ orderId: near.order.id });
    expect(status.trip).toBeNull();
    const rec = await t.platform.services.delivery.dispatcher.status(midtown, near.deliveryId);
    expect([rec?.status, rec?.driverId]).toEqual(["assigned", driver.id]);
    // Free the driver so the next test's orders wait together.
    await t.caller(staff).order.cancelOrder({ orderId: near.order.id, reason: "test" });
    await until(
      "the driver free",
      async () =>
        (await t.platform.services.delivery.index.getDriver(driver.id, midtown))?.state === "available",
    );
  });

  it("an order cancelled while its trip is only offered: the other's offer is closed and it goes back to dispatch", async () => {
    const { near, far, driver, offers } = await offeredTrip(300);
    await t.caller(staff).order.cancelOrder({ orderId: near.order.id, reason: "test" });
    const closed = await until("the other order's offer closed", async () => {
      const row = await t.platform.db
        .selectFrom("delivery_offers")
        .select(["status", "responded_at"])
        .where("id", "=", offers.find((o) => o.delivery_id === far.deliveryId)!.id)
        .executeTakeFirstOrThrow();
      return row.status === "pending" ? undefined : row;
    });
    expect(closed.status).toBe("cancelled");
    expect(closed.responded_at).not.toBeNull();
    expect(await activeStops([near.deliveryId, far.deliveryId])).toEqual([]);
    const row = await t.platform.db
      .selectFrom("deliveries")
      .select(["status", "driver_id"])
      .where("id", "=", far.deliveryId)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ status: "waiting", driver_id: null });
    expect((await t.platform.services.delivery.dispatcher.status(midtown, far.deliveryId))?.status).toBe(
      "waiting",
    );
    expect(await t.caller(driver).delivery.myOffers()).toEqual([]);
    expect(
      (await t.caller(far.customer).delivery.getDeliveryStatus({ orderId: far.order.id })).trip,
    ).toBeNull();

    // Back to dispatch: offered afresh, alone, and the old offer stays closed.
    await t.platform.services.delivery.dispatcher.tick(Date.now() + 16_000);
    const again = await until("the other order offered again", async () => {
      const mine = await t.caller(driver).delivery.myOffers();
      return mine.length === 1 ? mine : undefined;
    });
    expect([again[0]!.orderId, again[0]!.trip]).toEqual([far.order.id, null]);
  });

  it("PostgreSQL keeps a delivery on at most one active trip, however many transactions race", async () => {
    const { deliveryId } = await readyOrder(destination(MIDTOWN, 90, 1200));
    const driver = await online(400, 0);
    const attempts = Array.from({ length: 8 }, () => randomUUID());
    const results = await Promise.allSettled(
      attempts.map((tripId) =>
        t.platform.db.transaction().execute(async (trx) => {
          await recordTripStop(
            trx,
            { tripId, stops: [deliveryId] },
            { deliveryId, driverId: driver.id, storeId: midtown },
          );
          // Hold the transaction open a moment so the others really overlap it.
          await trx.selectNoFrom((eb) => eb.fn<number>("pg_sleep", [eb.val(0.05)]).as("slept")).execute();
        }),
      ),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const active = () => activeStops([deliveryId]);
    expect(await active()).toHaveLength(1);
    // Once that trip's offer ends, the delivery may go on another.
    await endTripStop(t.platform.db, deliveryId);
    await t.platform.db
      .transaction()
      .execute((trx) =>
        recordTripStop(
          trx,
          { tripId: randomUUID(), stops: [deliveryId] },
          { deliveryId, driverId: driver.id, storeId: midtown },
        ),
      );
    expect(await active()).toHaveLength(1);
  });
});
