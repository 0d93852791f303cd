// Staff override: the chosen driver of the order's store (or the nearest available one) gets the
// delivery now, taking it from whoever had it. Another store's order answers like a missing one.
import { notFound, preconditionFailed } from "../../errors.ts";
import { actsForStore } from "../auth/store-access.ts";
import type { AuthUser } from "../auth/tokens.ts";
import { orderForDispatch } from "../orders/order-for-dispatch.ts";
import type { TAssignDeliveryRequest, TDeliveryStatus } from "./delivery.schemas.ts";
import { type DeliveryContext, loadDeliveryContext } from "./delivery-context.ts";
import type { DeliveryRuntime } from "./delivery-deps.ts";
import { deliveryStatus } from "./delivery-status.ts";
import { openDelivery } from "./open-delivery.ts";

const WHY_NOT: Record<string, string> = {
  not_available: "That driver is not available (offline, on a break or on another delivery).",
  stale: "That driver's phone has not reported a position recently.",
  unknown_driver: "That driver is not online.",
  request_changed: "The delivery changed at the same moment; try again.",
};

export async function overrideAssignment(
  rt: DeliveryRuntime,
  user: AuthUser,
  input: TAssignDeliveryRequest,
): Promise<TDeliveryStatus> {
  const order = await orderForDispatch(rt.db, input.orderId);
  if (!order || !actsForStore(user, order.storeId)) throw notFound("We could not find that order.");
  if (order.channel !== "delivery") throw preconditionFailed("A carryout order has no delivery.");
  if (["out_for_delivery", "delivered", "picked_up", "cancelled"].includes(order.status)) {
    throw preconditionFailed(
      `The order is ${order.status.replace(/_/g, " ")}; it can no longer be assigned.`,
    );
  }
  if (order.status === "pending_payment") throw preconditionFailed("The order is not paid yet.");
  const row = await rt.db
    .transaction()
    .execute((trx) => openDelivery(trx, order.id, { evenIfAssigned: true }));
  if (!row) throw preconditionFailed("This delivery can no longer be assigned.");
  const ctx = await loadDeliveryContext(rt.db, row.id);
  if (!ctx) throw notFound("We could not find that order.");
  const readyAt =
    order.status === "ready" ? Date.now() : Math.max(Date.now(), order.readyEstimateAt?.getTime() ?? 0);
  await rt.starter.request(ctx, readyAt);
  const driverId = await chosenDriver(rt, ctx, input.driverId);
  const res = await rt.dispatcher.assignTo(ctx.zone, ctx.id, driverId);
  if (!res.ok) {
    throw preconditionFailed(WHY_NOT[res.reason] ?? "That driver cannot take this delivery.", {
      reason: res.reason,
    });
  }
  return deliveryStatus(rt, user, order.id);
}

/** The named driver of the delivery's store, or the nearest available one other than its current driver. */
async function chosenDriver(
  rt: DeliveryRuntime,
  ctx: DeliveryContext,
  named: string | undefined,
): Promise<string> {
  if (named) {
    const d = await rt.drivers.info(named);
    if (!d || d.storeId !== ctx.storeId) throw notFound("We could not find that driver at your store.");
    return named;
  }
  const near = await rt.index.nearest(ctx.zone, ctx.pickup, { radiusM: 20_000, limit: 20 });
  for (const n of near) {
    const info = await rt.drivers.info(n.driverId);
    if (info?.storeId === ctx.storeId && n.driverId !== ctx.driverId) return n.driverId;
  }
  throw preconditionFailed("No driver of your store is available right now.");
}
