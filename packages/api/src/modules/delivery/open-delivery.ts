// The delivery row of a delivery order, created once (the kitchen's baking and ready events and a staff
// override may all ask for it): answered only while dispatch may still act on it.
import { orderForDispatch } from "../orders/order-for-dispatch.ts";
import type { Trx } from "./delivery-deps.ts";

export async function openDelivery(
  trx: Trx,
  orderId: string,
  opts: { evenIfAssigned?: boolean } = {},
): Promise<{ id: string; readyEstimateAt: Date | null } | null> {
  const order = await orderForDispatch(trx, orderId);
  if (order?.channel !== "delivery" || order.status === "cancelled") return null;
  await trx
    .insertInto("deliveries")
    .values({
      order_id: order.id,
      region_code: order.regionCode,
      store_id: order.storeId,
      status: "waiting",
      updated_at: new Date(),
    })
    .onConflict((oc) => oc.column("order_id").doNothing())
    .execute();
  const row = await trx
    .selectFrom("deliveries")
    .select(["id", "status"])
    .where("order_id", "=", order.id)
    .executeTakeFirstOrThrow();
  const open = row.status === "waiting" || row.status === "offered";
  if (!open && !(opts.evenIfAssigned && row.status === "assigned")) return null;
  return { id: row.id, readyEstimateAt: order.readyEstimateAt };
}
