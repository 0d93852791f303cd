// Order rows as read from the database, the views the API returns, and event payloads.
import type { Database, OrderItemConfig, OrderStatus } from "@pizza/db";
import type { Selectable } from "kysely";
import { type Message, storedMessage } from "../../i18n/message.ts";
import type { ResolvedLine } from "../menu/builder-rules.ts";
import type { TCartLine } from "../menu/menu.schemas.ts";
import type { TOrderLine, TOrderView } from "./order-views.schemas.ts";

/** An order line's columns besides its order's keys (what a view reads, what an insert writes after them). */
export const ITEM_LINE_COLUMNS = [
  "line_no",
  "item_id",
  "kind",
  "variant",
  "quantity",
  "config",
  "name",
  "unit_price",
  "line_total",
] as const;

export const ORDER_COLUMNS = [
  "id",
  "order_number",
  "region_code",
  "store_id",
  "customer_id",
  "channel",
  "status",
  "version",
  "payment_method",
  "address",
  "lat",
  "lng",
  "notes",
  "currency",
  "subtotal",
  "discount",
  "deals",
  "delivery_fee",
  "tax",
  "tax_included",
  "tax_lines",
  "tip",
  "total",
  "promo_code_id",
  "reward_id",
  "reward_points",
  "scheduled_for",
  "promised_at",
  "ready_estimate_at",
  "kitchen_claims",
  "cancel_reason",
  "cancel_reason_key",
  "cancel_reason_args",
  "created_at",
  "updated_at",
] as const;

/** An order as `ORDER_COLUMNS` reads it, typed from the table (`@pizza/db`), so a column change is a type error here. */
export type OrderRow = Pick<Selectable<Database["orders"]>, (typeof ORDER_COLUMNS)[number]>;

/** The views the API answers with are the types of their output schemas (orders.schemas.ts). */
export type OrderLineView = TOrderLine;
export type OrderView = TOrderView;

/** What every order event carries (`version` is the per-order sequence number: docs/architecture.md, "Events and real time"). */
export interface OrderEventPayload {
  orderId: string;
  orderNumber: number;
  regionCode: string;
  storeId: string;
  customerId: string;
  channel: "delivery" | "carryout";
  status: OrderStatus;
  previousStatus: OrderStatus | null;
  version: number;
  at: string;
  [extra: string]: unknown;
}

/**
 * Why an order was cancelled: the text as stored (English when the server wrote it, staff's words as typed)
 * and, when the server wrote it from the catalog, that message, said in the reader's language at the
 * procedure's edge (i18n/localize-output.ts) and left out of the answer by its output schema.
 */
export function cancelReasonOf(
  o: Pick<OrderRow, "cancel_reason" | "cancel_reason_key" | "cancel_reason_args">,
): {
  cancelReason: string | null;
  cancelReasonMessage?: Message;
} {
  const message = storedMessage(o.cancel_reason_key, o.cancel_reason_args);
  return { cancelReason: o.cancel_reason, ...(message ? { cancelReasonMessage: message } : {}) };
}

export const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

export function viewOf(
  o: OrderRow,
  items: OrderLineView[],
  promoCode: string | null,
): OrderView & { cancelReasonMessage?: Message } {
  return {
    id: o.id,
    orderNumber: o.order_number,
    regionCode: o.region_code,
    storeId: o.store_id,
    customerId: o.customer_id,
    channel: o.channel,
    status: o.status,
    version: o.version,
    paymentMethod: o.payment_method,
    address: o.address,
    lat: o.lat,
    lng: o.lng,
    notes: o.notes,
    currency: o.currency.trim(),
    subtotal: o.subtotal,
    discount: o.discount,
    deals: o.deals,
    deliveryFee: o.delivery_fee,
    tax: o.tax,
    taxIncluded: o.tax_included,
    taxLines: o.tax_lines,
    tip: o.tip,
    total: o.total,
    promoCode,
    scheduledFor: iso(o.scheduled_for),
    promisedAt: iso(o.promised_at)!,
    readyEstimateAt: iso(o.ready_estimate_at),
    ...cancelReasonOf(o),
    createdAt: iso(o.created_at)!,
    updatedAt: iso(o.updated_at)!,
    items,
  };
}

export function eventPayload(
  o: OrderRow,
  status: OrderStatus,
  previous: OrderStatus | null,
  version: number,
  at: Date,
): OrderEventPayload {
  return {
    orderId: o.id,
    orderNumber: o.order_number,
    regionCode: o.region_code,
    storeId: o.store_id,
    customerId: o.customer_id,
    channel: o.channel,
    status,
    previousStatus: previous,
    version,
    at: at.toISOString(),
  };
}

export function cartLineOf(
  itemId: string,
  variant: string,
  quantity: number,
  config: OrderItemConfig,
): TCartLine {
  return {
    itemId,
    ...(variant ? { variant } : {}),
    quantity,
    ...(config.crust ? { crust: config.crust } : {}),
    ...(config.sauce ? { sauce: config.sauce } : {}),
    ...(config.cheese ? { cheese: config.cheese } : {}),
    ...(config.toppings ? { toppings: config.toppings } : {}),
    ...(config.options && config.options.length > 0 ? { options: config.options } : {}),
  };
}

export function itemRows(orderId: string, regionCode: string, lines: readonly ResolvedLine[]) {
  return lines.map((l, i) => ({
    order_id: orderId,
    region_code: regionCode,
    line_no: i + 1,
    item_id: l.itemId,
    kind: l.kind,
    variant: l.variant,
    quantity: l.quantity,
    config: JSON.stringify(l.config),
    name: l.name,
    unit_price: l.unitPrice,
    line_total: l.unitPrice * l.quantity,
  }));
}
