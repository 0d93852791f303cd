// The order state machine (docs/architecture.md, "The order state machine"), in one place. Everything
// that moves an order (staff, the kitchen autopilot, payments, dispatch, drivers, expiry) is written by
// order-writes.ts, which asks this file first.
import type { OrderStatus, Role } from "@pizza/db";

/** The kitchen stages in order; a stage's timestamp is when the order entered it. */
export const KITCHEN_STAGES: readonly OrderStatus[] = [
  "placed",
  "preparing",
  "baking",
  "quality_check",
  "ready",
];

const NEXT: Record<OrderStatus, readonly OrderStatus[]> = {
  pending_payment: ["placed", "cancelled"],
  placed: ["preparing", "cancelled"],
  preparing: ["baking", "cancelled"],
  baking: ["quality_check", "cancelled"],
  quality_check: ["ready", "cancelled"],
  ready: ["out_for_delivery", "picked_up", "cancelled"],
  out_for_delivery: ["delivered"],
  delivered: [],
  picked_up: [],
  cancelled: [],
};

export const TERMINAL: readonly OrderStatus[] = ["delivered", "picked_up", "cancelled"];

/** Statuses in which an order's items may still change (until preparing starts). */
export const EDITABLE: readonly OrderStatus[] = ["pending_payment", "placed"];

export type Actor = { id: string; role: Role } | "system";

export type TransitionCheck = { ok: true } | { ok: false; reason: string };

const label = (s: OrderStatus) => s.replace(/_/g, " ");

/** Is `from → to` an edge of the machine, for an order of this channel? */
export function canTransition(
  from: OrderStatus,
  to: OrderStatus,
  channel: "delivery" | "carryout",
): TransitionCheck {
  if (from === to) return { ok: false, reason: `The order is already ${label(to)}.` };
  if (!NEXT[from].includes(to)) {
    if (to === "cancelled")
      return { ok: false, reason: `An order that is ${label(from)} can no longer be cancelled.` };
    if (TERMINAL.includes(from))
      return { ok: false, reason: `The order is ${label(from)}; it cannot change any more.` };
    return { ok: false, reason: `An order that is ${label(from)} cannot move to ${label(to)}.` };
  }
  if (to === "picked_up" && channel !== "carryout")
    return { ok: false, reason: "Only a carryout order is picked up at the store." };
  if (to === "out_for_delivery" && channel !== "delivery")
    return { ok: false, reason: "A carryout order is not delivered." };
  return { ok: true };
}

/**
 * Who may make a move. Customers only cancel, and only before preparation; staff and admins run the
 * kitchen, hand out carryout orders and cancel anything not yet on the road; drivers take a ready
 * order out and deliver it (the delivery module checks it is theirs); "system" (payments, the
 * autopilot, dispatch) may make any move the machine allows.
 */
export function actorMayMove(actor: Actor, from: OrderStatus, to: OrderStatus): TransitionCheck {
  if (actor === "system") return { ok: true };
  switch (actor.role) {
    case "customer":
      if (to === "cancelled" && EDITABLE.includes(from)) return { ok: true };
      if (to === "cancelled") {
        return {
          ok: false,
          reason:
            "The kitchen has started on your order, so it can no longer be cancelled here; please call the store.",
        };
      }
      return { ok: false, reason: "Only the store can move an order through the kitchen." };
    case "staff":
    case "admin":
      if (to === "placed" || to === "delivered")
        return { ok: false, reason: `Staff do not mark an order ${label(to)}.` };
      return { ok: true };
    case "driver":
      if (to === "out_for_delivery" || to === "delivered") return { ok: true };
      return { ok: false, reason: "A driver only picks up and delivers orders." };
  }
}

// ── undoing a bump ───────────────────────────────────────────────────────────────────────────

/** How long after a bump the kitchen may take it back. */
export const UNDO_WINDOW_MS = 2 * 60_000;

/** The history note of an undo (the correction's reason). */
export const UNDO_NOTE = "undo";
/** How the history note of a change of lines begins (update-order.ts); ticket-prints.ts finds edits by it. */
export const EDIT_NOTE_PREFIX = "items changed:";

/** The stage each kitchen stage was bumped from: the only backward moves there are. */
const BUMPED_FROM: Partial<Record<OrderStatus, OrderStatus>> = {
  preparing: "placed",
  baking: "preparing",
  quality_check: "baking",
  ready: "quality_check",
};

/** Is `from → to` the backward move of an undo (one kitchen stage back)? */
export function isUndoEdge(from: OrderStatus, to: OrderStatus): boolean {
  return BUMPED_FROM[from] === to;
}

export interface LastChange {
  from: OrderStatus | null;
  to: OrderStatus;
  note: string | null;
  at: Date;
}

export type UndoCheck = { ok: true; to: OrderStatus } | { ok: false; reason: string };

/**
 * May the last bump of an order be undone (one kitchen stage back)? Only if the order's last change
 * was that forward kitchen bump (not an undo, not an item change), made less than UNDO_WINDOW_MS ago,
 * and the order has not left the kitchen: a ready delivery order is already with dispatch.
 */
export function undoTarget(
  order: { status: OrderStatus; channel: "delivery" | "carryout" },
  last: LastChange | undefined,
  now: Date,
): UndoCheck {
  const { status } = order;
  if (status === "out_for_delivery" || TERMINAL.includes(status))
    return {
      ok: false,
      reason: `The order is ${label(status)}; only a bump still in the kitchen can be undone.`,
    };
  if (status === "ready" && order.channel === "delivery")
    return {
      ok: false,
      reason:
        "This delivery order is ready and dispatch is already finding its driver, so it cannot go back to the kitchen.",
    };
  const back = BUMPED_FROM[status];
  if (!back) return { ok: false, reason: "Nothing to undo: the kitchen has not started on this order yet." };
  if (!last || last.to !== status)
    return { ok: false, reason: "Nothing to undo: the order's last change was not a bump." };
  if (last.note === UNDO_NOTE)
    return { ok: false, reason: "The last bump of this order was already undone." };
  if (last.from !== back)
    return { ok: false, reason: "Nothing to undo: the order's last change was not a bump." };
  const ago = now.getTime() - last.at.getTime();
  if (ago > UNDO_WINDOW_MS)
    return {
      ok: false,
      reason: `The last bump was ${Math.floor(ago / 60_000)} minutes ago; a bump can only be undone within ${UNDO_WINDOW_MS / 60_000} minutes.`,
    };
  return { ok: true, to: back };
}
