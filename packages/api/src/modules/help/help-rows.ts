// The help_requests row: its columns, its type (from the schema), and the views the API answers with.
import { formatMoney } from "@pizza/contracts";
import type { Database, Kysely } from "@pizza/db";
import type { Selectable } from "kysely";
import type { OrderView } from "../orders/order-rows.ts";
import type { PromosService } from "../promos/promos.service.ts";
import type { THelpRequestView } from "./help.schemas.ts";

export const HELP_COLUMNS = [
  "id",
  "order_id",
  "region_code",
  "store_id",
  "customer_id",
  "kind",
  "line_nos",
  "message",
  "photo_id",
  "status",
  "resolution_note",
  "refund_amount",
  "credit_amount",
  "credit_promo_id",
  "currency",
  "resolved_by",
  "resolved_at",
  "created_at",
] as const;

export type HelpRow = Pick<Selectable<Database["help_requests"]>, (typeof HELP_COLUMNS)[number]>;

export const KIND_WORDS: Record<HelpRow["kind"], string> = {
  missing_item: "missing item",
  wrong_item: "wrong item",
  late: "late",
  quality: "quality",
  other: "other",
};

/** An amount in words for notes and messages, with the currency's own number of digits. */
export function money(amount: number, currency: string): string {
  const digits = new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions()
    .maximumFractionDigits;
  return formatMoney(amount, currency, digits ?? 2, "en");
}

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

export function linesOf(order: Pick<OrderView, "items">, lineNos: readonly number[]) {
  return order.items
    .filter((i) => lineNos.includes(i.lineNo))
    .map((i) => ({ lineNo: i.lineNo, name: i.name, quantity: i.quantity, lineTotal: i.lineTotal }));
}

/** The customer's view of a request (the credit's code is theirs to type). */
export async function helpView(
  db: Kysely<Database>,
  promos: PromosService,
  row: HelpRow,
  order: Pick<OrderView, "items" | "orderNumber">,
): Promise<THelpRequestView> {
  const creditCode = row.credit_promo_id ? ((await promos.codeOf(db, row.credit_promo_id)) ?? null) : null;
  return {
    id: row.id,
    orderId: row.order_id,
    orderNumber: order.orderNumber,
    kind: row.kind,
    lines: linesOf(order, row.line_nos),
    message: row.message,
    hasPhoto: row.photo_id !== null,
    status: row.status,
    resolutionNote: row.resolution_note,
    refundAmount: row.refund_amount,
    creditAmount: row.credit_amount,
    creditCode,
    currency: row.currency.trim(),
    createdAt: iso(row.created_at)!,
    resolvedAt: iso(row.resolved_at),
  };
}
