// Where an order is: the status sentence (with the ETA or the reason it was cancelled) and the steps of
// its life with the time each was reached.
import { ORDER_STATUSES, type OrderStatus } from "@pizza/contracts";
import { type MessageKey, useT } from "../../i18n/index.tsx";
import { appLocale } from "../../lib/app-locale.ts";
import type { OrderView, TrackView } from "../../order-state.ts";
import { Link } from "../../router.tsx";

const LABELS: Record<string, MessageKey> = {
  pending_payment: "stage.pending_payment",
  placed: "stage.placed",
  preparing: "stage.preparing",
  baking: "stage.baking",
  quality_check: "stage.quality_check",
  ready: "stage.ready",
  out_for_delivery: "stage.out_for_delivery",
  delivered: "stage.delivered",
  picked_up: "stage.picked_up",
  cancelled: "stage.cancelled",
} satisfies Record<OrderStatus, MessageKey>;

// The steps shown, in the order of an order's life; payment and cancellation are said, not drawn.
const shown = (skip: OrderStatus[]): string[] => ORDER_STATUSES.filter((s) => !skip.includes(s));
const DELIVERY_STAGES = shown(["pending_payment", "picked_up", "cancelled"]);
const CARRYOUT_STAGES = shown(["pending_payment", "out_for_delivery", "delivered", "cancelled"]);

/** "14:05" in the customer's locale, or "" for a time not known yet. */
export const clockTime = (iso: string | null) =>
  iso ? new Date(iso).toLocaleTimeString(appLocale(), { hour: "2-digit", minute: "2-digit" }) : "";

const reachedAt = (t: TrackView, status: string) => t.timeline.find((x) => x.status === status)?.at ?? null;

/** The status in words, what comes next (arrival or ready time), and a way to pay while payment is due. */
export function OrderStatusLine({
  track: t,
  channel,
  current,
  eta,
}: {
  track: TrackView;
  channel: OrderView["channel"];
  current: string;
  eta: string | null | undefined;
}) {
  const tr = useT();
  const time = clockTime;
  const when = (s: string) => reachedAt(t, s);
  return (
    <>
      <p className="track__status" aria-live="polite" data-testid="order-status" data-status={current}>
        <strong>{LABELS[current] ? tr(LABELS[current]) : current}</strong>
        {current === "delivered" || current === "picked_up"
          ? ` ${tr("track.doneAt", { time: time(when(current)) })}`
          : current === "cancelled"
            ? // A sentence of ours (e.g. an unpaid order that expired) stands on its own; a short reason follows a colon.
              `${t.cancelReason ? (t.cancelReason.endsWith(".") ? `. ${t.cancelReason}` : `: ${t.cancelReason}`) : ""}`
            : eta
              ? ` · ${tr(channel === "delivery" ? "track.arrivesAbout" : "track.readyAbout", { time: time(eta) })}`
              : ""}
      </p>
      {current === "pending_payment" ? (
        <div className="alert alert--info">
          {tr("track.waitingPayment")} <Link to={`/pay?order=${t.orderId}`}>{tr("track.payNow")}</Link>
        </div>
      ) : null}
    </>
  );
}

/** The steps of the order's life (delivery or carryout), done, current or to come. */
export function OrderProgress({
  track: t,
  channel,
  current,
}: {
  track: TrackView;
  channel: OrderView["channel"];
  current: string;
}) {
  const tr = useT();
  const stages = channel === "delivery" ? DELIVERY_STAGES : CARRYOUT_STAGES;
  const reachedIndex =
    current === "cancelled" ? -1 : stages.indexOf(current === "pending_payment" ? "" : current);
  return (
    <ol className="tracker" aria-label={tr("track.progress")}>
      {stages.map((s, i) => {
        const state = i < reachedIndex ? "done" : i === reachedIndex ? "current" : "todo";
        return (
          <li
            key={s}
            className={`tracker__step tracker__step--${state}`}
            aria-current={state === "current" ? "step" : undefined}
            data-stage={s}
            data-state={state}
          >
            <span className="tracker__dot" aria-hidden="true" />
            <span className="tracker__label">{LABELS[s] ? tr(LABELS[s]) : s}</span>
            <span className="tracker__time small muted">{clockTime(reachedAt(t, s))}</span>
          </li>
        );
      })}
    </ol>
  );
}
