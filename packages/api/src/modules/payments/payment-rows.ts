import { type Database, type Kysely, sql, type Transaction } from "@pizza/db";
import type { Selectable } from "kysely";
import type { GatewayIntent } from "./gateway/payment-gateway.ts";
import type { OrderForPayment } from "./order-link.ts";

/**
 * The payment and attempt rows: their columns, their types (from the database schema, so a column
 * change is a type error here), and the small reads and writes every payments use case shares.
 * Writes that change money or status run under the payment's row lock (`lockPayment`).
 */

type Trx = Transaction<Database>;

export type PaymentRow = Selectable<Database["payments"]>;
/**
 * `order_version`: the order version this attempt charges (null: recorded before migration 0008);
 * `captured_amount`: what the gateway captured for it (null: nothing captured, or not known yet).
 */
export type AttemptRow = Selectable<Database["payment_attempts"]>;
export type RefundRow = Selectable<Database["refunds"]>;

export const PAYMENT_COLUMNS = [
  "id",
  "order_id",
  "region_code",
  "customer_id",
  "method",
  "gateway",
  "gateway_ref",
  "amount",
  "currency",
  "status",
  "amount_refunded",
  "version",
  "created_at",
  "updated_at",
] as const satisfies readonly (keyof PaymentRow)[];

export const ATTEMPT_COLUMNS = [
  "id",
  "payment_id",
  "attempt_no",
  "idempotency_key",
  "client_request_id",
  "status",
  "amount",
  "card_brand",
  "card_last4",
  "error_code",
  "error_message",
  "gateway_ref",
  "order_version",
  "captured_amount",
  "created_at",
  "updated_at",
] as const satisfies readonly (keyof AttemptRow)[];

export const PAID: readonly PaymentRow["status"][] = ["succeeded", "partially_refunded", "refunded"];
export const OPEN: readonly AttemptRow["status"][] = ["started", "unknown"];

export function normalize<T extends { currency: string }>(row: T): T {
  // currency is char(3): trim what PostgreSQL pads.
  return { ...row, currency: row.currency.trim() };
}

/** The payment; with `lock` (inside a transaction), under its row lock, as every change of it is made. */
export async function paymentRow(
  db: Kysely<Database>,
  paymentId: string,
  opts: { lock?: boolean } = {},
): Promise<PaymentRow | undefined> {
  let query = db.selectFrom("payments").select(PAYMENT_COLUMNS).where("id", "=", paymentId);
  if (opts.lock) query = query.forNoKeyUpdate();
  const row = await query.executeTakeFirst();
  return row ? normalize(row) : undefined;
}

export const lockPayment = (trx: Trx, paymentId: string) => paymentRow(trx, paymentId, { lock: true });

/** The order's one payment, if it has one (unlocked: for answers, not for decisions). */
export async function paymentOfOrder(db: Kysely<Database>, orderId: string): Promise<PaymentRow | undefined> {
  const row = await db
    .selectFrom("payments")
    .select(PAYMENT_COLUMNS)
    .where("order_id", "=", orderId)
    .executeTakeFirst();
  return row ? normalize(row) : undefined;
}

/** The payment's attempts, oldest first. */
export async function attemptsOf(db: Kysely<Database>, paymentId: string): Promise<AttemptRow[]> {
  return db
    .selectFrom("payment_attempts")
    .select(ATTEMPT_COLUMNS)
    .where("payment_id", "=", paymentId)
    .orderBy("attempt_no")
    .execute();
}

/** The order's one payment row, created on first use, returned locked. */
export async function ensurePayment(
  trx: Trx,
  order: OrderForPayment,
  method: "card" | "cash",
  gateway: "stripe" | "simulated",
): Promise<PaymentRow> {
  await trx
    .insertInto("payments")
    .values({
      order_id: order.id,
      region_code: order.region_code,
      customer_id: order.customer_id,
      method,
      gateway: method === "cash" ? "cash" : gateway,
      amount: order.total,
      currency: order.currency,
      status: "pending",
      updated_at: new Date(),
    })
    .onConflict((oc) => oc.column("order_id").doNothing())
    .execute();
  const payment = await trx
    .selectFrom("payments")
    .select(PAYMENT_COLUMNS)
    .where("order_id", "=", order.id)
    .forNoKeyUpdate()
    .executeTakeFirstOrThrow();
  return normalize(payment);
}

export async function setAttempt(
  trx: Trx,
  attemptId: string,
  patch: Partial<
    Pick<
      AttemptRow,
      | "status"
      | "card_brand"
      | "card_last4"
      | "error_code"
      | "error_message"
      | "gateway_ref"
      | "captured_amount"
    >
  >,
) {
  await trx
    .updateTable("payment_attempts")
    .set({ ...patch, updated_at: new Date() })
    .where("id", "=", attemptId)
    .execute();
}

export async function setPayment(
  trx: Trx,
  payment: PaymentRow,
  patch: Partial<Pick<PaymentRow, "status" | "gateway_ref" | "amount" | "amount_refunded">>,
) {
  const updated = await trx
    .updateTable("payments")
    .set({ ...patch, version: sql`version + 1`, updated_at: new Date() })
    .where("id", "=", payment.id)
    .returning(PAYMENT_COLUMNS)
    .executeTakeFirstOrThrow();
  return normalize(updated);
}

/** The card columns of an attempt from the gateway's view of its intent (brand and last four only). */
export const cardOf = (intent: GatewayIntent) =>
  intent.card && /^\d{4}$/.test(intent.card.last4)
    ? { card_brand: intent.card.brand, card_last4: intent.card.last4 }
    : {};
