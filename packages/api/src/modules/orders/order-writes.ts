// The one write path of an order's state. Every change — place, pay, advance, undo, cancel, dispatch
// hand-off, pick-up, delivery, expiry, a change of lines — is checked and written here: the edge and
// the actor (order-state.ts), the optimistic version bump, the history row and the outbox events, all in
// the caller's transaction. `placement` gives place()'s single statement the same rows, so the hot path
// keeps its one round trip without being a second path.
import type { Database, OrderStatus, QueryCreator, Transaction } from "@pizza/db";
import { sql } from "@pizza/db";
import { conflict, forbidden, preconditionFailed } from "../../errors.ts";
import type { Message } from "../../i18n/message.ts";
import { type OutboxMessage, outboxFrom } from "../../infra/outbox.ts";
import { eventPayload, ORDER_COLUMNS, type OrderEventPayload, type OrderRow } from "./order-rows.ts";
import { type Actor, actorMayMove, canTransition, EDITABLE, isUndoEdge, UNDO_NOTE } from "./order-state.ts";

/** The order's money columns an edit may set (re-priced on the server). */
export interface RepricedColumns {
  subtotal: number;
  discount: number;
  /** The deals' part of `discount` (reports tell it from the reward's and the promo's). */
  deal_discount: number;
  /** The deals applied as JSON (`OrderDeal[]`), for the tracker and receipts. */
  deals: string;
  delivery_fee: number;
  tax: number;
  /** The tax breakdown as JSON (pricing/tax-lines.ts `TaxLine[]`). */
  tax_lines: string;
  tip: number;
  total: number;
  promo_code_id: string | null;
  /** Set (both null) when the order's loyalty reward no longer applies and its points were returned. */
  reward_id?: null;
  reward_points?: null;
  notes?: string | null;
}

export type OrderChange =
  /**
   * A move along the state machine. `note` goes to the history (and to cancel_reason); `noteMessage` is
   * the catalog message it was written from, kept with a cancel so the tracker can say it in any language.
   */
  | { kind: "move"; to: OrderStatus; note?: string | null | undefined; noteMessage?: Message | undefined }
  /** The kitchen's undo of its last bump (order-state.ts `undoTarget` has checked the window). */
  | { kind: "undo"; to: OrderStatus }
  /** New lines, promo or tip while the order is still editable; the status stays. */
  | { kind: "edit"; set: RepricedColumns; note: string };

export interface WrittenChange {
  /** The order as it is now. */
  row: OrderRow;
  /** What the events of this change carry (status, previousStatus, version, at…). */
  payload: OrderEventPayload;
}

const label = (s: OrderStatus) => s.replace(/_/g, " ");

/** Is this change allowed for this order and actor? Throws the error the caller answers with. */
export function checkChange(
  o: OrderRow,
  change: { kind: "move" | "undo"; to: OrderStatus } | { kind: "edit" },
  actor: Actor,
  expectedVersion: number | undefined,
): void {
  if (change.kind === "move") {
    const edge = canTransition(o.status, change.to, o.channel);
    if (!edge.ok)
      throw preconditionFailed(edge.reason, {
        reason: "invalid_transition",
        status: o.status,
        version: o.version,
      });
    const allowed = actorMayMove(actor, o.status, change.to);
    if (!allowed.ok) throw forbidden(allowed.reason);
  } else if (change.kind === "undo") {
    if (!isUndoEdge(o.status, change.to))
      throw preconditionFailed(`An order that is ${label(o.status)} cannot go back to ${label(change.to)}.`, {
        reason: "cannot_undo",
        status: o.status,
        version: o.version,
      });
  } else if (!EDITABLE.includes(o.status)) {
    throw preconditionFailed(
      o.status === "cancelled"
        ? "This order was cancelled, so it can no longer be changed."
        : `The kitchen has started on this order (it is ${label(o.status)}), so it can no longer be changed.`,
      { reason: "not_editable", status: o.status },
    );
  }
  if (expectedVersion !== undefined && expectedVersion !== o.version) {
    throw conflict(
      `The order has changed since you saw it (it is now ${label(o.status)}); reload and try again.`,
      { reason: "stale_version", status: o.status, version: o.version },
    );
  }
}

/**
 * Checks and writes one change of `o` (as read in this transaction), in one statement: the order row
 * moves only if nobody changed it since (`version` = what was read; of two concurrent changes exactly one
 * wins, the other gets CONFLICT), and only then — both insert from the update's row — a history row
 * records who and why and the change's events (`order.status_changed` for a move or undo, `order.updated`
 * for an edit, plus `extra`) go to the outbox; all or nothing with the caller's transaction. Three round
 * trips were one each on every status change of a busy night (bench:peak, issue 19).
 */
