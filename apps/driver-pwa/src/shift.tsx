import { errorMessage, useTRPC } from "@pizza/ui";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { EarningsFigures, type Figures } from "./earnings.tsx";
import { km, money } from "./format.ts";

/** Clock in at one of the driver's stores. */
export function ClockIn() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const stores = useQuery(trpc.delivery.myStores.queryOptions());
  const goOnline = useMutation(
    trpc.delivery.goOnline.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.delivery.shiftSummary.queryKey() }),
    }),
  );
  return (
    <section className="card stack" aria-labelledby="clock-in-title">
      <h2 id="clock-in-title">Start your shift</h2>
      <p className="muted">
        Clock in at your store. Your location is shared with dispatch while you are on shift.
      </p>
      {stores.isPending ? <p className="muted">Loading your stores…</p> : null}
      {stores.error ? <div className="alert alert--error">{errorMessage(stores.error)}</div> : null}
      <ul className="store-list">
        {stores.data?.map((s) => (
          <li key={s.id} className="store-list__item">
            <div>
              <strong>{s.name}</strong>
              <div className="muted small">{s.address}</div>
            </div>
            <button
              type="button"
              className="button button--primary"
              disabled={goOnline.isPending}
              onClick={() => goOnline.mutate({ storeId: s.id })}
            >
              Clock in<span className="visually-hidden"> at {s.name}</span>
            </button>
          </li>
        ))}
      </ul>
      {goOnline.error ? (
        <div className="alert alert--error" role="alert">
          {errorMessage(goOnline.error)}
        </div>
      ) : null}
    </section>
  );
}

type DriverState = "available" | "break";

/** Available / on break / clock out. */
export function StatusControls({ state, holding }: { state: string; holding: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.delivery.shiftSummary.queryKey() });
  // The switch moves at once; it goes back if the server refuses.
  const [chosen, setChosen] = useState<DriverState | null>(null);
  const setStatus = useMutation(
    trpc.delivery.setStatus.mutationOptions({
      onSettled: async () => {
        await refresh();
        setChosen(null);
      },
    }),
  );
  const goOffline = useMutation(trpc.delivery.goOffline.mutationOptions({ onSuccess: refresh }));
  // "offered" is still available (an offer is waiting for an answer).
  const current: DriverState | "busy" =
    chosen ??
    (state === "break" ? "break" : state === "available" || state === "offered" ? "available" : "busy");
  const error = setStatus.error ?? goOffline.error;
  return (
    <section className="card stack" aria-label="Your status">
      {holding ? null : (
        <fieldset className="segmented status-switch">
          <legend className="segmented__legend">Status</legend>
          {(
            [
              ["available", "Available"],
              ["break", "On break"],
            ] as const
          ).map(([value, label]) => (
            <label key={value} className="segmented__option">
              <input
                type="radio"
                name="driver-status"
                value={value}
                checked={current === value}
                disabled={setStatus.isPending || holding}
                onChange={() => {
                  setChosen(value);
                  setStatus.mutate({ status: value });
                }}
              />
              <span>{label}</span>
            </label>
          ))}
        </fieldset>
      )}
      {holding ? <p className="muted small">On a delivery: no new offers until it is done.</p> : null}
      <button
        type="button"
        className="button button--ghost"
        disabled={goOffline.isPending || holding}
        onClick={() => goOffline.mutate(undefined)}
      >
        Clock out
      </button>
      {holding ? <p className="muted small">Finish your delivery before clocking out.</p> : null}
      {error ? (
        <div className="alert alert--error" role="alert">
          {errorMessage(error)}
        </div>
      ) : null}
    </section>
  );
}

export interface Summary {
  deliveries: number;
  distanceM: number;
  tips: number;
  currency: string;
  startedAt: string;
  endedAt: string | null;
  figures: Figures;
}

/** Deliveries, distance and tips of the current (or last) shift, then its time, money and cash. */
export function ShiftSummary({ summary, title }: { summary: Summary; title: string }) {
  const started = new Date(summary.startedAt);
  const ended = summary.endedAt ? new Date(summary.endedAt) : null;
  const time = (d: Date) => d.toLocaleTimeString(undefined, { hour: "2-digit", minute: "2-digit" });
  return (
    <section className="card stack" aria-labelledby="summary-title" data-testid="shift-summary">
      <h2 id="summary-title">{title}</h2>
      <p className="muted small">
        {time(started)} – {ended ? time(ended) : "now"}
      </p>
      <dl className="stats">
        <div>
          <dt>Deliveries</dt>
          <dd data-testid="summary-deliveries">{summary.deliveries}</dd>
        </div>
        <div>
          <dt>Distance</dt>
          <dd data-testid="summary-distance">{km(summary.distanceM)}</dd>
        </div>
        <div>
          <dt>Tips</dt>
          <dd data-testid="summary-tips">{money(summary.tips, summary.currency)}</dd>
        </div>
      </dl>
      <EarningsFigures figures={summary.figures} testId="shift-figures" />
    </section>
  );
}
