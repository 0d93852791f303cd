// What other modules may hook into an order's transaction: payments refunds a cancelled order and
// adjusts an authorized amount when an order's total changes. The hooks run inside the orders module's
// transaction, so a hook that throws rolls the whole change back.
import type { Database, Transaction } from "@pizza/db";
import type { OrderEventPayload } from "./order-rows.ts";
import type { Actor } from "./order-state.ts";

/**
 * Runs INSIDE the cancel transaction, after the order's own writes. It must not call external services
 * (use the outbox events for that, e.g. `order.cancelled` → the gateway refund); it may write its own
 * rows with `trx`.
 */
export type CancelHook = (ctx: {
  trx: Transaction<Database>;
  order: OrderEventPayload & { total: number; currency: string; paymentMethod: "card" | "cash" };
  actor: Actor;
  reason: string | null;
}) => Promise<void>;

/** Runs INSIDE the update transaction; answers what the change did to money already taken. */
export type UpdateHook = (ctx: {
  trx: Transaction<Database>;
  order: OrderEventPayload;
  previousTotal: number;
  total: number;
  currency: string;
}) => Promise<PaymentAdjustment | undefined>;

/** What a change did to money already taken: how much goes back to the card (minor units). */
export interface PaymentAdjustment {
  refunded: number;
}
