// The order state machine of ARCHITECTURE.md §4, in one place. Everything that moves an order
// (staff, the kitchen autopilot, payments, dispatch, drivers) goes through OrdersService.transition,
// which asks this file first.
import type { OrderStatus, Role } from "@pizza/db";

export const ORDER_STATUSES: readonly OrderStatus[] = [
  "pending_payment",
  "placed",
  "preparing",
  "baking",
  "quality_check",
  "ready",
  "out_for_delivery",
  "delivered",
  "picked_up",
  "cancelled",
];

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

/** Statuses in which an order's items may still change (ARCHITECTURE.md §4: until preparing starts). */
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
