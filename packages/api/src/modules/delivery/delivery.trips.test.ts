// Batching on real PostgreSQL and Redis: two ready orders of one store to nearby addresses become one
// trip for one driver (both offers, both stops, one acceptance), the customer sees their place on the
// trip, and PostgreSQL refuses a delivery on two active trips however many transactions try at once.
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

  async function online(metres: number, bearing: number): Promise<AuthUser> {
    const d = await aDriver(t, midtown, `Driver ${metres} m`);
    const p = destination(MIDTOWN, bearing, metres);
    await t.platform.services.tracking.positionSink?.onDriverPosition(d, { ...p, at: Date.now() });
    await t.caller(d).delivery.goOnline({ storeId: midtown });
    return d;
  }

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
    const active = () =>
      t.platform.db
        .selectFrom("trip_stops")
        .select("trip_id")
        .where("delivery_id", "=", deliveryId)
        .where("active", "=", true)
        .execute();
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