export async function writeOrderChange(
  trx: Transaction<Database>,
  o: OrderRow,
  change: OrderChange,
  opts: {
    actor: Actor;
    at: Date;
    expectedVersion?: number | undefined;
    /** More events of the same change (order.ready, order.cancelled…), built from its payload. */
    extra?: (payload: OrderEventPayload) => OutboxMessage[];
  },
): Promise<WrittenChange> {
  checkChange(o, change, opts.actor, opts.expectedVersion);
  const to = change.kind === "edit" ? o.status : change.to;
  const note = change.kind === "undo" ? UNDO_NOTE : (change.note ?? null);
  // The update either bumps `version` by one or writes nothing: the events can be built before it.
  const version = o.version + 1;
  const payload = eventPayload(o, to, o.status, version, opts.at);
  const events = [...changeEvents(o, change, payload, note), ...(opts.extra?.(payload) ?? [])];
  const history = historyRow(o, to, version, opts.actor, note, opts.at, o.status);
  const row = await trx
    .with("u", (db) =>
      db
        .updateTable("orders")
        .set({
          ...(change.kind === "edit" ? change.set : { status: to }),
          ...(change.kind === "move" && to === "cancelled"
            ? cancelReasonColumns(note, change.noteMessage)
            : {}),
          version: sql`version + 1`,
          updated_at: opts.at,
        })
        .where("id", "=", o.id)
        .where("region_code", "=", o.region_code)
        .where("version", "=", o.version)
        .returning(ORDER_COLUMNS),
    )
    .with("h", (db) => historyFrom(db, "u", history))
    .with("x", (db) => outboxFrom(db, "u", events))
    .selectFrom("u")
    .selectAll()
    .executeTakeFirst();
  if (!row) {
    throw conflict("Someone else changed this order at the same moment; reload and try again.", {
      reason: "stale_version",
    });
  }
  return { row, payload };
}

/** `order.status_changed` for a move or undo, `order.updated` (with the new total) for an edit. */
function changeEvents(
  o: OrderRow,
  change: OrderChange,
  payload: OrderEventPayload,
  note: string | null,
): OutboxMessage[] {
  if (change.kind === "edit") {
    const update = {
      ...payload,
      previousTotal: o.total,
      total: change.set.total,
      currency: o.currency.trim(),
      note,
    };
    return [{ topic: "order.updated", aggregateId: o.id, payload: update }];
  }
  return [
    {
      topic: "order.status_changed",
      aggregateId: o.id,
      payload: change.kind === "undo" ? { ...payload, correction: UNDO_NOTE } : payload,
    },
  ];
}

/**
 * A history row's insert as one step of a larger statement: written once for each row `source` (a CTE
 * of the same statement) gives, not at all when it gives none (an update that lost its race, an order
 * whose kitchen slot was full). The parameters take the columns' types, as in `VALUES`.
 */
export function historyFrom<DB extends Database, S extends keyof DB & string>(
  db: QueryCreator<DB>,
  source: S,
  row: ReturnType<typeof historyRow>,
) {
  return (db as unknown as QueryCreator<Database>)
    .insertInto("order_status_history")
    .columns(HISTORY_COLUMNS)
    .expression(
      sql`select ${sql.join(HISTORY_COLUMNS.map((c) => sql.val(row[c])))} from ${sql.table(source)}`,
    );
}

const HISTORY_COLUMNS = [
  "order_id",
  "region_code",
  "from_status",
  "to_status",
  "version",
  "actor_id",
  "actor_role",
  "note",
  "at",
] as const satisfies readonly (keyof ReturnType<typeof historyRow>)[];

/**
 * A note in an order's history that changes nothing (same status, same version): e.g. "the payment of
 * 2599 USD was for an older version of this order and was refunded". The tracker shows it.
 */
export async function writeOrderNote(
  trx: Transaction<Database>,
  orderId: string,
  note: string,
  actor: Actor,
  at: Date,
): Promise<void> {
  const o = await trx
    .selectFrom("orders")
    .select(["id", "region_code", "status", "version"])
    .where("id", "=", orderId)
    .executeTakeFirst();
  if (!o) return;
  await trx
    .insertInto("order_status_history")
    .values(historyRow(o, o.status, o.version, actor, note, at, o.status))
    .execute();
}

/** What a cancel stores about why: the text, and the catalog key and arguments when the server wrote it. */
function cancelReasonColumns(note: string | null, message: Message | undefined) {
  return {
    cancel_reason: note,
    cancel_reason_key: message?.key ?? null,
    cancel_reason_args: message ? JSON.stringify(message.args) : null,
  };
}

/** The history row of a change (also the first row, written by place()'s statement). */
export function historyRow(
  o: { id: string; region_code: string },
  to: OrderStatus,
  version: number,
  actor: Actor,
  note: string | null,
  at: Date,
  from: OrderStatus | null,
) {
  return {
    order_id: o.id,
    region_code: o.region_code,
    from_status: from,
    to_status: to,
    version,
    actor_id: actor === "system" ? null : actor.id,
    actor_role: actor === "system" ? "system" : actor.role,
    note,
    at,
  };
}

/** The status a new order starts in: a card order waits for its payment, a cash order is placed at once. */
export function firstStatus(paymentMethod: "card" | "cash"): OrderStatus {
  return paymentMethod === "cash" ? "placed" : "pending_payment";
}
