// The store's earnings export (`delivery.earningsExport`): one row per delivery of this or last week (the
// store's time zone), of all its drivers or of one; the console turns the rows into a CSV file. The store
// is the one `storeStaffProcedure` resolved for the caller; another store's driver is not found.
import { notFound } from "../../errors.ts";
import { accountContacts } from "../auth/account-contacts.ts";
import { ordersForDispatch } from "../orders/order-for-dispatch.ts";
import { storeForDispatch } from "../stores/store-for-dispatch.ts";
import type { DeliveryRuntime } from "./delivery-deps.ts";
import type { TEarningsExport, TEarningsExportRequest } from "./earnings.schemas.ts";
import { type EarningRow, earningRows } from "./earnings-figures.ts";
import { weekBounds } from "./earnings-week.ts";

export async function earningsExport(
  rt: DeliveryRuntime,
  storeId: string,
  input: TEarningsExportRequest,
): Promise<TEarningsExport> {
  const store = await storeForDispatch(rt.db, storeId);
  if (!store) throw notFound("We could not find that store.");
  let drivers = rt.db.selectFrom("drivers").select("user_id").where("home_store_id", "=", store.id);
  if (input.driverId) drivers = drivers.where("user_id", "=", input.driverId);
  const ids = (await drivers.execute()).map((d) => d.user_id);
  if (input.driverId && ids.length === 0) throw notFound("We could not find that driver.");
  const week = weekBounds(new Date(), store.timezone, input.week === "last" ? 1 : 0);
  const rows = (await earningRows(rt.db, { driverIds: ids, from: week.from, to: week.to })).filter(
    (e) => !input.driverId || e.driverId === input.driverId,
  );
  const names = await accountContacts(
    rt.db,
    rows.map((r) => r.driverId),
  );
  const orders = await ordersForDispatch(
    rt.db,
    rows.map((r) => r.orderId),
  );
  return {
    storeId: store.id,
    timezone: store.timezone,
    from: week.from.toISOString(),
    to: week.to.toISOString(),
    rows: rows.map((r: EarningRow) => ({
      driverId: r.driverId,
      driverName: names.get(r.driverId)?.name ?? "",
      deliveryId: r.deliveryId,
      orderId: r.orderId,
      orderNumber: orders.get(r.orderId)?.orderNumber ?? 0,
      deliveredAt: r.deliveredAt.toISOString(),
      paymentMethod: r.paymentMethod,
      onDeliveryS: r.onDeliveryS,
      fee: r.fee,
      tipCard: r.tipCard,
      tipCash: r.tipCash,
      earnings: r.fee + r.tipCard + r.tipCash,
      cashToHandIn: r.cashToHandIn,
      currency: store.currency,
    })),
  };
}
