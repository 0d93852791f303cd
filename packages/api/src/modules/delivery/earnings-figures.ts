// A driver's figures (deliveries, distance, time, fees, tips, cash to hand in) summed from the earnings
// rows written at each drop-off (delivery-earning.ts) and the shifts they drove them in.

import type { Db } from "./delivery-deps.ts";
import type { TEarningsFigures } from "./earnings.schemas.ts";

export interface EarningRow {
  deliveryId: string;
  orderId: string;
  driverId: string;
  shiftId: string | null;
  paymentMethod: "card" | "cash";
  fee: number;
  tipCard: number;
  tipCash: number;
  cashToHandIn: number;
  onDeliveryS: number;
  deliveredAt: Date;
}

export interface ShiftRow {
  id: string;
  driverId: string;
  startedAt: Date;
  endedAt: Date | null;
  distanceM: number;
}

/** Earnings rows of these drivers (or these shifts), delivered in [from, to), oldest first. */
export async function earningRows(
  db: Db,
  by: { driverIds?: readonly string[]; shiftIds?: readonly string[]; from?: Date; to?: Date },
): Promise<EarningRow[]> {
  if (by.driverIds?.length === 0 || by.shiftIds?.length === 0) return [];
  let q = db
    .selectFrom("driver_earnings")
    .select([
      "delivery_id",
      "order_id",
      "driver_id",
      "shift_id",
      "payment_method",
      "fee",
      "tip_card",
      "tip_cash",
      "cash_to_hand_in",
      "on_delivery_s",
      "delivered_at",
    ])
    .orderBy("delivered_at");
  if (by.driverIds) q = q.where("driver_id", "in", [...by.driverIds]);
  if (by.shiftIds) q = q.where("shift_id", "in", [...by.shiftIds]);
  if (by.from) q = q.where("delivered_at", ">=", by.from);
  if (by.to) q = q.where("delivered_at", "<", by.to);
  const rows = await q.execute();
  return rows.map((r) => ({
    deliveryId: r.delivery_id,
    orderId: r.order_id,
    driverId: r.driver_id,
    shiftId: r.shift_id,
    paymentMethod: r.payment_method,
    fee: r.fee,
    tipCard: r.tip_card,
    tipCash: r.tip_cash,
    cashToHandIn: r.cash_to_hand_in,
    onDeliveryS: r.on_delivery_s,
    deliveredAt: new Date(r.delivered_at),
  }));
}

/** Shifts of these drivers started in [from, to) (or these shifts by id). */
export async function shiftRows(
  db: Db,
  by: { driverIds?: readonly string[]; ids?: readonly string[]; from?: Date; to?: Date },
): Promise<ShiftRow[]> {
  if (by.driverIds?.length === 0 || by.ids?.length === 0) return [];
  let q = db.selectFrom("driver_shifts").select(["id", "driver_id", "started_at", "ended_at", "distance_m"]);
  if (by.driverIds) q = q.where("driver_id", "in", [...by.driverIds]);
  if (by.ids) q = q.where("id", "in", [...by.ids]);
  if (by.from) q = q.where("started_at", ">=", by.from);
  if (by.to) q = q.where("started_at", "<", by.to);
  const rows = await q.execute();
  return rows.map((r) => ({
    id: r.id,
    driverId: r.driver_id,
    startedAt: new Date(r.started_at),
    endedAt: r.ended_at ? new Date(r.ended_at) : null,
    distanceM: r.distance_m,
  }));
}

/** The figures of these deliveries and shifts (an open shift counts up to `now`). */
export function figuresOf(
  earnings: readonly EarningRow[],
  shifts: readonly ShiftRow[],
  currency: string,
  now: Date,
): TEarningsFigures {
  const sum = (f: (e: EarningRow) => number) => earnings.reduce((n, e) => n + f(e), 0);
  const fees = sum((e) => e.fee);
  const tipsCard = sum((e) => e.tipCard);
  const tipsCash = sum((e) => e.tipCash);
  return {
    deliveries: earnings.length,
    distanceM: shifts.reduce((n, s) => n + s.distanceM, 0),
    onShiftS: shifts.reduce(
      (n, s) => n + Math.max(0, Math.round(((s.endedAt ?? now).getTime() - s.startedAt.getTime()) / 1000)),
      0,
    ),
    onDeliveryS: sum((e) => e.onDeliveryS),
    fees,
    tipsCard,
    tipsCash,
    tips: tipsCard + tipsCash,
    earnings: fees + tipsCard + tipsCash,
    cashToHandIn: sum((e) => e.cashToHandIn),
    currency,
  };
}
