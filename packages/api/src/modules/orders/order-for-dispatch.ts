// What dispatch needs to know about orders (the delivery module reads orders only through here): the
// fields of its screens, drop-off and tracking, and the bag's contents. Batched by ids.
import type { Database, Kysely, OrderStatus } from "@pizza/db";

/** An order as dispatch sees it. */
export interface OrderForDispatch {
  id: string;
  regionCode: string;
  storeId: string;
  channel: "delivery" | "carryout";
  status: OrderStatus;
  orderNumber: number;
  customerId: string;
  paymentMethod: "card" | "cash";
  total: number;
  tip: number;
  deliveryFee: number;
  currency: string;
  address: unknown;
  lat: number | null;
  lng: number | null;
  notes: string | null;
  readyEstimateAt: Date | null;
  /** Whether a handover code is needed (never the code itself: dispatch and drivers do not see it). */
  handover: HandoverState;
}

/** An order's handover code as everyone but its customer may know it (orders/handover-code.ts). */
export interface HandoverState {
  required: boolean;
  failures: number;
  confirmedBy: string | null;
  verifiedAt: Date | null;
}

/** The orders with these ids (missing ids are left out), keyed by id. */
export async function ordersForDispatch(
  db: Kysely<Database>,
  ids: readonly string[],
): Promise<Map<string, OrderForDispatch>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await db
    .selectFrom("orders")
    .select([
      "id",
      "region_code",
      "store_id",
      "channel",
      "status",
      "order_number",
      "customer_id",
      "payment_method",
      "total",
      "tip",
      "delivery_fee",
      "currency",
      "address",
      "lat",
      "lng",
      "notes",
      "ready_estimate_at",
      "handover_code",
      "handover_failures",
      "handover_confirmed_by",
      "handover_verified_at",
    ])
    .where("id", "in", unique)
    .execute();
  return new Map(
    rows.map((r) => [
      r.id,
      {
        id: r.id,
        regionCode: r.region_code,
        storeId: r.store_id,
        channel: r.channel,
        status: r.status,
        orderNumber: Number(r.order_number),
        customerId: r.customer_id,
        paymentMethod: r.payment_method,
        total: r.total,
        tip: r.tip,
        deliveryFee: r.delivery_fee,
        currency: r.currency.trim(),
        address: r.address,
        lat: r.lat,
        lng: r.lng,
        notes: r.notes,
        readyEstimateAt: r.ready_estimate_at,
        handover: {
          required: r.handover_code !== null,
          failures: r.handover_failures,
          confirmedBy: r.handover_confirmed_by,
          verifiedAt: r.handover_verified_at,
        },
      },
    ]),
  );
}

/** One order as dispatch sees it, or undefined. */
export async function orderForDispatch(
  db: Kysely<Database>,
  id: string,
): Promise<OrderForDispatch | undefined> {
  return (await ordersForDispatch(db, [id])).get(id);
}

/** What is in the bag: the orders' lines in order, grouped by order id. */
export async function bagContents(
  db: Kysely<Database>,
  orderIds: readonly string[],
): Promise<Map<string, { name: string; kind: string; quantity: number }[]>> {
  const out = new Map<string, { name: string; kind: string; quantity: number }[]>();
  if (orderIds.length === 0) return out;
  const rows = await db
    .selectFrom("order_items")
    .select(["order_id", "name", "kind", "quantity"])
    .where("order_id", "in", [...new Set(orderIds)])
    .orderBy("line_no")
    .execute();
  for (const r of rows) {
    const list = out.get(r.order_id) ?? [];
    list.push({ name: r.name, kind: r.kind, quantity: r.quantity });
    out.set(r.order_id, list);
  }
  return out;
}
