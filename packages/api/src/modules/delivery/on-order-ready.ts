// The kitchen's events that start dispatch: `order.ready` (a driver now) and, timed to the oven,
// `order.status_changed` to baking (a driver who arrives as the pizza comes out). Both run once per
// event inside the consumer's transaction; the dispatcher is asked after it commits.
import type { DeliveryRuntime, Trx } from "./delivery-deps.ts";
import { openDelivery } from "./open-delivery.ts";

const orderIdOf = (payload: Record<string, unknown>): string | null =>
  typeof payload.orderId === "string" ? payload.orderId : null;

/** `order.ready`: a delivery row for a delivery order, then a dispatch request due now. */
export async function onOrderReady(
  rt: DeliveryRuntime,
  payload: Record<string, unknown>,
  trx: Trx,
): Promise<void> {
  const orderId = orderIdOf(payload);
  if (!orderId || payload.channel !== "delivery") return;
  const created = await openDelivery(trx, orderId);
  if (created) rt.starter.kick(created.id, Date.now());
}

/** Into the oven: dispatch starts from the kitchen's estimated ready time. */
export async function onOrderBaking(
  rt: DeliveryRuntime,
  payload: Record<string, unknown>,
  trx: Trx,
): Promise<void> {
  const orderId = orderIdOf(payload);
  if (!orderId || payload.channel !== "delivery" || payload.status !== "baking") return;
  const created = await openDelivery(trx, orderId);
  if (!created) return;
  const estimate = created.readyEstimateAt ? new Date(created.readyEstimateAt).getTime() : Date.now();
  rt.starter.kick(created.id, Math.max(Date.now(), estimate));
}
