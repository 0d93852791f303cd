// What a driver holds now (assigned or picked up), with the pick-up checklist (items, drinks: every check
// required, bag-checks.ts) and the
// door (notes, the customer's name and phone).
import { accountContacts } from "../auth/account-contacts.ts";
import type { AuthUser } from "../auth/tokens.ts";
import { bagContents, ordersForDispatch } from "../orders/order-for-dispatch.ts";
import { requiredBagChecks } from "./bag-checks.ts";
import type { TCurrentDeliveryView } from "./delivery.schemas.ts";
import { currentView, loadDeliveryContexts } from "./delivery-context.ts";
import type { Db, DeliveryRuntime } from "./delivery-deps.ts";
import { inTripOrder, tripPositionOf } from "./record-trip.ts";

export async function currentDeliveries(
  rt: DeliveryRuntime,
  user: AuthUser,
): Promise<TCurrentDeliveryView[]> {
  const rows = await rt.db
    .selectFrom("deliveries")
    .select("id")
    .where("driver_id", "=", user.id)
    .where("status", "in", ["assigned", "picked_up"])
    .orderBy("assigned_at")
    .execute();
  const contexts = await loadDeliveryContexts(
    rt.db,
    rows.map((r) => r.id),
  );
  const views = await withBagAndDoor(rt.db, contexts.map(currentView));
  // A trip's stops in route order: the driver delivers them as listed.
  const withTrips = await Promise.all(
    views.map(async (v) => ({ ...v, trip: await tripPositionOf(rt.db, v.deliveryId) })),
  );
  return inTripOrder(withTrips, (d) => d.deliveryId);
}

async function withBagAndDoor(db: Db, views: TCurrentDeliveryView[]): Promise<TCurrentDeliveryView[]> {
  if (views.length === 0) return views;
  const ids = views.map((v) => v.orderId);
  const bags = await bagContents(db, ids);
  const orders = await ordersForDispatch(db, ids);
  const customers = await accountContacts(
    db,
    [...orders.values()].map((o) => o.customerId),
  );
  return views.map((v) => {
    const mine = bags.get(v.orderId) ?? [];
    const order = orders.get(v.orderId);
    const customer = order ? customers.get(order.customerId) : undefined;
    const addressNotes = (v.dropoff.address as { notes?: string | null } | null)?.notes ?? null;
    const drinks = mine.filter((i) => i.kind === "drink").reduce((n, i) => n + i.quantity, 0);
    return {
      ...v,
      items: mine,
      itemCount: mine.reduce((n, i) => n + i.quantity, 0),
      drinks,
      bagChecks: requiredBagChecks(drinks),
      notes: [order?.notes, addressNotes].filter(Boolean).join(" · ") || null,
      customer: { name: customer?.name ?? "", phone: customer?.phone ?? null },
    };
  });
}
