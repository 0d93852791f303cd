// The one way an order changes status: checks the edge (order-state.ts) and the actor, bumps `version`
// optimistically (UPDATE … WHERE version = seen), writes the history row and the outbox events in one
// transaction (order-writes.ts). Of two concurrent moves from the same version exactly one wins; the
// other gets CONFLICT. Cancelling also releases stock, the promo redemption and the kitchen slot, then
// runs the `onCancelled` hooks, all in the same transaction. Cancel, advance, payments, delivery, expiry
// and the kitchen autopilot all come here.

import type { Database, OrderStatus, Transaction } from "@pizza/db";
import type { Message } from "../../i18n/message.ts";
import { withDbRetry } from "../../infra/db-retry.ts";
import type { OutboxMessage } from "../../infra/outbox.ts";
import { staffStoreOf } from "../auth/user-profile.ts";
import { releaseSlot } from "./kitchen-capacity.ts";
import type { OrdersContext } from "./order-context.ts";
import { iso, type OrderEventPayload, type OrderRow } from "./order-rows.ts";
import type { Actor } from "./order-state.ts";
import { releaseStock } from "./order-stock.ts";
import { writeOrderChange } from "./order-writes.ts";

export interface TransitionOptions {
  expectedVersion?: number | undefined;
  /**
   * Why: words a person typed, kept as typed, or a catalog message (a cancel the server decided), whose
   * English text is the note and whose key and arguments let the tracker say it in the reader's language.
   */
  note?: string | Message | undefined;
  /** Run inside the caller's transaction (payments moves pending_payment → placed in its own). */
  trx?: Transaction<Database> | undefined;
}

export interface TransitionResult {
  orderId: string;
  status: OrderStatus;
  previousStatus: OrderStatus;
  version: number;
  at: string;
}

type Trx = Transaction<Database>;

export async function transitionOrder(
  ctx: OrdersContext,
  orderId: string,
  to: OrderStatus,
  actor: Actor,
  opts: TransitionOptions = {},
): Promise<TransitionResult> {
  let storeToRefresh: string | null = null;
  const run = async (trx: Trx): Promise<TransitionResult> => {
    const o = await ctx.queries.row(orderId, trx);
    await assertActorSees(ctx, trx, o, actor);
    const at = ctx.now();
    const noteMessage = typeof opts.note === "object" ? opts.note : undefined;
    const note = typeof opts.note === "object" ? opts.note.text : (opts.note ?? null);
    const { payload } = await writeOrderChange(
      trx,
      o,
      { kind: "move", to, note, noteMessage },
      { actor, at, expectedVersion: opts.expectedVersion, extra: (p) => moveEvents(o, to, note, p, actor) },
    );
    if (to === "cancelled" && (await releaseCancelled(ctx, trx, o, payload, actor, note)))
      storeToRefresh = o.store_id;
    return {
      orderId: o.id,
      status: to,
      previousStatus: o.status,
      version: payload.version,
      at: at.toISOString(),
    };
  };
  const result = opts.trx ? await run(opts.trx) : await withDbRetry(() => ctx.db.transaction().execute(run));
  if (storeToRefresh) await ctx.menus.invalidateStore(storeToRefresh);
  return result;
}

/** Drivers and staff too: another's order is NOT_FOUND, never a 403/412. `"system"` sees every order. */
async function assertActorSees(ctx: OrdersContext, trx: Trx, o: OrderRow, actor: Actor): Promise<void> {
  if (actor === "system") return;
  const user = { id: actor.id, role: actor.role, storeId: null as string | null, name: "" };
  if (actor.role === "staff") {
    // The actor carries no store; the staff member's store is read with the order, in its transaction.
    user.storeId = await staffStoreOf(trx, actor.id);
  }
  await ctx.queries.assertCanSee(user, o, trx);
}

/** The events a move writes besides `order.status_changed`: dispatch needs `order.ready`, payments `order.cancelled`. */
function moveEvents(
  o: OrderRow,
  to: OrderStatus,
  note: string | null,
  p: OrderEventPayload,
  actor: Actor,
): OutboxMessage[] {
  if (to === "ready") {
    const payload = {
      ...p,
      lat: o.lat,
      lng: o.lng,
      promisedAt: iso(o.promised_at),
      paymentMethod: o.payment_method,
      total: o.total,
    };
    return [{ topic: "order.ready", aggregateId: o.id, payload }];
  }
  if (to === "cancelled") {
    const payload = {
      ...p,
      reason: note,
      total: o.total,
      currency: o.currency.trim(),
      paymentMethod: o.payment_method,
      by: cancelledBy(actor),
    };
    return [{ topic: "order.cancelled", aggregateId: o.id, payload }];
  }
  return [];
}

/** Who cancelled, as the customer's message tells it: themselves, the store, or the platform (expiry). */
function cancelledBy(actor: Actor): "customer" | "store" | "system" {
  if (actor === "system") return "system";
  return actor.role === "customer" ? "customer" : "store";
}

/**
 * A cancelled order gives back its stock, promo redemption and kitchen slot (the lock order, README),
 * then the `onCancelled` hooks run. Answers whether counted stock changed (the menu must be refreshed).
 */
async function releaseCancelled(
  ctx: OrdersContext,
  trx: Trx,
  o: OrderRow,
  payload: OrderEventPayload,
  actor: Actor,
  reason: string | null,
): Promise<boolean> {
  const stockChanged = await releaseStock(trx, o.id);
  await ctx.promos.release(trx, o.id);
  if (o.ready_estimate_at) await releaseSlot(trx, o.store_id, o.ready_estimate_at, o.kitchen_claims);
  const order = { ...payload, total: o.total, currency: o.currency.trim(), paymentMethod: o.payment_method };
  for (const hook of ctx.onCancelled) await hook({ trx, order, actor, reason });
  return stockChanged;
}
