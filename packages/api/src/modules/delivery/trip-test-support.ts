// Shared by the trip suites (batching on, real PostgreSQL + Redis): the platform, and a cash order of a store taken to ready
// by its staff, waiting until dispatch has looked for a driver (none on shift: it waits, as at a peak).
import type { LatLng } from "@pizza/dispatch";
import { aCustomer, aDeliveryOrder, aStaff, storeId } from "../../testing/builders.ts";
import { backings, createTestPlatform, type TestPlatform } from "../../testing/harness.ts";
import { until } from "../../testing/signals.ts";
import type { AuthUser } from "../auth/tokens.ts";

/** A cash order to `to`, taken to ready by `staff`; resolves with its delivery once dispatch worked on it. */
export async function aReadyOrder(t: TestPlatform, storeId: string, staff: AuthUser, to: LatLng) {
  const customer = await aCustomer(t);
  const order = await t
    .caller(customer)
    .order.placeOrder(aDeliveryOrder(storeId, { paymentMethod: "cash" }, to));
  for (const step of ["preparing", "baking", "quality_check", "ready"] as const) {
    await t.caller(staff).order.advance({ orderId: order.id, to: step });
  }
  const delivery = await until("dispatch to have looked for a driver", async () => {
    const d = await t.platform.db
      .selectFrom("deliveries")
      .select("id")
      .where("order_id", "=", order.id)
      .executeTakeFirst();
    const rec = d && (await t.platform.services.delivery.dispatcher.status(storeId, d.id));
    // Known ready (not only "waiting for the oven" from baking), so a tick may pair it at once.
    return rec?.explanation && rec.readyAt <= Date.now() ? d : undefined;
  });
  return { customer, order, deliveryId: delivery.id };
}

/** A seeded platform on real PostgreSQL + Redis with batching on and no timed tick (the test ticks), Midtown's staff. */
export async function aTripPlatform() {
  const t = await createTestPlatform(backings.find((b) => b.redis)!, {
    seed: true,
    env: { DISPATCH_TICK_MS: "0", DISPATCH_BATCHING: "on" },
  });
  await t.platform.events.start();
  return { t, midtown: await storeId(t, "nyc-midtown"), staff: await aStaff(t, "nyc-midtown") };
}
