// A delivery's earnings row, written in the drop-off transaction (drop-off.ts calls `recordEarning` after
// the delivery row is marked delivered): the store's fee per delivery as it is now, the order's tip (card
// or cash), the cash the driver hands in, and the time from assignment to the door. One row per delivery
// (primary key), so a replayed or concurrent "Delivered" cannot count it twice, and a later change of the
// store's fee does not rewrite shifts already driven.
//
// Cash: a cash order's customer pays the total, tip included; the change (`deliveries.change_given`) goes
// back to them. The tip of a cash order stays in the driver's pocket, so the cash to hand in is the
// order's total minus its tip. A card tip is paid out with the fees.
import { storeForDispatch } from "../stores/store-for-dispatch.ts";
import type { DeliveryContext } from "./delivery-context.ts";
import type { Trx } from "./delivery-deps.ts";

export interface EarningFigures {
  fee: number;
  tipCard: number;
  tipCash: number;
  cashToHandIn: number;
}

/** What one delivery earns its driver, and the cash they owe the store for it. */
export function earningOf(
  order: Pick<DeliveryContext, "paymentMethod" | "total" | "tip">,
  feePerDelivery: number,
): EarningFigures {
  const cash = order.paymentMethod === "cash";
  return {
    fee: feePerDelivery,
    tipCard: cash ? 0 : order.tip,
    tipCash: cash ? order.tip : 0,
    cashToHandIn: cash ? order.total - order.tip : 0,
  };
}

/** The earnings row of a delivery just marked delivered (inside its transaction). */
export async function recordEarning(trx: Trx, ctx: DeliveryContext, driverId: string, at: Date) {
  const store = await storeForDispatch(trx, ctx.storeId);
  const times = await trx
    .selectFrom("deliveries")
    .select(["assigned_at", "picked_up_at"])
    .where("id", "=", ctx.id)
    .executeTakeFirstOrThrow();
  const shift = await trx
    .selectFrom("driver_shifts")
    .select("id")
    .where("driver_id", "=", driverId)
    .where("ended_at", "is", null)
    .executeTakeFirst();
  const from = times.assigned_at ?? times.picked_up_at ?? at;
  const e = earningOf(ctx, store?.driverFeePerDelivery ?? 0);
  await trx
    .insertInto("driver_earnings")
    .values({
      delivery_id: ctx.id,
      order_id: ctx.orderId,
      driver_id: driverId,
      shift_id: shift?.id ?? null,
      store_id: ctx.storeId,
      currency: ctx.currency,
      payment_method: ctx.paymentMethod,
      fee: e.fee,
      tip_card: e.tipCard,
      tip_cash: e.tipCash,
      cash_to_hand_in: e.cashToHandIn,
      on_delivery_s: Math.max(0, Math.round((at.getTime() - new Date(from).getTime()) / 1000)),
      delivered_at: at,
    })
    .onConflict((oc) => oc.column("delivery_id").doNothing())
    .execute();
}
