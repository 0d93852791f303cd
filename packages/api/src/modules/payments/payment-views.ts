import type { Database, Kysely } from "@pizza/db";
import { notFound } from "../../errors.ts";
import { msg } from "../../i18n/message.ts";
import { actsForStore } from "../auth/store-access.ts";
import type { AuthUser } from "../auth/tokens.ts";
import type { GatewayIntent, PaymentGateway } from "./gateway/payment-gateway.ts";
import type { OrdersForLedger } from "./order-link.ts";
import { type AttemptRow, attemptsOf, PAID, type PaymentRow, paymentOfOrder } from "./payment-rows.ts";
import type { TPaymentResult, TPaymentView } from "./payments.schemas.ts";

/** What processPayment / confirmAction answer for a payment and one of its attempts. */
export async function resultOf(
  gateway: PaymentGateway,
  payment: PaymentRow,
  attempt: AttemptRow | undefined,
  intent?: GatewayIntent,
): Promise<TPaymentResult> {
  const base = {
    paymentId: payment.id,
    orderId: payment.order_id,
    amount: attempt?.amount ?? payment.amount,
    currency: payment.currency,
    attemptNo: attempt?.attempt_no ?? null,
    clientSecret: null,
    nextAction: null,
    declineReason: null,
    declineCode: null,
    card:
      attempt?.card_brand && attempt.card_last4
        ? { brand: attempt.card_brand, last4: attempt.card_last4 }
        : null,
  };
  if (payment.method === "cash")
    return { ...base, status: PAID.includes(payment.status) ? "succeeded" : "pending" };
  if (PAID.includes(payment.status) && (!attempt || attempt.status === "succeeded"))
    return { ...base, status: "succeeded" };
  switch (attempt?.status) {
    case "succeeded":
      return { ...base, status: "succeeded" };
    case "failed":
      return {
        ...base,
        status: "failed",
        declineReason: attempt.error_message,
        declineCode: attempt.error_code,
      };
    case "requires_action": {
      // The client secret is not stored: the gateway hands it out again.
      const seen =
        intent ??
        (payment.gateway_ref
          ? await gateway.retrieve(payment.gateway_ref).catch(() => undefined)
          : undefined);
      return {
        ...base,
        status: "requires_action",
        clientSecret: seen?.clientSecret ?? null,
        nextAction: seen?.nextAction ?? null,
      };
    }
    default:
      return { ...base, status: "processing" };
  }
}

/** The answer for the order's payment as it stands (the named attempt, or the latest). */
export async function currentResult(
  db: Kysely<Database>,
  gateway: PaymentGateway,
  orderId: string,
  attemptId?: string,
): Promise<TPaymentResult> {
  const payment = await paymentOfOrder(db, orderId);
  if (!payment) throw new Error(`order ${orderId} has no payment`);
  const attempts = await attemptsOf(db, payment.id);
  const attempt = attemptId ? attempts.find((a) => a.id === attemptId) : attempts.at(-1);
  return resultOf(gateway, payment, attempt);
}

/** The order's payment for its customer, the store's staff or an admin; brand and last four only. */
export async function paymentView(
  db: Kysely<Database>,
  orders: OrdersForLedger,
  caller: AuthUser,
  orderId: string,
): Promise<TPaymentView> {
  const order = await orders.orderForPayment(db, orderId);
  const allowed =
    order &&
    ((caller.role === "customer" && order.customer_id === caller.id) || actsForStore(caller, order.store_id));
  if (!allowed) throw notFound(msg("order.notFound"));
  const payment = await paymentOfOrder(db, orderId);
  if (!payment) return { orderId, payment: null };
  const [attempts, refunds] = await Promise.all([
    attemptsOf(db, payment.id),
    db
      .selectFrom("refunds")
      .select(["amount", "status", "reason", "created_at"])
      .where("payment_id", "=", payment.id)
      .orderBy("created_at")
      .execute(),
  ]);
  return {
    orderId,
    payment: {
      id: payment.id,
      method: payment.method,
      gateway: payment.gateway,
      status: payment.status,
      amount: payment.amount,
      amountRefunded: payment.amount_refunded,
      currency: payment.currency,
      updatedAt: new Date(payment.updated_at).toISOString(),
      attempts: attempts.map((a) => ({
        attemptNo: a.attempt_no,
        status: a.status,
        amount: a.amount,
        card: a.card_brand && a.card_last4 ? { brand: a.card_brand, last4: a.card_last4 } : null,
        declineReason: a.status === "failed" ? a.error_message : null,
        at: new Date(a.created_at).toISOString(),
      })),
      refunds: refunds.map((r) => ({
        amount: r.amount,
        status: r.status,
        reason: r.reason,
        at: new Date(r.created_at).toISOString(),
      })),
    },
  };
}
