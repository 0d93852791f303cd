// A delivery with what every screen and step about it needs: its row, its order's fields and its store's
// place. Orders and stores are read through their owners' query functions, batched by ids.
import type { LatLng } from "@pizza/dispatch";
import { MAX_HANDOVER_ATTEMPTS } from "../orders/handover-code.ts";
import { type OrderForDispatch, ordersForDispatch } from "../orders/order-for-dispatch.ts";
import { type StoreForDispatch, storesForDispatch } from "../stores/store-for-dispatch.ts";
import type { TCurrentDeliveryView, TDeliveryStage } from "./delivery.schemas.ts";
import type { Db } from "./delivery-deps.ts";

export interface DeliveryContext
  extends Pick<
    OrderForDispatch,
    | "orderNumber"
    | "customerId"
    | "paymentMethod"
    | "total"
    | "tip"
    | "deliveryFee"
    | "currency"
    | "address"
    | "handover"
  > {
  id: string;
  orderId: string;
  /** The dispatch zone: the delivery's store. */
  zone: string;
  storeId: string;
  driverId: string | null;
  status: TDeliveryStage;
  explanation: unknown;
  etaPickupAt: Date | null;
  etaDropoffAt: Date | null;
  orderStatus: OrderForDispatch["status"];
  dropoff: LatLng;
  pickup: LatLng;
  storeName: string;
  storeAddress: string;
  /** The store's drop-off radius (metres): "Delivered" needs no reason within it. */
  dropoffRadiusM: number;
}

/**
 * The dispatch engine's "region" (its key partition and search space) is the store: a store's drivers
 * take that store's deliveries, and a store's drivers and offers live on one Redis shard.
 */
export const zoneOf = (storeId: string): string => storeId;

export const iso = (d: Date | string | null | undefined): string | null =>
  d ? new Date(d).toISOString() : null;

/** The deliveries with these ids, in the order given (missing ones left out). */
export async function loadDeliveryContexts(db: Db, ids: readonly string[]): Promise<DeliveryContext[]> {
  if (ids.length === 0) return [];
  const rows = await deliveryRows(db, ids, false);
  return withOrdersAndStores(
    db,
    ids.flatMap((id) => rows.filter((r) => r.id === id)),
  );
}

/** One delivery; `forUpdate` locks its row for the caller's transaction. */
export async function loadDeliveryContext(
  db: Db,
  deliveryId: string,
  forUpdate = false,
): Promise<DeliveryContext | undefined> {
  const rows = await deliveryRows(db, [deliveryId], forUpdate);
  return (await withOrdersAndStores(db, rows))[0];
}

function deliveryRows(db: Db, ids: readonly string[], forUpdate: boolean) {
  let q = db
    .selectFrom("deliveries")
    .select([
      "id",
      "order_id",
      "store_id",
      "driver_id",
      "status",
      "explanation",
      "eta_pickup_at",
      "eta_dropoff_at",
    ])
    .where("id", "in", [...new Set(ids)]);
  if (forUpdate) q = q.forNoKeyUpdate();
  return q.execute();
}

function withOrdersAndStores(db: Db, rows: Awaited<ReturnType<typeof deliveryRows>>) {
  return withOrderAndStore(
    db,
    rows,
    (r, o, s): DeliveryContext => ({
      id: r.id,
      orderId: r.order_id,
      zone: zoneOf(r.store_id),
      storeId: r.store_id,
      driverId: r.driver_id,
      status: r.status,
      explanation: r.explanation,
      etaPickupAt: r.eta_pickup_at,
      etaDropoffAt: r.eta_dropoff_at,
      orderStatus: o.status,
      orderNumber: o.orderNumber,
      customerId: o.customerId,
      paymentMethod: o.paymentMethod,
      total: o.total,
      tip: o.tip,
      deliveryFee: o.deliveryFee,
      currency: o.currency,
      address: o.address,
      // A delivery order always has a location; the store's is a harmless fallback for old rows.
      dropoff: { lat: o.lat ?? s.lat, lng: o.lng ?? s.lng },
      pickup: { lat: s.lat, lng: s.lng },
      storeName: s.name,
      storeAddress: s.address,
      dropoffRadiusM: s.dropoffRadiusM,
      handover: o.handover,
    }),
  );
}

/**
 * Each row built with its order and its store, read through their owners in one batch each; a row
 * whose order or store is missing is left out.
 */
export async function withOrderAndStore<R extends { order_id: string; store_id: string }, T>(
  db: Db,
  rows: readonly R[],
  build: (row: R, order: OrderForDispatch, store: StoreForDispatch) => T,
): Promise<T[]> {
  if (rows.length === 0) return [];
  const orders = await ordersForDispatch(
    db,
    rows.map((r) => r.order_id),
  );
  const stores = await storesForDispatch(
    db,
    rows.map((r) => r.store_id),
  );
  return rows.flatMap((r) => {
    const o = orders.get(r.order_id);
    const s = stores.get(r.store_id);
    return o && s ? [build(r, o, s)] : [];
  });
}

/** What every `delivery.*` outbox event about this delivery carries. */
export function eventBase(ctx: Pick<DeliveryContext, "id" | "orderId" | "storeId">) {
  return { deliveryId: ctx.id, orderId: ctx.orderId, storeId: ctx.storeId };
}

/** A store as the driver's screens show it. */
export function storePlace(s: StoreForDispatch) {
  return { id: s.id, name: s.name, address: s.address, lat: s.lat, lng: s.lng };
}

/** What the driver's app shows of a delivery they hold. */
export function currentView(c: DeliveryContext): TCurrentDeliveryView {
  return {
    deliveryId: c.id,
    orderId: c.orderId,
    orderNumber: c.orderNumber,
    status: c.status,
    store: {
      id: c.storeId,
      name: c.storeName,
      address: c.storeAddress,
      lat: c.pickup.lat,
      lng: c.pickup.lng,
    },
    dropoff: { lat: c.dropoff.lat, lng: c.dropoff.lng, address: c.address },
    paymentMethod: c.paymentMethod,
    cashDue: c.paymentMethod === "cash" ? c.total : 0,
    currency: c.currency,
    etaPickupAt: iso(c.etaPickupAt),
    etaDropoffAt: iso(c.etaDropoffAt),
    codeRequired: c.handover.required,
    codeLocked: handoverLocked(c.handover),
    codeConfirmed: c.handover.confirmedBy !== null,
  };
}

/** Five wrong codes and no manager's confirmation yet. */
export const handoverLocked = (h: DeliveryContext["handover"]): boolean =>
  h.required && h.confirmedBy === null && h.failures >= MAX_HANDOVER_ATTEMPTS;
