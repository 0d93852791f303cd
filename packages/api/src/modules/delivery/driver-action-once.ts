// Runs a driver's action at most once per `clientActionId` (the offline app replays its queue): the
// action row is inserted first in the same transaction as the effect, so a replay — even a concurrent
// one — finds it and gets the first answer back. A failed action rolls its row back.
import { badRequest, notFound } from "../../errors.ts";
import { writeOutbox } from "../../infra/outbox.ts";
import type { AuthUser } from "../auth/tokens.ts";
import type { TActionResult } from "./delivery.schemas.ts";
import { type DeliveryContext, eventBase, loadDeliveryContext } from "./delivery-context.ts";
import type { DeliveryRuntime, Trx } from "./delivery-deps.ts";

export type OnceResult = TActionResult & { zone: string };

export async function driverActionOnce(
  rt: DeliveryRuntime,
  user: AuthUser,
  action: "picked_up" | "delivered",
  input: { deliveryId: string; clientActionId: string },
  effect: (trx: Trx, ctx: DeliveryContext) => Promise<void>,
): Promise<OnceResult> {
  return rt.db.transaction().execute(async (trx) => {
    // Someone else's delivery, or none: not found, and nothing recorded.
    const ctx = await loadDeliveryContext(trx, input.deliveryId, true);
    if (!ctx || ctx.driverId !== user.id) throw notFound("We could not find that delivery.");
    const inserted = await trx
      .insertInto("driver_actions")
      .values({
        client_action_id: input.clientActionId,
        driver_id: user.id,
        delivery_id: input.deliveryId,
        action,
      })
      .onConflict((oc) => oc.column("client_action_id").doNothing())
      .returning("client_action_id")
      .executeTakeFirst();
    if (!inserted) return { ...(await priorResult(trx, user, action, input)), zone: ctx.zone };
    await effect(trx, ctx);
    const result: TActionResult = {
      deliveryId: ctx.id,
      orderId: ctx.orderId,
      status: action,
      at: new Date().toISOString(),
      replayed: false,
    };
    await trx
      .updateTable("driver_actions")
      .set({ result: JSON.stringify(result) })
      .where("client_action_id", "=", input.clientActionId)
      .execute();
    return { ...result, zone: ctx.zone };
  });
}

/** The first answer to this action id; the id reused for another action or delivery is refused. */
async function priorResult(
  trx: Trx,
  user: AuthUser,
  action: "picked_up" | "delivered",
  input: { deliveryId: string; clientActionId: string },
): Promise<TActionResult> {
  const prior = await trx
    .selectFrom("driver_actions")
    .select(["driver_id", "delivery_id", "action", "result"])
    .where("client_action_id", "=", input.clientActionId)
    .executeTakeFirstOrThrow();
  if (prior.driver_id !== user.id || prior.delivery_id !== input.deliveryId || prior.action !== action) {
    throw badRequest("This clientActionId was already used for another action; generate a new one.", {
      field: "clientActionId",
    });
  }
  return { ...(prior.result as TActionResult), replayed: true };
}

/** The answer without the zone the caller needed. */
export function actionResult(r: OnceResult): TActionResult {
  return { deliveryId: r.deliveryId, orderId: r.orderId, status: r.status, at: r.at, replayed: r.replayed };
}

/** The event of a driver's action at the store or the door, for the customer, the store and the driver. */
export async function writeDriverActionEvent(
  trx: Trx,
  topic: "delivery.picked_up" | "delivery.delivered",
  ctx: DeliveryContext,
  driverId: string,
  at: Date,
): Promise<void> {
  await writeOutbox(trx, {
    topic,
    aggregateId: ctx.orderId,
    payload: { ...eventBase(ctx), customerId: ctx.customerId, driverId, at: at.toISOString() },
  });
}
