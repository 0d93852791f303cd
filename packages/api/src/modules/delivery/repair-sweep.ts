// Repairs what a crash or a Redis that lost its data left behind: open deliveries the dispatcher no
// longer knows are requested again (the request is idempotent). Every process running the engine runs it
// now and then; a stand-alone dispatcher only for the zones it holds.
import { sql } from "@pizza/db";
import { ordersForDispatch } from "../orders/order-for-dispatch.ts";
import { loadDeliveryContext, zoneOf } from "./delivery-context.ts";
import type { Db, DeliveryRuntime } from "./delivery-deps.ts";

export async function repairSweep(
  rt: DeliveryRuntime,
  limit = 200,
  zones?: readonly string[],
): Promise<number> {
  if (zones?.length === 0) return 0;
  let q = rt.db
    .selectFrom("deliveries")
    .select(["id", "order_id", "store_id"])
    .where("status", "in", ["waiting", "offered"]);
  // A zone is a store (zoneOf), so the zones held are store ids.
  if (zones) q = q.where("store_id", "in", [...zones]);
  const rows = await q.orderBy("created_at").limit(limit).execute();
  const orders = await ordersForDispatch(
    rt.db,
    rows.map((r) => r.order_id),
  );
  let requested = 0;
  for (const r of rows) {
    const order = orders.get(r.order_id);
    if (!order) continue;
    const rec = await rt.dispatcher.status(zoneOf(r.store_id), r.id);
    if (rec) continue;
    const ctx = await loadDeliveryContext(rt.db, r.id);
    if (!ctx) continue;
    if (ctx.status === "offered") {
      await withdrawDeadOffer(rt.db, r.id);
      ctx.status = "waiting";
    }
    const ready = order.status === "ready" ? Date.now() : (order.readyEstimateAt?.getTime() ?? Date.now());
    await rt.starter.request(ctx, Math.max(Date.now(), ready));
    requested++;
  }
  return requested;
}

/** The offer died with the index: withdraw it in the database too. */
async function withdrawDeadOffer(db: Db, deliveryId: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable("delivery_offers")
      .set({ status: "expired", responded_at: new Date() })
      .where("delivery_id", "=", deliveryId)
      .where("status", "=", "pending")
      .execute();
    await trx
      .updateTable("deliveries")
      .set({ status: "waiting", driver_id: null, version: sql`version + 1`, updated_at: new Date() })
      .where("id", "=", deliveryId)
      .where("status", "=", "offered")
      .execute();
  });
}
