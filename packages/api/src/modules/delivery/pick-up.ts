// At the store: the order leaves with its driver (ready → out_for_delivery), once per clientActionId, only
// with every bag check ticked (bag-checks.ts); the checks are recorded on the delivery.
import { sql } from "@pizza/db";
import { preconditionFailed } from "../../errors.ts";
import type { AuthUser } from "../auth/tokens.ts";
import { assertBagChecked } from "./bag-checks.ts";
import type { TActionResult, TMarkPickedUpRequest } from "./delivery.schemas.ts";
import type { DeliveryContext } from "./delivery-context.ts";
import type { DeliveryRuntime, Trx } from "./delivery-deps.ts";
import { actionResult, driverActionOnce, writeDriverActionEvent } from "./driver-action-once.ts";

export async function pickUp(
  rt: DeliveryRuntime,
  user: AuthUser,
  input: TMarkPickedUpRequest,
): Promise<TActionResult> {
  const r = await driverActionOnce(rt, user, "picked_up", input, (trx, ctx) =>
    leaveStore(rt, user, input, trx, ctx),
  );
  return actionResult(r);
}

async function leaveStore(
  rt: DeliveryRuntime,
  user: AuthUser,
  input: TMarkPickedUpRequest,
  trx: Trx,
  ctx: DeliveryContext,
): Promise<void> {
  if (ctx.status !== "assigned") {
    throw preconditionFailed(
      ctx.status === "picked_up"
        ? "This delivery was already picked up."
        : `This delivery is ${ctx.status.replace(/_/g, " ")}; it cannot be picked up.`,
      { reason: "invalid_delivery_status", status: ctx.status },
    );
  }
  if (ctx.orderStatus !== "ready") {
    throw preconditionFailed("The order is not ready yet; wait for the kitchen.", {
      reason: "order_not_ready",
      status: ctx.orderStatus,
    });
  }
  const checks = await assertBagChecked(trx, ctx.orderId, input.checks);
  await rt.orders.transition(ctx.orderId, "out_for_delivery", { id: user.id, role: "driver" }, { trx });
  const now = new Date();
  const eta = await rt.dispatcher.etaFor(ctx.zone, ctx.id, { pickedUp: true }).catch(() => null);
  await trx
    .updateTable("deliveries")
    .set({
      status: "picked_up",
      picked_up_at: now,
      bag_checks: checks,
      ...(eta ? { eta_dropoff_at: new Date(now.getTime() + eta.dropoffS * 1000) } : {}),
      version: sql`version + 1`,
      updated_at: now,
    })
    .where("id", "=", ctx.id)
    .execute();
  await writeDriverActionEvent(trx, "delivery.picked_up", ctx, user.id, now);
}
