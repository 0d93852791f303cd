// At the door: the order is delivered (out_for_delivery → delivered), once per clientActionId; a cash
// order records the cash collected and the change; the shift counts the delivery and its tip. Proof of
// delivery (issue 20): beyond ~300 m from the address the driver must say why (dropoff-distance.ts);
// where they were, why, and the photo (delivery-photo.ts) are recorded with the delivery. An order needing
// the customer's handover code (orders/handover-code.ts) is delivered only against it: a wrong code is
// counted (5 at most, then the store confirms) and refused; the optional signature (delivery-signature.ts),
// and whether the code was verified, are recorded too.
import { sql } from "@pizza/db";
import { badRequest, notFound, preconditionFailed } from "../../errors.ts";
import type { AuthUser } from "../auth/tokens.ts";
import { type HandoverProof, recordHandover, tryHandoverCode } from "../orders/handover-code.ts";
import type { TActionResult, TMarkDeliveredRequest } from "./delivery.schemas.ts";
import { type DeliveryContext, loadDeliveryContext } from "./delivery-context.ts";
import type { DeliveryRuntime, Trx } from "./delivery-deps.ts";
import { recordEarning } from "./delivery-earning.ts";
import { discardUpload, storeDeliveryPhoto } from "./delivery-photo.ts";
import { storeSignature } from "./delivery-signature.ts";
import { actionResult, driverActionOnce, writeDriverActionEvent } from "./driver-action-once.ts";
import { checkDropoffDistance } from "./dropoff-distance.ts";

export async function dropOff(
  rt: DeliveryRuntime,
  user: AuthUser,
  input: TMarkDeliveredRequest,
): Promise<TActionResult> {
  const code = await handoverCodeAtTheDoor(rt, user, input);
  const r = await driverActionOnce(rt, user, "delivered", input, (trx, ctx) =>
    handOver(rt, user, input, code, trx, ctx),
  );
  if (!r.replayed) {
    await discardUpload(rt, input.photo);
    await discardUpload(rt, input.signature);
  }
  // The driver is free again (also on a replay: the first attempt may have died before this).
  await rt.dispatcher.complete(r.zone, r.deliveryId, user.id).catch((error) => {
    rt.log.warn({ err: error, deliveryId: r.deliveryId }, "dispatcher.complete failed");
  });
  return actionResult(r);
}

/**
 * The customer's code, tried before the drop-off's transaction (a wrong one is counted even though the
 * drop-off is refused). Someone else's delivery is not found before any code is tried; a delivery not at
 * the door (not picked up, or already delivered: a replay) tries none.
 */
async function handoverCodeAtTheDoor(
  rt: DeliveryRuntime,
  user: AuthUser,
  input: TMarkDeliveredRequest,
): Promise<HandoverProof> {
  const ctx = await loadDeliveryContext(rt.db, input.deliveryId);
  if (!ctx || ctx.driverId !== user.id) throw notFound("We could not find that delivery.");
  if (ctx.status !== "picked_up" || !ctx.handover.required) return "none";
  return tryHandoverCode(rt.db, ctx.orderId, input.handoverCode);
}

async function handOver(
  rt: DeliveryRuntime,
  user: AuthUser,
  input: TMarkDeliveredRequest,
  code: HandoverProof,
  trx: Trx,
  ctx: DeliveryContext,
): Promise<void> {
  if (ctx.status !== "picked_up") {
    throw preconditionFailed(
      ctx.status === "delivered"
        ? "This delivery was already delivered."
        : "Mark the order picked up at the store first.",
      { reason: "invalid_delivery_status", status: ctx.status },
    );
  }
  const { cashCollected, awayReason } = input;
  const where = await checkDropoffDistance(rt, ctx, user.id, awayReason);
  const cash = ctx.paymentMethod === "cash";
  if (cash) {
    if (cashCollected === undefined) {
      throw badRequest(
        `This order is paid in cash: enter the cash collected (${ctx.total} ${ctx.currency} minor units due).`,
        { field: "cashCollected" },
      );
    }
    await rt.payments.markCashCollected(ctx.orderId, cashCollected, trx);
  } else if (cashCollected !== undefined && cashCollected > 0) {
    throw badRequest("This order was paid by card; there is no cash to collect.", {
      field: "cashCollected",
    });
  }
  if (ctx.handover.required && code === "none")
    throw preconditionFailed("The delivery changed meanwhile; try again.", { reason: "retry" });
  await recordHandover(trx, ctx.orderId, code);
  const photoKey = input.photo ? await storeDeliveryPhoto(rt, ctx, input.photo) : null;
  const signatureKey = input.signature ? await storeSignature(rt, ctx, input.signature) : null;
  await rt.orders.transition(ctx.orderId, "delivered", { id: user.id, role: "driver" }, { trx });
  const now = new Date();
  await trx
    .updateTable("deliveries")
    .set({
      status: "delivered",
      delivered_at: now,
      cash_collected: cash ? (cashCollected ?? null) : null,
      // markCashCollected above refused less than the total (and absurd figures).
      change_given: cash && cashCollected !== undefined ? cashCollected - ctx.total : null,
      dropoff_lat: where.position?.lat ?? null,
      dropoff_lng: where.position?.lng ?? null,
      dropoff_position_at: where.position?.at ?? null,
      dropoff_distance_m: where.distanceM,
      away_reason: awayReason?.code ?? null,
      away_note: awayReason?.note || null,
      photo_key: photoKey,
      signature_key: signatureKey,
      code_verified: code === "none" ? null : code === "code",
      version: sql`version + 1`,
      updated_at: now,
    })
    .where("id", "=", ctx.id)
    .execute();
  await trx
    .updateTable("driver_shifts")
    .set({ deliveries: sql`deliveries + 1`, tips: sql`tips + ${ctx.tip}` })
    .where("driver_id", "=", user.id)
    .where("ended_at", "is", null)
    .execute();
  await recordEarning(trx, ctx, user.id, now);
  await writeDriverActionEvent(trx, "delivery.delivered", ctx, user.id, now);
}
