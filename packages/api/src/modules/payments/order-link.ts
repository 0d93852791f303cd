import { type Database, sql, type Transaction } from "@pizza/db";
import { writeOutbox } from "../../infra/outbox.ts";

/**
 * How payments moves an order. The orders module owns the state machine; when its service is wired
 * in (`OrdersService.transition` with actor "system" and our transaction) payments goes through it.
 * The fallback below does the same move for a payments-only deployment and the module's own tests:
 * an optimistic version check, the history row and the `order.status_changed` event.
 */
export interface OrderTransitions {
  transition(
    orderId: string,
    to: "placed",
    actor: "system",
    opts: { trx: Transaction<Database>; note?: string },
  ): Promise<unknown>;
}

export interface PayableOrder {
  id: string;
  region_code: string;
  store_id: string;
  customer_id: string;
  status: string;
  version: number;
}

/** pending_payment → placed, in the payment's own transaction. False when the order was no longer waiting. */
export async function moveOrderToPlaced(
  trx: Transaction<Database>,
  order: PayableOrder,
  orders: OrderTransitions | undefined,
): Promise<boolean> {
  if (order.status !== "pending_payment") return false;
  if (orders) {
    await orders.transition(order.id, "placed", "system", { trx, note: "payment succeeded" });
    return true;
  }
  const at = new Date();
  const updated = await trx
    .updateTable("orders")
    .set({ status: "placed", version: sql`version + 1`, updated_at: at })
    .where("id", "=", order.id)
    .where("region_code", "=", order.region_code)
    .where("version", "=", order.version)
    .where("status", "=", "pending_payment")
    .returning(["version", "order_number", "channel"])
    .executeTakeFirst();
  if (!updated) return false;
  await trx
    .insertInto("order_status_history")
    .values({
      order_id: order.id,
      region_code: order.region_code,
      from_status: "pending_payment",
      to_status: "placed",
      version: updated.version,
      actor_id: null,
      actor_role: "system",
      note: "payment succeeded",
      at,
    })
    .execute();
  await writeOutbox(trx, {
    topic: "order.status_changed",
    aggregateId: order.id,
    payload: {
      orderId: order.id,
      orderNumber: updated.order_number,
      regionCode: order.region_code,
      storeId: order.store_id,
      customerId: order.customer_id,
      channel: updated.channel,
      status: "placed",
      previousStatus: "pending_payment",
      version: updated.version,
      at: at.toISOString(),
    },
  });
  return true;
}
