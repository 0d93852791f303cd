import type { OrderStatus } from "@pizza/api/realtime-types";

/** Hours and minutes in the screen's own locale (due times, oven times). */
export const timeFmt = new Intl.DateTimeFormat(undefined, { hour: "2-digit", minute: "2-digit" });

/** The kitchen display's columns, left to right. */
export const COLUMNS = [
  { status: "placed", title: "New" },
  { status: "preparing", title: "Prep" },
  { status: "baking", title: "Oven" },
  { status: "quality_check", title: "Check" },
  { status: "ready", title: "Ready" },
  { status: "out_for_delivery", title: "Out" },
] as const satisfies readonly { status: OrderStatus; title: string }[];

export const ACTIVE_STATUSES: OrderStatus[] = COLUMNS.map((c) => c.status);

/** What `order.advance` accepts as a target. */
export type BumpTarget = "preparing" | "baking" | "quality_check" | "ready" | "picked_up";

/**
 * The next stage a bump moves an order to, or null when staff cannot move it: a ready delivery order
 * leaves with its driver (dispatch moves it), and an order on the road is the driver's.
 */
export function nextStage(status: OrderStatus, channel: "delivery" | "carryout"): BumpTarget | null {
  switch (status) {
    case "placed":
      return "preparing";
    case "preparing":
      return "baking";
    case "baking":
      return "quality_check";
    case "quality_check":
      return "ready";
    case "ready":
      return channel === "carryout" ? "picked_up" : null;
    default:
      return null;
  }
}

export const STAGE_LABEL: Record<OrderStatus, string> = {
  pending_payment: "awaiting payment",
  placed: "new",
  preparing: "prep",
  baking: "oven",
  quality_check: "quality check",
  ready: "ready",
  out_for_delivery: "out for delivery",
  delivered: "delivered",
  picked_up: "picked up",
  cancelled: "cancelled",
};

export type Lateness = "ok" | "warn" | "late";

/** Amber from `warnMs` before the due time, red once it has passed. */
export function lateness(now: number, dueAt: number, warnMs = 3 * 60_000): Lateness {
  if (now >= dueAt) return "late";
  if (now >= dueAt - warnMs) return "warn";
  return "ok";
}

/** "4:07" for 247 s; negative durations are shown with a minus. */
export function clock(ms: number): string {
  const sign = ms < 0 ? "-" : "";
  const s = Math.floor(Math.abs(ms) / 1000);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = String(s % 60).padStart(2, "0");
  return h > 0 ? `${sign}${h}:${String(m).padStart(2, "0")}:${sec}` : `${sign}${m}:${sec}`;
}

/** The oven time of the demo kitchen (kitchen-autopilot.ts): a pizza comes out about 7 minutes after it went in. */
export const BAKE_MS = 7 * 60_000;

export type Placement = "whole" | "left" | "right";

export function placementLabel(placement: Placement): string {
  return placement === "whole" ? "WHOLE" : placement === "left" ? "LEFT ½" : "RIGHT ½";
}

// ── the bump bar ──────────────────────────────────────────────────────────────────────────────────

export interface BumpBarState {
  /** Digits typed so far (a ticket's number on screen). */
  typed: string;
  /** When the last digit was typed (the buffer clears after a pause). */
  typedAt: number;
}

export type BumpBarAction =
  | { kind: "select"; index: number }
  | { kind: "bump" }
  | { kind: "recall" }
  | { kind: "undo" }
  | { kind: "move"; by: number }
  | { kind: "none" };

export const BUMP_BAR_IDLE: BumpBarState = { typed: "", typedAt: 0 };

/**
 * A bump bar is a keyboard: digits select a ticket by its on-screen number (two digits typed within
 * a second make 12), Enter / Space / B bump the selected ticket, R recalls the last bumped one, U
 * undoes the last bump (within two minutes), and the arrow keys move the selection.
 */
export function bumpBarKey(
  state: BumpBarState,
  key: string,
  now: number,
  ticketCount: number,
): { state: BumpBarState; action: BumpBarAction } {
  if (/^[0-9]$/.test(key)) {
    const typed = (now - state.typedAt < 1000 ? state.typed : "") + key;
    const index = Number(typed);
    if (index >= 1 && index <= ticketCount)
      return { state: { typed, typedAt: now }, action: { kind: "select", index } };
    // "0" alone, or a number past the last ticket: start again from this digit.
    const single = Number(key);
    if (single >= 1 && single <= ticketCount)
      return { state: { typed: key, typedAt: now }, action: { kind: "select", index: single } };
    return { state: BUMP_BAR_IDLE, action: { kind: "none" } };
  }
  const k = key.toLowerCase();
  if (k === "enter" || k === " " || k === "b") return { state: BUMP_BAR_IDLE, action: { kind: "bump" } };
  if (k === "r") return { state: BUMP_BAR_IDLE, action: { kind: "recall" } };
  if (k === "u") return { state: BUMP_BAR_IDLE, action: { kind: "undo" } };
  if (k === "arrowright" || k === "arrowdown")
    return { state: BUMP_BAR_IDLE, action: { kind: "move", by: 1 } };
  if (k === "arrowleft" || k === "arrowup") return { state: BUMP_BAR_IDLE, action: { kind: "move", by: -1 } };
  return { state, action: { kind: "none" } };
}

/** "BBQ Chicken" from "bbq_chicken" when the menu has no name for an id. */
export function prettyId(id: string): string {
  const tail = id.includes(":") ? id.slice(id.indexOf(":") + 1) : id;
  return tail.replace(/[_-]+/g, " ").replace(/\b\w/g, (c) => c.toUpperCase());
}
