// What live tracking reads of an order: who it belongs to, where it stands, and its timeline. The
// orders module owns `orders` and `order_status_history`; the tracker asks here instead of reading them.
import type { TimelineEntry } from "@pizza/contracts";
import type { Database, Kysely } from "@pizza/db";
import type { OrderView } from "./order-rows.ts";

/** Who an order belongs to and where it stands: the part of `OrderView` a tracker needs. */
export type OrderForTracking = Pick<
  OrderView,
  "id" | "orderNumber" | "regionCode" | "storeId" | "customerId" | "channel" | "status" | "version"
>;

/** The order's owner, store and current status and version; undefined when there is no such order. */
export async function orderForTracking(
  db: Kysely<Database>,
  orderId: string,
): Promise<OrderForTracking | undefined> {
  const o = await db
    .selectFrom("orders")
    .select(["id", "order_number", "region_code", "store_id", "customer_id", "channel", "status", "version"])
    .where("id", "=", orderId)
    .executeTakeFirst();
  if (!o) return undefined;
  return {
    id: o.id,
    orderNumber: Number(o.order_number),
    regionCode: o.region_code,
    storeId: o.store_id,
    customerId: o.customer_id,
    channel: o.channel,
    status: o.status,
    version: o.version,
  };
}

/** Every status the order went through, oldest first, with the version each one gave it. */
export async function orderTimeline(
  db: Kysely<Database>,
  order: { id: string; regionCode: string },
): Promise<TimelineEntry[]> {
  const history = await db
    .selectFrom("order_status_history")
    .select(["to_status", "version", "at"])
    .where("order_id", "=", order.id)
    .where("region_code", "=", order.regionCode)
    .orderBy("id")
    .execute();
  return history.map((h) => ({ status: h.to_status, version: h.version, at: new Date(h.at).toISOString() }));
}

/** Of these orders, the ones out for delivery now, with their current version. */
export async function ordersOutForDelivery(
  db: Kysely<Database>,
  orderIds: readonly string[],
): Promise<{ orderId: string; version: number }[]> {
  if (orderIds.length === 0) return [];
  const rows = await db
    .selectFrom("orders")
    .select(["id", "version"])
    .where("id", "in", orderIds)
    .where("status", "=", "out_for_delivery")
    .execute();
  return rows.map((r) => ({ orderId: r.id, version: r.version }));
}
